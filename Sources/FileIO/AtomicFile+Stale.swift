#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension AtomicFile {
    /// Removes the temporary files that writers of `path` left behind when they were killed
    /// mid-write (`.NAME.tmp-PID` whose process no longer exists); returns how many.
    ///
    /// A temporary file of a process that is still running is left alone, and so is every
    /// other file. Errors are ignored: this is housekeeping, never a reason to fail.
    @discardableResult
    public static func removeStaleTemporaries(of path: String) -> Int {
        guard case .replace(let file)? = try? OutputTarget(path) else { return 0 }
        let parts = PathParts(file)
        let prefix = ".\(parts.name).tmp-"
        var removed = 0
        for entryName in DirectoryListing.names(in: parts.directory, hidden: true) {
            guard entryName.hasPrefix(prefix), let pid = Int32(entryName.dropFirst(prefix.count)),
                pid > 0, pid != getpid(), kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            if SystemPath.unlink(parts.sibling(entryName)) == 0 { removed += 1 }
        }
        return removed
    }
}
