/// Why a file could not be read or written. Every message names the file.
public enum FileIOError: Error, CustomStringConvertible, Equatable {
    /// Nothing exists at the path.
    case notFound(path: String)
    /// The path is a directory where a regular file was expected.
    case isDirectory(path: String)
    /// The file exists but could not be opened or read; `reason` is the system's explanation.
    case unreadable(path: String, reason: String)
    /// The file is larger than the caller allows (`size` and `limit` in bytes).
    case tooLarge(path: String, size: Int, limit: Int)
    /// The file could not be written or replaced; the previous file, if any, is untouched.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let path):
            return "\(path): no such file"
        case .isDirectory(let path):
            return "\(path): is a directory, expected a file"
        case .unreadable(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .tooLarge(let path, let size, let limit):
            return "\(path): file is \(size) bytes, larger than the limit of \(limit) bytes"
        case .writeFailed(let path, let reason):
            return "\(path): cannot write: \(reason)"
        }
    }
}
