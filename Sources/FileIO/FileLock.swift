import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An advisory lock on an output path, held while a process writes it again and again (a
/// training run and its checkpoint): a second writer is refused at once, told which process
/// holds it.
///
/// The lock is `flock` on a lock file beside the path (`.NAME.lock`, holding the holder's process
/// id), because the path itself is replaced by renames and a lock on it would stay with the old
/// file. The lock file is removed when the lock is released (the value goes away), or by the next
/// holder if the process died; the kernel releases the `flock` itself when a process ends.
public final class FileLock {
    /// The path locked (as given).
    public let path: String
    /// The lock file beside it.
    public let lockPath: String
    private let descriptor: Int32
    /// The lock files this process holds, for `removeHeldLockFiles()`.
    private static let held = Mutex<Set<String>>([])

    /// Takes the lock on `path` without waiting.
    ///
    /// - Throws: `FileIOError.locked` (naming the holder's process id) if another process holds
    ///   it, `.writeFailed` if the lock file cannot be created.
    public init(path: String) throws(FileIOError) {
        self.path = path
        let file =
            (try? OutputTarget(path)).flatMap { target -> String? in
                if case .replace(let file) = target { return file }
                return nil
            } ?? path
        let parts = PathParts(file)
        lockPath = parts.sibling(".\(parts.name).lock")
        // A holder that unlinks the lock file between our open and flock leaves us holding a lock
        // on a file nobody else sees: retry until the locked file is the one at the path.
        for _ in 0..<100 {
            let fd = SystemPath.open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw .writeFailed(path: lockPath, reason: systemMessage()) }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let holder = Self.holder(fd)
                close(fd)
                throw .locked(path: path, holder: holder)
            }
            var held = stat(), current = stat()
            if fstat(fd, &held) == 0, SystemPath.stat(lockPath, &current) == 0,
                held.st_dev == current.st_dev, held.st_ino == current.st_ino
            {
                descriptor = fd
                Self.held.withLock { _ = $0.insert(lockPath) }
                let pid = Array("\(getpid())\n".utf8)
                _ = ftruncate(fd, 0)
                _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
                return
            }
            close(fd)
        }
        throw .writeFailed(path: lockPath, reason: "the lock file keeps changing")
    }

    deinit {
        Self.held.withLock { _ = $0.remove(lockPath) }
        SystemPath.unlink(lockPath)
        close(descriptor)
    }

    /// Removes the lock files of the locks this process holds, for a process about to `exit`
    /// without unwinding (a failed write to stdout): the kernel releases the locks themselves.
    public static func removeHeldLockFiles() {
        for path in held.withLock({ $0 }) { SystemPath.unlink(path) }
    }

    /// The process id written in the lock file open at `fd`, or 0.
    private static func holder(_ fd: Int32) -> Int32 {
        var bytes = [UInt8](repeating: 0, count: 16)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return 0 }
        let text = String(decoding: bytes[..<n], as: UTF8.self).split(separator: "\n").first ?? ""
        return Int32(text) ?? 0
    }
}
