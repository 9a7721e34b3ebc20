#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What kind of node a path names, from `stat`/`lstat`: readers accept only regular files, and
/// writers treat each kind by its own rule (see `AtomicFile`).
public enum FileType: Equatable, Sendable {
    /// Nothing at the path (or it cannot be examined).
    case missing
    /// A regular file.
    case regular
    /// A directory.
    case directory
    /// A symbolic link (only seen without following links).
    case symbolicLink
    /// A FIFO (named pipe), or a pipe reached through `/dev/fd/N`.
    case fifo
    /// A character device: a terminal, `/dev/null`, `/dev/urandom`…
    case characterDevice
    /// A block device (a disk).
    case blockDevice
    /// A socket.
    case socket

    /// The kind of node at `path`, following symbolic links unless `followLinks` is false.
    /// A path that cannot be examined for another reason than its absence counts as `.missing`.
    public static func of(_ path: String, followLinks: Bool = true) -> FileType {
        var info = stat()
        let status = SystemPath.stat(path, &info, followLinks: followLinks)
        return status == 0 ? FileType(mode: info.st_mode) : .missing
    }

    /// The kind of node described by a `stat` mode.
    public init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFLNK: self = .symbolicLink
        case S_IFIFO: self = .fifo
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        default: self = .socket
        }
    }

    /// The kind in words for messages, e.g. "a FIFO (named pipe)".
    public var phrase: String {
        switch self {
        case .missing: "nothing"
        case .regular: "a regular file"
        case .directory: "a directory"
        case .symbolicLink: "a symbolic link"
        case .fifo: "a FIFO (named pipe)"
        case .characterDevice: "a character device"
        case .blockDevice: "a block device"
        case .socket: "a socket"
        }
    }
}
