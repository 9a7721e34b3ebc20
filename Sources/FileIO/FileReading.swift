#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading whole files, with the size checked before anything is allocated.
public enum FileReading {
    /// The size in bytes of the regular file at `path`.
    ///
    /// - Throws: `FileIOError.notFound`, `.isDirectory`, `.notRegularFile` or `.unreadable`.
    public static func size(of path: String) throws(FileIOError) -> Int {
        var info = stat()
        guard SystemPath.stat(path, &info) == 0 else { throw openError(path) }
        switch FileType(mode: info.st_mode) {
        case .regular: return Int(info.st_size)
        case .directory: throw .isDirectory(path: path)
        case let other: throw .notRegularFile(path: path, kind: other.phrase)
        }
    }

    /// Reads the whole regular file at `path` into memory (see `ReadableFile.open`: FIFOs,
    /// devices, sockets and directories are refused without blocking).
    ///
    /// - Parameter limit: the largest file accepted, in bytes; a larger file is refused before
    ///   any buffer is allocated.
    /// - Returns: the file's bytes.
    /// - Throws: `FileIOError` naming the file.
    public static func read(_ path: String, limit: Int) throws(FileIOError) -> [UInt8] {
        let (fd, size) = try ReadableFile.open(path)
        defer { close(fd) }
        guard size <= limit else { throw .tooLarge(path: path, size: size, limit: limit) }

        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        let failure: String? = bytes.withUnsafeMutableBytes { buffer in
            while filled < size {
                let n = Glibc_read(fd, buffer.baseAddress! + filled, size - filled)
                if n < 0 {
                    if errno == EINTR { continue }
                    return systemMessage()
                }
                if n == 0 { break }  // the file shrank while we read it
                filled += n
            }
            return nil
        }
        if let failure { throw .unreadable(path: path, reason: failure) }
        if filled < size { bytes.removeLast(size - filled) }
        return bytes
    }

    /// The first `count` bytes of the regular file at `path` (fewer if it is shorter).
    ///
    /// - Throws: `FileIOError` naming the file, as `read`.
    public static func head(_ path: String, count: Int) throws(FileIOError) -> [UInt8] {
        let (fd, size) = try ReadableFile.open(path)
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: max(0, min(count, size)))
        let filled = bytes.withUnsafeMutableBytes { buffer -> Int in
            var filled = 0
            while filled < buffer.count {
                let n = Glibc_read(fd, buffer.baseAddress! + filled, buffer.count - filled)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                filled += n
            }
            return filled
        }
        return Array(bytes[..<filled])
    }

    /// The error for a failed `open`/`stat` of `path`, from `errno`.
    static func openError(_ path: String) -> FileIOError {
        switch errno {
        case ENOENT, ENOTDIR: return .notFound(path: path)
        case EISDIR: return .isDirectory(path: path)
        default: return .unreadable(path: path, reason: systemMessage())
        }
    }
}

/// The text of the current `errno`.
func systemMessage() -> String {
    String(cString: strerror(errno))
}

/// `read(2)`, named apart from `FileReading.read` so the two never shadow each other.
@inline(__always)
func Glibc_read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
