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
///     var file = try AtomicFile(path: "models/mnist.safetensors")
///     try file.write(header)
///     try file.write(payload)
///     try file.commit()
public final class AtomicFile {
    /// The destination path.
    public let path: String
    /// The temporary file's path, beside the destination.
    public let temporaryPath: String
    private var fd: Int32
    private var committed = false

    /// Creates the temporary file beside `path`. The directory must exist.
    public init(path: String) throws(FileIOError) {
        self.path = path
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        temporaryPath = (directory.isEmpty ? "" : directory + "/") + ".\(name).tmp-\(getpid())"
        fd = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .writeFailed(path: path, reason: systemMessage()) }
    }

    deinit {
        if !committed {
            if fd >= 0 { close(fd) }
            unlink(temporaryPath)
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

    /// Flushes the temporary file, renames it over the destination and flushes the directory.
    ///
    /// - Parameter durable: flush to disk (`fsync`) before and after the rename, so that the new
    ///   file survives a power cut. Without it the replacement is still atomic for readers and
    ///   for a crash of this process, and much faster for many small files.
    public func commit(durable: Bool = true) throws(FileIOError) {
        guard fd >= 0 else { throw .writeFailed(path: path, reason: "file already closed") }
        if durable && fsync(fd) != 0 { throw .writeFailed(path: path, reason: systemMessage()) }
        let closed = close(fd)
        fd = -1
        if closed != 0 { throw .writeFailed(path: path, reason: systemMessage()) }
        if rename(temporaryPath, path) != 0 { throw .writeFailed(path: path, reason: systemMessage()) }
        committed = true
        guard durable else { return }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let dirfd = open(directory.isEmpty ? "/" : directory, O_RDONLY)
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
