// Drawing the report's pictures into Imaging's `RGBImage` in the charts' colours, enlarging
// them pixel by pixel, and encoding them as PNG.

import Imaging

extension RGBImage {
    /// A `width` × `height` image filled with `color` (negative sizes give an empty image).
    public init(width: Int, height: Int, fill color: RGB) {
        self.init(width: width, height: height, red: color.red, green: color.green, blue: color.blue)
    }

    /// The colour at column `x`, row `y` (0-based, from the top left); `nil` outside the image.
    public subscript(x: Int, y: Int) -> RGB? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        let i = (y * width + x) * 3
        return RGB(pixels[i], pixels[i + 1], pixels[i + 2])
    }

    /// Paints the rectangle with top-left (x, y) and size `w` × `h`, clipped to the image.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, color: RGB) {
        let x0 = max(0, x), y0 = max(0, y)
        let x1 = min(width, x + w), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        for row in y0..<y1 {
            for column in x0..<x1 {
                let i = (row * width + column) * 3
                pixels[i] = color.red
                pixels[i + 1] = color.green
                pixels[i + 2] = color.blue
            }
        }
    }

    /// This picture enlarged `factor` times in both directions by nearest neighbour: each
    /// pixel becomes a `factor` × `factor` block of its colour, so hard pixel edges stay hard
    /// (a 28 × 28 digit at factor 6 is 168 × 168). A `factor` below 1 is treated as 1.
    public func upscaled(by factor: Int) -> RGBImage {
        let f = max(1, factor)
        var out = RGBImage(width: width * f, height: height * f)
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

    /// This picture as an 8-bit RGB PNG file's bytes, refusals named after the report's file.
    ///
    /// - Parameter name: the file the bytes are for, named in the error.
    /// - Throws: `ReportError.pictureEncoding` if libpng refuses (for example an empty picture).
    public func pngData(name: String) throws(ReportError) -> [UInt8] {
        do {
            return try pngData()
        } catch {
            throw .pictureEncoding(file: name, reason: "\(error)")
        }
    }
}
