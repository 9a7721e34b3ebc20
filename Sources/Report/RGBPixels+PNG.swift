// Getting report pictures out: enlarging them pixel by pixel, and encoding them as PNG.

import Imaging

extension RGBPixels {
    /// This picture enlarged `factor` times in both directions by nearest neighbour: each
    /// pixel becomes a `factor` × `factor` block of its colour, so hard pixel edges stay hard
    /// (a 28 × 28 digit at factor 6 is 168 × 168). A `factor` below 1 is treated as 1.
    public func upscaled(by factor: Int) -> RGBPixels {
        let f = max(1, factor)
        var out = RGBPixels(width: width * f, height: height * f)
        for y in 0..<out.height {
            let sourceRow = (y / f) * width
            for x in 0..<out.width {
                let from = (sourceRow + x / f) * 3
                let to = (y * out.width + x) * 3
                out.pixels[to] = pixels[from]
                out.pixels[to + 1] = pixels[from + 1]
                out.pixels[to + 2] = pixels[from + 2]
            }
        }
        return out
    }

    /// This picture as an 8-bit RGB PNG file's bytes (through `Imaging.RGBImage`).
    ///
    /// - Parameter name: the file the bytes are for, named in the error.
    /// - Throws: `ReportError.pictureEncoding` if libpng refuses (for example an empty picture).
    public func pngData(name: String) throws(ReportError) -> [UInt8] {
        do {
            return try RGBImage(width: width, height: height, pixels: pixels).pngData()
        } catch {
            throw .pictureEncoding(file: name, reason: "\(error)")
        }
    }
}
