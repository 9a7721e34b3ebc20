#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How an output path is written, decided by what is there now (the rules of `AtomicFile`).
public enum OutputTarget: Equatable, Sendable {
    /// Write into the node itself: a FIFO or a character device (a terminal, `/dev/null`, a pipe),
    /// or stdout for the path `-`.
    case direct
    /// Replace the regular file (or create the file) at this path atomically: the path itself,
    /// or, for a symbolic link, the file it points to (so that the link is kept).
    case replace(String)

    /// The path that names stdout.
    public static let standardOutput = "-"

    /// The rule for `path`.
    ///
    /// - Throws: `FileIOError.isDirectory` for a directory or a path ending in `/`,
    ///   `.notRegularFile` for a block device or a socket, `.writeFailed` for a link loop.
    public init(_ path: String) throws(FileIOError) {
        if path.isEmpty { throw .writeFailed(path: path, reason: "the path is empty") }
        if path == Self.standardOutput { self = .direct; return }
        switch FileType.of(path) {
        case .directory: throw .isDirectory(path: path)
        case .fifo, .characterDevice: self = .direct; return
        case let other where other == .blockDevice || other == .socket:
            throw .notRegularFile(path: path, kind: other.phrase)
        default: break
        }
        if PathParts(path).name.isEmpty || path.hasSuffix("/.") || path == "." || path.hasSuffix("/..") || path == ".."
        {
            throw .isDirectory(path: path)
        }
        // Follow symbolic links one at a time (up to 40, as the kernel does) to the file the
        // rename must replace, so that the link itself is kept.
        var current = path
        for _ in 0..<40 {
            guard FileType.of(current, followLinks: false) == .symbolicLink else {
                self = .replace(current)
                return
            }
            guard let target = SystemPath.readlink(current) else {
                throw .writeFailed(path: path, reason: systemMessage())
            }
            current = target.hasPrefix("/") ? target : PathParts(current).sibling(target)
        }
        throw .writeFailed(path: path, reason: "too many levels of symbolic links")
    }
}
