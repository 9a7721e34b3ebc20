#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Making the directories an output goes into (the listing side is `DirectoryListing`).
public enum DirectoryCreation {
    /// Creates the directory that will hold `path` and every missing directory above it, like
    /// `mkdir -p "$(dirname path)"` (mode 0755 before the umask): `reports/wide/index.html`
    /// makes `reports` and `reports/wide` if they are missing. A path without a slash, or
    /// directly under `/`, needs nothing.
    ///
    /// - Throws: `FileIOError.cannotCreateDirectory` naming the whole directory and the
    ///   system's reason (a read-only file system, no permission, a file in the way).
    public static func createDirectories(holding path: String) throws(FileIOError) {
        guard let slash = path.lastIndex(of: "/") else { return }
        let directory = String(path[..<slash])
        guard !directory.isEmpty else { return }
        var parts: [Substring] = []
        for part in directory.split(separator: "/", omittingEmptySubsequences: false) {
            parts.append(part)
            let prefix = parts.joined(separator: "/")
            if prefix.isEmpty { continue }
            if SystemPath.mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw .cannotCreateDirectory(path: directory, reason: systemMessage())
            }
        }
    }
}
