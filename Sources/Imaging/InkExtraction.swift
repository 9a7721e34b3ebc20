/// Turning luminance (0 = black, 255 = white) into ink (0 = paper, 255 = full ink), whatever the
/// image's polarity: the first step of preprocessing.
///
/// 1. The background is the median luminance of the border pixels (the outermost rows and
///    columns), where a digit photo or drawing is paper.
/// 2. Ink is whichever extreme lies further from the background: dark ink on light paper if
///    `background − darkest ≥ lightest − background`, light ink on dark otherwise.
/// 3. Ink level = distance from the background towards the ink, (optionally) stretched so the
///    strongest ink is 255: `ink = (background − v) · 255 / contrast` (dark ink), where contrast is the
///    largest such distance. A light-grey page (say 200) thus becomes 0 like white paper.
/// 4. Denoising (optional): ink below `noiseFraction` of the contrast (JPEG ringing, paper
///    texture, a faint shadow) becomes 0.
///
/// Inverting an image (255 − v) gives exactly the same ink.
struct InkExtraction {
    /// Ink levels, `[height, width]`, 0 = none, 255 = the strongest ink in the image.
    var ink: [UInt8]
    /// The background luminance found, 0...255.
    var background: Int
    /// Whether the ink is darker than the background.
    var darkInk: Bool
    /// The luminance distance between background and strongest ink, 0...255.
    var contrast: Int

    /// Extracts the ink of `image`; nil when its contrast is below `minimumContrast`.
    ///
    /// - Parameters:
    ///   - noiseFraction: ink below this fraction of the contrast becomes 0 (0 keeps every
    ///     level, as raw mode does).
    ///   - stretch: scale so the strongest ink is 255 (false keeps the distance from the
    ///     background as it is, as raw mode does).
    init?(_ image: GrayImage, minimumContrast: Int, noiseFraction: Float, stretch: Bool = true) {
        let pixels = image.pixels
        guard image.width > 0, image.height > 0, pixels.count == image.width * image.height
        else { return nil }
        background = Self.borderMedian(image)

        var darkest = 255
        var lightest = 0
        for v in pixels {
            darkest = min(darkest, Int(v))
            lightest = max(lightest, Int(v))
        }
        darkInk = background - darkest >= lightest - background
        contrast = darkInk ? background - darkest : lightest - background
        guard contrast >= max(1, minimumContrast) else { return nil }

        // ink = sign · (v − background) · 255 / contrast (or without the scaling).
        let sign = darkInk ? -1 : 1
        let scale = stretch ? contrast : 255
        let threshold = Int((noiseFraction * Float(contrast)).rounded(.up))
        var ink = [UInt8](repeating: 0, count: pixels.count)
        for i in pixels.indices {
            let distance = sign * (Int(pixels[i]) - background)
            if distance > 0 && distance >= threshold {
                ink[i] = UInt8(min(255, (distance * 255 + scale / 2) / scale))
            }
        }
        self.ink = ink
    }

    /// The median luminance of the outermost rows and columns.
    static func borderMedian(_ image: GrayImage) -> Int {
        var histogram = [Int](repeating: 0, count: 256)
        let (w, h) = (image.width, image.height)
        for x in 0..<w {
            histogram[Int(image.pixels[x])] += 1
            if h > 1 { histogram[Int(image.pixels[(h - 1) * w + x])] += 1 }
        }
        if h > 2 {
            for y in 1..<(h - 1) {
                histogram[Int(image.pixels[y * w])] += 1
                if w > 1 { histogram[Int(image.pixels[y * w + w - 1])] += 1 }
            }
        }
        let total = histogram.reduce(0, +)
        var seen = 0
        for (value, count) in histogram.enumerated() {
            seen += count
            if 2 * seen >= total { return value }
        }
        return 255
    }
}

/// The smallest rectangle holding every nonzero value of `ink` (`[height, width]`), or nil if
/// all are zero.
func inkBoundingBox(_ ink: [UInt8], width: Int, height: Int)
    -> (x: Int, y: Int, width: Int, height: Int)?
{
    var (left, right, top, bottom) = (width, -1, height, -1)
    for y in 0..<height {
        let row = y * width
        for x in 0..<width where ink[row + x] != 0 {
            left = min(left, x)
            right = max(right, x)
            top = min(top, y)
            bottom = y
        }
    }
    guard right >= 0 else { return nil }
    return (left, top, right - left + 1, bottom - top + 1)
}
