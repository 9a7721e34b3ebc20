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
    ///
    /// A picture whose transparency is one key colour (every pixel fully opaque or fully
    /// transparent, as a GIF-style export or a PNG with tRNS but no alpha channel makes it)
    /// keeps a stroke's anti-aliasing in the opaque pixels' colour, blended from the key colour
    /// `under` towards the ink `I`. There each opaque grey `g` is read as the coverage
    /// `c = (g − under) / (I − under)` and drawn as `background + c · (I − background)`
    /// (clamped to 0…255), so the edge fades into the chosen background instead of keeping the
    /// key colour: a yellow digit exported against a white key then has no white fringe once on
    /// black. When the key colour is the background itself, this leaves every grey as it is.
    static func flatten(_ image: GrayAlphaImage) -> GrayImage {
        guard let alpha = image.alpha, !alpha.allSatisfy({ $0 == 255 }) else {
            return GrayImage(width: image.width, height: image.height, pixels: image.gray)
        }
        if alpha.allSatisfy({ $0 == 0 }) { return GrayImage(width: image.width, height: image.height) }
        let ink = inkEstimate(image)
        let background: Int = ink.luminance > 127.5 ? 0 : 255
        var pixels = [UInt8](repeating: 0, count: image.gray.count)
        let keyed = alpha.allSatisfy { $0 == 0 || $0 == 255 }
        if keyed, let under = ink.under, abs(ink.luminance - Double(under)) >= minimumKeyContrast {
            let (u, i, b) = (Double(under), ink.luminance, Double(background))
            for p in pixels.indices where alpha[p] == 255 {
                let coverage = max(0, (Double(image.gray[p]) - u) / (i - u))
                pixels[p] = UInt8(min(255, max(0, (b + coverage * (i - b)).rounded())))
            }
            for p in pixels.indices where alpha[p] == 0 { pixels[p] = UInt8(background) }
            return GrayImage(width: image.width, height: image.height, pixels: pixels)
        }
        for i in pixels.indices {
            let a = Int(alpha[i])
            pixels[i] = UInt8((Int(image.gray[i]) * a + background * (255 - a) + 127) / 255)
        }
        return GrayImage(width: image.width, height: image.height, pixels: pixels)
    }

    /// The smallest difference of grey levels between the ink and the key colour for which the
    /// opaque pixels of a key-colour picture are read as coverage (see `flatten`).
    static let minimumKeyContrast = 16.0

    /// Whether the ink of a transparent image is light (see the type's description); false
    /// when no pixel is opaque at all.
    static func inkIsLight(_ image: GrayAlphaImage) -> Bool {
        inkEstimate(image).luminance > 127.5
    }

    /// The ink's luminance as the type's description defines it (0 when no pixel is opaque),
    /// and the median grey under the fully transparent pixels when the file keeps it.
    static func inkEstimate(_ image: GrayAlphaImage) -> (luminance: Double, under: Int?) {
        guard let alpha = image.alpha else { return (0, nil) }
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
        return (total > 0 ? weighted / total : 0, under)
    }
}
