#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written so that readers only ever see the old or the new complete version.
///
/// The bytes go to a temporary file in the same directory (`.NAME.tmp-PID`); `commit()` flushes
/// it to disk (`fsync`), renames it over the destination and flushes the directory. If anything
/// fails, or the writer is dropped without `commit()`, the temporary file is removed and the
/// destination is untouched. A crash at any moment leaves the old file or the new one, never a
/// torn one.
///
/// What is at the path decides how it is written (`OutputTarget`): a symbolic link has its
/// target replaced (the link stays); a FIFO or a character device (`/dev/stdout`, a pipe given
/// as `/dev/fd/N`), or `-` for stdout, is written into directly, never replaced by a file; a
/// directory, a block device or a socket is refused before anything is written.
///
///     var file = try AtomicFile(path: "models/mnist.safetensors")
///     try file.write(header)
///     try file.write(payload)
///     try file.commit()
public final class AtomicFile {
    /// The destination path, as given (for messages).
    public let path: String
    /// The temporary file's path, beside the file that is replaced (empty when writing directly
    /// into a FIFO or a device).
    public let temporaryPath: String
    /// The file the rename replaces: `path`, or the target of the symbolic link at `path`.
    public let replacedPath: String
    private var fd: Int32
    private var committed = false

    /// Creates the temporary file beside `path` (or opens the FIFO or device at `path`). The
    /// directory must exist.
    ///
    /// - Throws: `FileIOError.isDirectory`, `.notRegularFile` or `.writeFailed`, naming `path`.
    public init(path: String) throws(FileIOError) {
        self.path = path
        switch try OutputTarget(path) {
        case .direct:
            replacedPath = path
            temporaryPath = ""
            fd = path == OutputTarget.standardOutput ? dup(1) : SystemPath.open(path, O_WRONLY | O_CLOEXEC)
        case .replace(let file):
            replacedPath = file
            let parts = PathParts(file)
            temporaryPath = parts.sibling(".\(parts.name).tmp-\(getpid())")
            fd = SystemPath.open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { throw .writeFailed(path: path, reason: systemMessage()) }
    }

    deinit {
        if !committed {
            if fd >= 0 { close(fd) }
            if !temporaryPath.isEmpty { SystemPath.unlink(temporaryPath) }
        }
    }

    /// Appends `bytes` to the temporary file.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(FileIOError) {
        guard fd >= 0 else { throw .writeFailed(path: path, reason: "file already closed") }
        var done = 0
        while done < bytes.count {
            let n = Glibc_write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw .writeFailed(path: path, reason: systemMessage())
            }
            done += n
        }
    }

    /// Appends `bytes` to the temporary file.
    public func write(_ bytes: [UInt8]) throws(FileIOError) {
        var failure: FileIOError?
        bytes.withUnsafeBytes { raw in
            do throws(FileIOError) { try write(raw) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Flushes the temporary file, renames it over the destination and flushes the directory
    /// (for a FIFO or a device: just closes it).
    ///
    /// - Parameter durable: flush to disk (`fsync`) before and after the rename, so that the new
    ///   file survives a power cut. Without it the replacement is still atomic for readers and
    ///   for a crash of this process, and much faster for many small files.
    public func commit(durable: Bool = true) throws(FileIOError) {
        guard fd >= 0 else { throw .writeFailed(path: path, reason: "file already closed") }
        let direct = temporaryPath.isEmpty
        if durable && !direct && fsync(fd) != 0 { throw .writeFailed(path: path, reason: systemMessage()) }
        let closed = close(fd)
        fd = -1
        if closed != 0 { throw .writeFailed(path: path, reason: systemMessage()) }
        if direct {
            committed = true
            return
        }
        if SystemPath.rename(temporaryPath, replacedPath) != 0 {
            throw .writeFailed(path: path, reason: systemMessage())
        }
        committed = true
        guard durable else { return }
        let dirfd = SystemPath.open(PathParts(replacedPath).directory, O_RDONLY | O_CLOEXEC)
        if dirfd >= 0 {
            _ = fsync(dirfd)
            close(dirfd)
        }
    }

    /// Writes `bytes` to `path` atomically in one call (see `commit(durable:)`).
    public static func write(_ bytes: [UInt8], to path: String, durable: Bool = true) throws(FileIOError) {
        let file = try AtomicFile(path: path)
        try file.write(bytes)
        try file.commit(durable: durable)
    }
}

/// `write(2)`, named apart from `AtomicFile.write`.
@inline(__always)
func Glibc_write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
