#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opening an input file, the one way every reader (IDX, PNG, checkpoints) does it: only a regular
/// file is accepted, and nothing can block.
///
/// The path is examined with `stat` before it is opened, so a FIFO, a device, a socket or a
/// directory is refused by name without opening it (opening a FIFO waits for a writer); the file
/// is then opened with `O_NONBLOCK` (in case it was swapped for a FIFO in between), checked again
/// with `fstat`, and switched back to blocking reads.
public enum ReadableFile {
    /// Opens the regular file at `path` for reading.
    ///
    /// - Returns: the open descriptor (the caller closes it) and the file's size in bytes.
    /// - Throws: `FileIOError.notFound`, `.isDirectory`, `.notRegularFile` or `.unreadable`.
    public static func open(_ path: String) throws(FileIOError) -> (descriptor: Int32, size: Int) {
        var info = stat()
        guard SystemPath.stat(path, &info) == 0 else { throw FileReading.openError(path) }
        try checkRegular(path, mode: info.st_mode)
        let descriptor = SystemPath.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileReading.openError(path) }
        guard fstat(descriptor, &info) == 0 else {
            let reason = systemMessage()
            close(descriptor)
            throw .unreadable(path: path, reason: reason)
        }
        do {
            try checkRegular(path, mode: info.st_mode)
        } catch {
            close(descriptor)
            throw error
        }
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        return (descriptor, Int(info.st_size))
    }

    /// Throws unless `mode` is a regular file's.
    private static func checkRegular(_ path: String, mode: mode_t) throws(FileIOError) {
        switch FileType(mode: mode) {
        case .regular: return
        case .directory: throw .isDirectory(path: path)
        case let other: throw .notRegularFile(path: path, kind: other.phrase)
        }
    }
}
