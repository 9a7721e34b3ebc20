/// Turning luminance (0 = black, 255 = white) into ink (0 = paper, 255 = full ink), whatever
/// the picture's polarity, lighting and noise: the first step of preprocessing.
///
/// 1. The paper is modelled from the border (`PaperBackground`): a level, a lighting gradient
///    (flattened by subtracting the plane), and the noise spread σ.
/// 2. Polarity: every pixel's distance from the paper beyond the noise (3σ) is summed on the
///    dark side and on the light side; the larger sum is the ink (dark ink on a tie). Single
///    extreme noise pixels, which decided this when it was the darkest against the lightest
///    pixel, weigh next to nothing.
/// 3. Contrast: the 95th percentile of the distances of the pixels clearly beyond the noise
///    (more than 4σ): a high percentile of the ink, not its single most extreme pixel.
/// 4. Ink level = `(distance − floor) · 255 / (contrast − floor)`, clamped to 0...255, with
///    the noise floor `floor = 2σ` (0 for a clean picture, which keeps every anti-aliased
///    level); distances below `max(floor, noiseFraction · contrast)` become 0.
/// 5. Specks (`InkComponents`): the 8-connected pieces of ink are kept only when they hold
///    enough strong ink (at least a quarter of the contrast and 4σ), so the noise's scattered
///    pixels neither count as ink nor stretch its bounding box; the kept pieces keep their
///    anti-aliased levels.
///
/// Inverting a picture (255 − v) gives exactly the same ink.
struct InkExtraction {
    /// Ink levels, `[height, width]`, 0 = none, 255 = the contrast or more.
    var ink: [UInt8]
    /// Whether the ink is darker than the paper.
    var darkInk: Bool
    /// The luminance distance between paper and strong ink, 0...255.
    var contrast: Int
    /// The smallest rectangle holding all the ink; nil when there is none (a blank picture).
    var box: (x: Int, y: Int, width: Int, height: Int)?

    /// The ink of `image` (see the type's description); `box` is nil when the picture holds
    /// no ink: its contrast is below `minimumContrast`, or nothing beyond the noise forms a
    /// piece of ink.
    init(_ image: GrayImage, minimumContrast: Int, noiseFraction: Double) {
        let (w, h) = (image.width, image.height)
        let paper = PaperBackground(of: image)
        // One pass for the histogram of signed distances; polarity and contrast come from it.
        let distances = Self.distanceHistogram(image, from: paper)
        darkInk = Self.inkIsDark(distances, noise: paper.noise)
        let sign = darkInk ? -1 : 1

        // Contrast: a high percentile of the ink clearly beyond the noise.
        let clear = Int((4 * paper.noise).rounded(.down))
        var strong = Histogram(counts: [Int](repeating: 0, count: 256))
        for distance in min(clear + 1, 256)..<256 {
            strong.counts[distance] = distances.counts[sign * distance + 255]
        }
        contrast = strong.percentile(0.95) ?? 0
        ink = [UInt8](repeating: 0, count: w * h)
        box = nil
        guard contrast >= max(1, minimumContrast) else { return }

        let floor = min(2 * paper.noise, Double(contrast) / 2)
        let cut = max(floor, noiseFraction * Double(contrast))
        let scale = 255 / (Double(contrast) - floor)
        func level(_ distance: Double) -> UInt8 {
            UInt8(min(255, max(1, ((distance - floor) * scale).rounded())))
        }
        // The ink level of every signed distance −255...255, looked up per pixel.
        var levels = [UInt8](repeating: 0, count: 511)
        for d in -255...255 where Double(sign * d) > cut { levels[d + 255] = level(Double(sign * d)) }
        // Ink levels are monotonic in the distance, so "strong" is a level threshold too.
        let strongLevel = level(max(Double(contrast) / 4, 4 * paper.noise))
        var ink = Self.mapDistances(image, from: paper, through: levels)
        box = InkComponents.keepDigit(
            &ink, width: w, height: h, strongLevel: strongLevel,
            minimumStrong: max(2, w * h / 50_000))
        self.ink = ink
    }

    /// Calls `body(i, d)` for every pixel `i` (row-major) with `d`, its luminance minus the
    /// paper's, rounded and clamped to −255...255 (negative: darker than the paper).
    ///
    /// Lighting multiplies paper and ink alike, so under a gradient the distance is also
    /// scaled by `level / paper(x, y)` (the light at the centre over the light here, within
    /// ½...2): a stroke in the dim corner is as strong as one in the middle. The paper's
    /// luminance is kept in fixed point (1/65536 of a level), a start per row and a step per
    /// column, so the per-pixel work is integer; the scale is computed exactly every
    /// `gainSpan` pixels and interpolated linearly between (it changes by a few percent at most
    /// over a span).
    @inline(__always)
    static func forEachDistance(
        _ image: GrayImage, from paper: PaperBackground, _ body: (Int, Int) -> Void
    ) {
        let (w, h) = (image.width, image.height)
        let one = 65536.0
        let step = Int((paper.slopeX * one).rounded())
        let lit = (paper.slopeX != 0 || paper.slopeY != 0) && paper.level >= minimumLitLevel
        // The scale at a paper luminance of `expected` (fixed point), itself in fixed point.
        func gain(_ expected: Int) -> Int {
            Int((min(2, max(0.5, paper.level * one / Double(max(expected, 1)))) * one).rounded())
        }
        for y in 0..<h {
            let rowStart =
                paper.level + paper.slopeY * (Double(y) - paper.centreY) - paper.slopeX * paper.centreX
            var expected = Int((rowStart * one).rounded()) + 32768  // + ½ to round
            let row = y * w
            guard lit else {
                for x in 0..<w {
                    body(row + x, min(255, max(-255, Int(image.pixels[row + x]) - (expected >> 16))))
                    expected += step
                }
                continue
            }
            var x = 0
            while x < w {
                let end = min(w, x + gainSpan)
                var scale = gain(expected)
                let scaleStep = (gain(expected + (end - x) * step) - scale) / (end - x)
                for column in x..<end {
                    let d = Int(image.pixels[row + column]) - (expected >> 16)
                    body(row + column, min(255, max(-255, (d * scale + 32768) >> 16)))
                    expected += step
                    scale += scaleStep
                }
                x = end
            }
        }
    }

    /// The pixels between exact computations of the lighting scale (`forEachDistance`).
    static let gainSpan = 32

    /// Paper darker than this (a blackboard, a transparent picture put on black) is taken as
    /// lit evenly: its gradient is subtracted but distances are not rescaled.
    static let minimumLitLevel = 24.0

    /// Whether the ink is darker than the paper, from the histogram of signed distances: the
    /// summed distances beyond 3σ on the dark side are at least those on the light side.
    static func inkIsDark(_ distances: Histogram, noise: Double) -> Bool {
        let threshold = Int((3 * noise).rounded(.down))
        var dark = 0
        var light = 0
        for (bin, count) in distances.counts.enumerated() where count > 0 {
            let d = bin + distances.offset
            if d < -threshold {
                dark += (-d - threshold) * count
            } else if d > threshold {
                light += (d - threshold) * count
            }
        }
        return dark >= light
    }

    /// The input for a picture used as it is (raw mode): the distance from the paper (the
    /// border's median, no gradient) towards the ink, unscaled, so an MNIST image saved as PNG
    /// (white on black, or black on white) comes back unchanged. Nil when the strongest ink
    /// is less than `minimumContrast` from the paper (a blank picture).
    static func raw(_ image: GrayImage, minimumContrast: Int) -> [UInt8]? {
        let paper = PaperBackground(of: image, flattenGradient: false)
        var distances = Histogram(counts: [Int](repeating: 0, count: 511), offset: -255)
        forEachDistance(image, from: paper) { _, d in distances.counts[d + 255] += 1 }
        let sign = inkIsDark(distances, noise: 0) ? -1 : 1
        var strongest = 0
        var ink = [UInt8](repeating: 0, count: image.pixels.count)
        forEachDistance(image, from: paper) { i, d in
            let distance = sign * d
            if distance > 0 { ink[i] = UInt8(distance) }
            strongest = max(strongest, distance)
        }
        return strongest >= max(1, minimumContrast) ? ink : nil
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
