/// A terminal picture of a network input, for `digits classify --show`.
///
/// - Parameter pixels: `[28 * 28]` ink levels, row-major, 0 = background, 255 = full ink
///   (any multiple of 28 values is drawn as that many rows).
/// - Returns: one line per row, two characters per pixel (terminal cells are about twice as
///   tall as wide), from " " (no ink) through "░", "▒", "▓" to "█" (full ink), in five equal
///   bands of 0...255; lines joined by "\n", no trailing newline.
public func shadePreview(_ pixels: [UInt8]) -> String {
    let shades: [Character] = [" ", "░", "▒", "▓", "█"]
    let side = DigitPreprocessor.side
    var lines: [String] = []
    lines.reserveCapacity(pixels.count / side)
    for row in 0..<(pixels.count / side) {
        var line = ""
        line.reserveCapacity(side * 2 * 3)
        for x in 0..<side {
            let shade = shades[Int(pixels[row * side + x]) * shades.count / 256]
            line.append(shade)
            line.append(shade)
        }
        lines.append(line)
    }
    return lines.joined(separator: "\n")
}
