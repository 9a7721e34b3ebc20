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
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let prefix = ".\(name).tmp-"
        var removed = 0
        for entryName in DirectoryListing.names(in: directory, hidden: true) {
            guard entryName.hasPrefix(prefix), let pid = Int32(entryName.dropFirst(prefix.count)),
                  pid > 0, pid != getpid(), kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            if unlink((directory.isEmpty ? "" : directory + "/") + entryName) == 0 { removed += 1 }
        }
        return removed
    }
}
