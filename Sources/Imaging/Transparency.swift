/// An 8-bit grey image with straight (not premultiplied) alpha, as a PNG with transparency
/// decodes before it is flattened.
///
/// `gray` and `alpha` are `[height, width]` row-major; `gray` is sRGB-encoded luminance
/// (0 = black), `alpha` 0 = transparent, 255 = opaque. `gray` under a fully transparent pixel
/// is what the file stores there when `grayUnderTransparentIsKnown` (8-bit files and
/// palettes); a 16-bit file is read premultiplied, which loses it (it is then 0).
struct GrayAlphaImage: Equatable, Sendable {
    /// Width in pixels.
    var width: Int
    /// Height in pixels.
    var height: Int
    /// Luminance, `[height, width]`.
    var gray: [UInt8]
    /// Opacity, `[height, width]`; nil for an image without transparency (all opaque).
    var alpha: [UInt8]?
    /// Whether `gray` holds the file's colour under fully transparent pixels.
    var grayUnderTransparentIsKnown = true
}

/// Flattening a transparent image onto the background that contrasts with its ink.
///
/// A digit drawn on a transparent canvas has its ink in the opaque pixels. Dark ink is put on
/// white and light ink (a white or yellow digit, as dark-mode drawing apps export it) on black;
/// compositing everything onto white would make a light digit vanish.
///
/// The ink's luminance is the mean of the pixels' grey levels, each weighted by
/// `alpha² · (1 + |grey − under|)`, where `under` is the median grey stored under the fully
/// transparent pixels: opaque pixels count most, and of those the ones least like the matte
/// colour, so a halo of partly transparent matte-coloured pixels around the strokes does not
/// pass for ink. Light ink (luminance above 127.5) goes onto black, dark ink onto white.
///
/// The blend is done on the sRGB-encoded values, `(g·a + background·(255 − a)) / 255` rounded,
/// as viewers show a transparent PNG, so a stroke's anti-aliased edge (ink at alpha =
/// coverage) gets the grey level `coverage` of the way from background to ink, which is how
/// MNIST's levels encode coverage.
enum Transparency {
    /// `image` flattened onto black or white, whichever contrasts with its ink; an image
    /// without alpha (or all opaque) is returned as it is, a fully transparent one becomes
    /// white.
    static func flatten(_ image: GrayAlphaImage) -> GrayImage {
        guard let alpha = image.alpha, !alpha.allSatisfy({ $0 == 255 }) else {
            return GrayImage(width: image.width, height: image.height, pixels: image.gray)
        }
        if alpha.allSatisfy({ $0 == 0 }) { return GrayImage(width: image.width, height: image.height) }
        let background: Int = inkIsLight(image) ? 0 : 255
        var pixels = [UInt8](repeating: 0, count: image.gray.count)
        for i in pixels.indices {
            let a = Int(alpha[i])
            pixels[i] = UInt8((Int(image.gray[i]) * a + background * (255 - a) + 127) / 255)
        }
        return GrayImage(width: image.width, height: image.height, pixels: pixels)
    }

    /// Whether the ink of a transparent image is light (see the type's description); false
    /// when no pixel is opaque at all.
    static func inkIsLight(_ image: GrayAlphaImage) -> Bool {
        guard let alpha = image.alpha else { return false }
        // The median grey under the fully transparent pixels, if the file keeps it.
        var under: Int? = nil
        if image.grayUnderTransparentIsKnown {
            var histogram = [Int](repeating: 0, count: 256)
            for i in alpha.indices where alpha[i] == 0 { histogram[Int(image.gray[i])] += 1 }
            under = Histogram(counts: histogram).percentile(0.5)
        }
        var weighted = 0.0
        var total = 0.0
        for i in alpha.indices where alpha[i] != 0 {
            let g = Int(image.gray[i])
            let a = Double(alpha[i])
            let weight = a * a * Double(1 + abs(g - (under ?? g)))
            weighted += weight * Double(g)
            total += weight
        }
        return total > 0 && weighted / total > 127.5
    }
}
