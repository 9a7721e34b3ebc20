#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a directory holds, read with `opendir`/`readdir`.
public enum DirectoryListing {
    /// The names in `directory`, sorted, without `.` and `..`; names starting with `.` only when
    /// `hidden` is true. Empty when the directory cannot be read.
    public static func names(in directory: String, hidden: Bool = false) -> [String] {
        guard let stream = SystemPath.opendir(directory.isEmpty ? "." : directory) else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                SystemPath.string(fromBytes: Array(raw.prefix { $0 != 0 }))
            }
            if name == "." || name == ".." || (!hidden && name.hasPrefix(".")) { continue }
            names.append(name)
        }
        return names.sorted()
    }

    /// Whether `path` is a directory (following links).
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return SystemPath.stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Every path below `directory` that is not a directory, recursively, in sorted order;
    /// names starting with `.` are skipped.
    public static func files(below directory: String) -> [String] {
        var found: [String] = []
        for name in names(in: directory) {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            if isDirectory(path) {
                found += files(below: path)
            } else {
                found.append(path)
            }
        }
        return found
    }
}
