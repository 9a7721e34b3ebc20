import FileIO

/// Why an image could not be read, written or turned into network input (a picture that
/// holds no digit is not an error: see `DigitInput.isBlank`).
///
/// Every message is one line that starts with the file's path (or `<memory>` for bytes that
/// never had one), then says what was expected and what was found.
public enum ImageError: Error, CustomStringConvertible, Equatable {
    /// The bytes do not start with the PNG signature; `looksLike` names the format they do
    /// resemble ("a JPEG image", "a GIF image", "text", "an empty file"), if recognised.
    case notPNG(path: String, looksLike: String?)
    /// The PNG is truncated or damaged; `reason` is libpng's message (e.g. "IDAT: CRC error").
    case corrupt(path: String, reason: String)
    /// The header declares a width or height of zero.
    case zeroSize(path: String, width: Int, height: Int)
    /// The header declares more than `limit` pixels; refused before any pixel buffer exists.
    case tooLarge(path: String, width: Int, height: Int, limit: Int)
    /// The file could not be read or written (missing, a directory, unreadable, too big on disk).
    case file(FileIOError)
    /// Raw mode needs an image of exactly `expected` × `expected` pixels.
    case wrongSize(path: String, width: Int, height: Int, expected: Int)
    /// libpng refused to encode the image; `reason` is its message.
    case encodeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .notPNG(let path, let looksLike):
            let hint = looksLike.map { " (it looks like \($0))" } ?? ""
            return "\(path): not a PNG file\(hint)"
        case .corrupt(let path, let reason):
            return "\(path): truncated or corrupt PNG: \(reason)"
        case .zeroSize(let path, let width, let height):
            return "\(path): the PNG is \(width)×\(height) pixels, expected a nonzero width and height"
        case .tooLarge(let path, let width, let height, let limit):
            return "\(path): the PNG is \(width)×\(height) pixels, more than the limit of \(limit) pixels"
        case .file(let error):
            return error.description
        case .wrongSize(let path, let width, let height, let expected):
            return "\(path): raw mode needs a \(expected)×\(expected) image, found \(width)×\(height)"
        case .encodeFailed(let path, let reason):
            return "\(path): cannot encode PNG: \(reason)"
        }
    }
}
