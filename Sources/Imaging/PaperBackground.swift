/// The paper behind a digit: its luminance as a plane across the picture (a level, tilted by
/// a lighting gradient) and the spread of its noise, estimated from the picture's border.
///
/// The border (outermost rows and columns) is where a photo or drawing of a digit is paper.
/// Each of the four sides gives its median; the left/right and top/bottom differences give
/// the gradient's slopes, which a few ink pixels reaching a side do not move. The level is the
/// median of the border once the gradient is removed, and the noise spread is the border's
/// median absolute deviation from the plane (scaled to a standard deviation): robust
/// statistics, so neither a stroke touching the edge nor the extreme pixels of sensor noise
/// decide them.
struct PaperBackground: Equatable {
    /// Luminance at the picture's centre, 0...255.
    var level: Double
    /// Change of luminance per pixel to the right.
    var slopeX: Double
    /// Change of luminance per pixel downwards.
    var slopeY: Double
    /// Standard deviation of the paper's noise, in luminance levels (robust estimate).
    var noise: Double
    /// The picture's centre, in pixel indices.
    var centreX: Double
    var centreY: Double

    /// The paper's luminance at column `x`, row `y`.
    func luminance(x: Int, y: Int) -> Double {
        level + slopeX * (Double(x) - centreX) + slopeY * (Double(y) - centreY)
    }

    /// The background of `image` (see the type's description). With `flattenGradient` false
    /// the plane is flat (slopes 0); gradients are only measured on pictures at least
    /// `minimumGradientSide` pixels wide and tall.
    init(of image: GrayImage, flattenGradient: Bool = true) {
        let (w, h) = (image.width, image.height)
        centreX = Double(w - 1) / 2
        centreY = Double(h - 1) / 2
        slopeX = 0
        slopeY = 0
        // A border of one value (a drawing on a clean canvas, an MNIST image): flat, no noise.
        let corner = image.pixels.first ?? 255
        if Self.borderPixels(width: w, height: h).allSatisfy({ image[$0.0, $0.1] == corner }) {
            level = Double(corner)
            noise = 0
            return
        }
        if flattenGradient && w >= Self.minimumGradientSide && h >= Self.minimumGradientSide {
            let top = Self.median(image, (0..<w).map { ($0, 0) })
            let bottom = Self.median(image, (0..<w).map { ($0, h - 1) })
            let left = Self.median(image, (0..<h).map { (0, $0) })
            let right = Self.median(image, (0..<h).map { (w - 1, $0) })
            slopeX = Double(right - left) / Double(w - 1)
            slopeY = Double(bottom - top) / Double(h - 1)
        }
        // The border's residuals from the tilted plane through level 0, as a histogram.
        var residuals = Histogram(counts: [Int](repeating: 0, count: 1023), offset: -511)
        for (x, y) in Self.borderPixels(width: w, height: h) {
            let tilt = slopeX * (Double(x) - centreX) + slopeY * (Double(y) - centreY)
            let residual = Int((Double(image[x, y]) - tilt).rounded())
            residuals.counts[min(1022, max(0, residual + 511))] += 1
        }
        let median = residuals.percentile(0.5) ?? 255
        level = Double(median)
        noise = residuals.spread(around: median) ?? 0
    }

    /// Pictures narrower or shorter than this get no gradient (a side of a few pixels says
    /// nothing about lighting).
    static let minimumGradientSide = 16

    /// The coordinates of the outermost rows and columns, each pixel once.
    static func borderPixels(width w: Int, height h: Int) -> [(Int, Int)] {
        var pixels: [(Int, Int)] = []
        pixels.reserveCapacity(2 * (w + h))
        for x in 0..<w {
            pixels.append((x, 0))
            if h > 1 { pixels.append((x, h - 1)) }
        }
        if h > 2 {
            for y in 1..<(h - 1) {
                pixels.append((0, y))
                if w > 1 { pixels.append((w - 1, y)) }
            }
        }
        return pixels
    }

    /// The median luminance of `image` at `pixels` (non-empty).
    static func median(_ image: GrayImage, _ pixels: [(Int, Int)]) -> Int {
        var histogram = Histogram(counts: [Int](repeating: 0, count: 256))
        for (x, y) in pixels { histogram.counts[Int(image[x, y])] += 1 }
        return histogram.percentile(0.5) ?? 255
    }
}
