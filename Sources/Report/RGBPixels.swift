// A plain 8-bit RGB raster, the hand-off format to the PNG writer.

/// An 8-bit RGB image: `pixels` holds `[height, width, 3]` bytes, row-major, top row first,
/// channels in R, G, B order (the layout PNG colour type 2 uses).
public struct RGBPixels: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// `[height, width, 3]` bytes.
    public var pixels: [UInt8]

    /// A `width` × `height` image filled with `color` (negative sizes give an empty image).
    public init(width: Int, height: Int, fill color: RGB = .white) {
        self.width = max(0, width)
        self.height = max(0, height)
        var bytes = [UInt8](repeating: 0, count: self.width * self.height * 3)
        for i in stride(from: 0, to: bytes.count, by: 3) {
            bytes[i] = color.red
            bytes[i + 1] = color.green
            bytes[i + 2] = color.blue
        }
        pixels = bytes
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
}

/// How tiles are laid out in a grid picture; all lengths in output pixels.
public struct TileLayout: Sendable, Equatable {
    /// Tiles per row (the last row may be partly empty).
    public var columns: Int
    /// Each source pixel becomes a `scale` × `scale` block.
    public var scale: Int
    /// Space between tiles and around the grid's edge.
    public var gap: Int
    /// Colour of the gaps.
    public var background: RGB

    /// Creates a layout; `columns` and `scale` below 1 are treated as 1, `gap` below 0 as 0.
    public init(columns: Int = 10, scale: Int = 3, gap: Int = 4, background: RGB = RGB(190, 190, 190)) {
        self.columns = max(1, columns)
        self.scale = max(1, scale)
        self.gap = max(0, gap)
        self.background = background
    }

    /// The top-left pixel of tile `index` of size `tileWidth` × `tileHeight` source pixels.
    public func origin(ofTile index: Int, tileWidth: Int, tileHeight: Int) -> (x: Int, y: Int) {
        let row = index / columns, column = index % columns
        return (gap + column * (tileWidth * scale + gap), gap + row * (tileHeight * scale + gap))
    }

    /// The whole picture's size for `count` tiles (an empty grid is just its border).
    public func size(tiles count: Int, tileWidth: Int, tileHeight: Int) -> (width: Int, height: Int) {
        let usedColumns = min(columns, max(0, count))
        let rows = (max(0, count) + columns - 1) / columns
        return (gap + usedColumns * (tileWidth * scale + gap), gap + rows * (tileHeight * scale + gap))
    }

    /// Row and column (both 1-based) of tile `index`, as a reader counts them.
    public func position(ofTile index: Int) -> (row: Int, column: Int) {
        (index / columns + 1, index % columns + 1)
    }
}
