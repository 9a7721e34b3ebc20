// What the Report module refuses, and why.

/// An input the report pictures cannot be drawn from. Each message names the input,
/// what was expected and what was found.
public enum ReportError: Error, CustomStringConvertible, Equatable {
    /// A table that must be square (rows × columns) is not.
    case notSquare(input: String, rows: Int, row: Int, columns: Int)
    /// Two inputs that must have one entry per class have different lengths.
    case lengthMismatch(input: String, expected: Int, found: Int)
    /// A flat pixel or weight buffer does not hold width × height values.
    case wrongSize(input: String, index: Int, expected: Int, found: Int)
    /// A size or count that must be positive is not.
    case notPositive(input: String, value: Int)
    /// A picture could not be encoded as PNG; `reason` is the encoder's message.
    case pictureEncoding(file: String, reason: String)

    /// One line naming the input, what was expected and what was found.
    public var description: String {
        switch self {
        case .notSquare(let input, let rows, let row, let columns):
            "\(input): expected a square table with \(rows) columns in each of its \(rows) rows, "
                + "found \(columns) in row \(row)"
        case .lengthMismatch(let input, let expected, let found):
            "\(input): expected \(expected) values (one per class), found \(found)"
        case .wrongSize(let input, let index, let expected, let found):
            "\(input) #\(index): expected \(expected) values, found \(found)"
        case .notPositive(let input, let value):
            "\(input): expected a positive number, found \(value)"
        case .pictureEncoding(let file, let reason):
            "\(file): cannot encode the picture as PNG: \(reason)"
        }
    }
}
