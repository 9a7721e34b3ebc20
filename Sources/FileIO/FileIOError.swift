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
    /// The path is not a regular file (a FIFO, a device, a socket): `kind` says what it is.
    case notRegularFile(path: String, kind: String)
    /// An output would replace a file it must not (`reason`, e.g. "it is an input of this
    /// command"); `option` is the option that allows it anyway, e.g. `--overwrite`.
    case refusedToReplace(path: String, reason: String, option: String)
    /// Another process holds the lock on the path (`holder`: its process id, 0 if unknown).
    case locked(path: String, holder: Int32)
    /// The directory (or one above it) could not be created; `reason` is the system's
    /// explanation.
    case cannotCreateDirectory(path: String, reason: String)

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
        case .notRegularFile(let path, let kind):
            return "\(path): is \(kind), expected a regular file"
        case .refusedToReplace(let path, let reason, let option):
            return "\(path): not replaced: \(reason); pass \(option) to replace it anyway"
        case .locked(let path, let holder):
            let who = holder > 0 ? "process \(holder)" : "another process"
            return "\(path): in use: \(who) is training into it (wait for it to finish, or use another file)"
        case .cannotCreateDirectory(let path, let reason):
            return "\(path): cannot create the directory: \(reason)"
        }
    }
}
