import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Scratch files for the tests: every directory lives under one root per test process
/// (`/tmp/digits-cli-tests-XXXXXX`), removed when the process exits.
enum Scratch {
    /// The root directory of this test process.
    static let root: String = {
        var template = Array((NSTemporaryDirectory() + "digits-cli-tests-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
        }
        let root = made ?? NSTemporaryDirectory() + "digits-cli-tests-\(getpid())"
        rootForCleanUp = root
        atexit { removeTree(rootForCleanUp) }
        return root
    }()

    nonisolated(unsafe) private static var rootForCleanUp = ""

    /// A new empty directory under the root, e.g. `…/train-1A2B3C`.
    static func makeDirectory(prefix: String) throws -> String {
        let path = root + "/\(prefix)-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `bytes` to `path`.
    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// The bytes of the file at `path`.
    static func read(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Whether a file (or directory) exists at `path`.
    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// Removes `path` and everything under it (unmounting nothing: callers unmount first).
    static func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// A directory for one test, removed when the value goes away.
final class ScratchDirectory {
    let path: String

    init(_ prefix: String = "test") throws {
        path = try Scratch.makeDirectory(prefix: prefix)
    }

    deinit { Scratch.removeTree(path) }

    /// The path of `name` inside the directory.
    func file(_ name: String) -> String { path + "/" + name }

    /// Writes `bytes` to `name` inside the directory and returns its path.
    @discardableResult
    func write(_ bytes: [UInt8], to name: String) throws -> String {
        try Scratch.write(bytes, to: file(name))
        return file(name)
    }
}
