/// The two passes of `InkExtraction` over the pixels' distances from the paper: their histogram,
/// and the distances mapped to ink levels. Each has a fast path for flat paper (no lighting
/// gradient: a drawing on a clean canvas, a scan with even light), where the distance depends
/// on the luminance alone, so it is looked up once per luminance instead of computed per pixel
/// (for the server's 280 × 280 canvas, that was a third of a classification's instructions).
/// `forEachDistance` is the reference both paths are tested against.
extension InkExtraction {
    /// The histogram of every pixel's signed distance from `paper` (`forEachDistance`), bins
    /// −255...255 (offset −255).
    static func distanceHistogram(_ image: GrayImage, from paper: PaperBackground) -> Histogram {
        var distances = Histogram(counts: [Int](repeating: 0, count: 511), offset: -255)
        if let table = flatDistances(paper), image.pixels.count == image.width * image.height {
            // Four counts per luminance, for four neighbouring pixels: a picture is mostly one
            // paper level, and one count would have each increment wait for the one before.
            var luminances = [Int](repeating: 0, count: 4 * 256)
            let pixels = image.pixels
            var i = 0
            while i + 4 <= pixels.count {
                luminances[Int(pixels[i])] += 1
                luminances[256 + Int(pixels[i + 1])] += 1
                luminances[512 + Int(pixels[i + 2])] += 1
                luminances[768 + Int(pixels[i + 3])] += 1
                i += 4
            }
            for pixel in pixels[i...] { luminances[Int(pixel)] += 1 }
            for luminance in 0..<256 {
                let count =
                    luminances[luminance] + luminances[256 + luminance] + luminances[512 + luminance]
                    + luminances[768 + luminance]
                distances.counts[table[luminance] + 255] += count
            }
        } else {
            forEachDistance(image, from: paper) { _, d in distances.counts[d + 255] += 1 }
        }
        return distances
    }

    /// `values[d + 255]` for every pixel's signed distance `d` from `paper`
    /// (`forEachDistance`), `[height, width]`; `values` has 511 entries, for −255...255.
    static func mapDistances(_ image: GrayImage, from paper: PaperBackground, through values: [UInt8]) -> [UInt8] {
        if let table = flatDistances(paper), image.pixels.count == image.width * image.height {
            let byLuminance = table.map { values[$0 + 255] }
            var mapped = [UInt8](repeating: 0, count: image.pixels.count)
            for (i, pixel) in image.pixels.enumerated() { mapped[i] = byLuminance[Int(pixel)] }
            return mapped
        }
        var mapped = [UInt8](repeating: 0, count: image.width * image.height)
        forEachDistance(image, from: paper) { i, d in mapped[i] = values[d + 255] }
        return mapped
    }

    /// The distance from `paper` of each luminance 0...255, `[256]`, if it is the same all over
    /// the picture: for flat paper (both slopes 0), where `forEachDistance` subtracts the same
    /// rounded level from every pixel. Nil under a gradient.
    static func flatDistances(_ paper: PaperBackground) -> [Int]? {
        guard paper.slopeX == 0, paper.slopeY == 0 else { return nil }
        let level = (Int((paper.level * 65536).rounded()) + 32768) >> 16  // as `forEachDistance` rounds
        return (0..<256).map { min(255, max(-255, $0 - level)) }
    }
}
