import Testing
@testable import Report

@Test func imageGridHasExpectedSizeAndInvertsInk() throws {
    var image = [UInt8](repeating: 0, count: 784)
    image[0] = 255  // ink at the top-left source pixel
    image[27 * 28 + 27] = 128
    let layout = TileLayout(columns: 4, scale: 3, gap: 2)
    let grid = try imageGrid(Array(repeating: image, count: 6), layout: layout)
    // 4 columns × (84 + 2) + 2 by 2 rows × (84 + 2) + 2.
    #expect(grid.width == 2 + 4 * 86)
    #expect(grid.height == 2 + 2 * 86)
    #expect(grid.pixels.count == grid.width * grid.height * 3)
    #expect(grid[2, 2] == .black)  // ink → black, first tile
    #expect(grid[4, 4] == .black)  // the 3 × 3 block
    #expect(grid[5, 2] == .white)  // background → white
    #expect(grid[0, 0] == layout.background)  // the gap
    #expect(grid[2 + 81, 2 + 81] == RGB(127, 127, 127))
    let second = layout.origin(ofTile: 5, tileWidth: 28, tileHeight: 28)  // row 2, column 2
    #expect(second.x == 88 && second.y == 88)
    #expect(grid[second.x, second.y] == .black)
    // Tiles 7 and 8 of the second row are empty: gap colour.
    #expect(grid[grid.width - 10, grid.height - 10] == layout.background)
    #expect(layout.position(ofTile: 5) == (row: 2, column: 2))
}

@Test func imageGridDrawsFramesAndRejectsWrongSizes() throws {
    let layout = TileLayout(columns: 2, scale: 1, gap: 4)
    let grid = try imageGrid(
        [[UInt8](repeating: 0, count: 4), [UInt8](repeating: 0, count: 4)],
        width: 2, height: 2, layout: layout, frames: [nil, Palette.vermillion])
    #expect(grid[4 + 2 + 4 - 1, 4] == Palette.vermillion)  // just left of tile 2
    #expect(grid[4 - 1, 4] == layout.background)  // tile 1 has no frame
    #expect(throws: ReportError.wrongSize(input: "image", index: 1, expected: 784, found: 3)) {
        try imageGrid([[UInt8](repeating: 0, count: 784), [1, 2, 3]])
    }
    #expect(throws: ReportError.notPositive(input: "image width", value: 0)) {
        try imageGrid([], width: 0)
    }
    let empty = try imageGrid([], layout: layout)
    #expect(empty.width == 4 && empty.height == 4)
}

@Test func weightTilesUseASymmetricScalePerTile() throws {
    // Unit 0: all zero → white. Unit 1: max at pixel 0 (+2), min at pixel 1 (-2), small elsewhere.
    var weights = [Float](repeating: 0, count: 2 * 784)
    weights[784 + 0] = 2
    weights[784 + 1] = -2
    weights[784 + 2] = 1
    let layout = TileLayout(columns: 2, scale: 2, gap: 3)
    let tiles = try weightTiles(weights, units: 2, layout: layout)
    #expect(tiles.width == 3 + 2 * (56 + 3))
    #expect(tiles.height == 3 + 56 + 3)
    for (x, y) in [(3, 3), (30, 30), (58, 58)] {
        #expect(tiles[x, y] == .white)
    }
    let origin = layout.origin(ofTile: 1, tileWidth: 28, tileHeight: 28)
    #expect(tiles[origin.x, origin.y] == ColorMap.blueWhiteRed(signed: 1))
    #expect(tiles[origin.x + 2, origin.y] == ColorMap.blueWhiteRed(signed: -1))
    #expect(tiles[origin.x + 4, origin.y] == ColorMap.blueWhiteRed(signed: 0.5))
    #expect(tiles[origin.x + 6, origin.y] == .white)
}

@Test func weightTilesHonourTheLimitAndCheckShapes() throws {
    let weights = [Float](repeating: 0.5, count: 10 * 4)
    let tiles = try weightTiles(
        weights, units: 10, width: 2, height: 2, limit: 3,
        layout: TileLayout(columns: 8, scale: 1, gap: 1))
    #expect(tiles.width == 1 + 3 * 3)
    #expect(tiles[1, 1] == ColorMap.blueWhiteRed(signed: 1))
    #expect(throws: ReportError.wrongSize(input: "weights [units, inputs]", index: 0, expected: 3 * 784, found: 10)) {
        try weightTiles([Float](repeating: 0, count: 10), units: 3)
    }
    let withNaN = try weightTiles(
        [.nan, 1, -1, 0], units: 1, width: 2, height: 2, layout: TileLayout(columns: 1, scale: 1, gap: 0))
    #expect(withNaN[0, 0] == .white)
}
