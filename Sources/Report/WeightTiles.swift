// What each first-layer unit looks for: its incoming weights drawn as an image.

import Imaging

/// Draws each hidden unit's incoming weights as a tile, coloured with the diverging map.
///
/// - Parameters:
///   - weights: the first layer's weight matrix, `[units, inputs]` row-major (unit `u`'s
///     weights are `weights[u * inputs ..< (u + 1) * inputs]`), with `inputs = width × height`.
///   - units: number of rows (hidden units) in `weights`.
///   - width, height: tile size in input pixels (28 × 28 for MNIST).
///   - limit: draw at most this many units (the first ones).
///   - layout: columns, integer upscale factor, gaps.
/// - Returns: an RGB picture in which each tile is scaled by its own largest |w|:
///   `w / max|w|` in [-1, 1] → blue (negative) … white (zero) … red (positive)
///   (`ColorMap.blueWhiteRed(signed:)`). A unit whose weights are all zero is white.
///   Non-finite weights are drawn as zero.
/// - Throws: `ReportError.wrongSize` if `weights.count != units × width × height`,
///   `ReportError.notPositive` for a size below 1.
public func weightTiles(
    _ weights: [Float], units: Int, width: Int = 28, height: Int = 28, limit: Int = 64,
    layout: TileLayout = TileLayout(columns: 8, scale: 3, gap: 4)
) throws(ReportError) -> RGBImage {
    guard width > 0 else { throw .notPositive(input: "tile width", value: width) }
    guard height > 0 else { throw .notPositive(input: "tile height", value: height) }
    guard units >= 0 else { throw .notPositive(input: "units", value: units) }
    let inputs = width * height
    guard weights.count == units * inputs else {
        throw .wrongSize(input: "weights [units, inputs]", index: 0, expected: units * inputs, found: weights.count)
    }
    let shown = min(units, max(0, limit))
    let size = layout.size(tiles: shown, tileWidth: width, tileHeight: height)
    var picture = RGBImage(width: size.width, height: size.height, fill: layout.background)
    let s = layout.scale
    for unit in 0..<shown {
        let row = weights[(unit * inputs)..<((unit + 1) * inputs)]
        let largest = row.reduce(Float(0)) { $1.isFinite ? max($0, abs($1)) : $0 }
        let origin = layout.origin(ofTile: unit, tileWidth: width, tileHeight: height)
        for (offset, w) in row.enumerated() {
            let signed = largest > 0 && w.isFinite ? Double(w / largest) : 0
            picture.fill(
                x: origin.x + (offset % width) * s, y: origin.y + (offset / width) * s,
                width: s, height: s, color: ColorMap.blueWhiteRed(signed: signed))
        }
    }
    return picture
}
