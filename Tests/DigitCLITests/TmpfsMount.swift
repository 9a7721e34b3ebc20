import Foundation

/// A small tmpfs mounted on a scratch directory (Linux, as root), to make a full or a read-only
/// file system; unmounted when the value goes away. `permitted` says whether this machine allows it.
final class TmpfsMount {
    let path: String

    /// Whether tmpfs can be mounted here (root, and mounting allowed in this container).
    static let permitted: Bool = {
        guard let mount = try? TmpfsMount(size: "64k") else { return false }
        return Scratch.exists(mount.path)
    }()

    /// Mounts a tmpfs of `size` (e.g. "1m") on a new scratch directory.
    init(size: String) throws {
        path = try Scratch.makeDirectory(prefix: "mount")
        guard Self.command("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size),mode=0755", "tmpfs", path]) else {
            Scratch.removeTree(path)
            throw MountError(message: "mount -t tmpfs \(path) failed")
        }
    }

    deinit {
        _ = Self.command("/bin/umount", ["-l", path])
        Scratch.removeTree(path)
    }

    /// The path of `name` inside the mount.
    func file(_ name: String) -> String { path + "/" + name }

    /// Makes the mount read-only.
    func remountReadOnly() throws {
        guard Self.command("/bin/mount", ["-o", "remount,ro", path]) else {
            throw MountError(message: "mount -o remount,ro \(path) failed")
        }
    }

    /// Runs `executable arguments…` quietly; true if it exited 0.
    private static func command(_ executable: String, _ arguments: [String]) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: executable) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationReason == .exit && process.terminationStatus == 0
    }
}

/// A mount that failed.
struct MountError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
