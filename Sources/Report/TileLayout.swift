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
