import Foundation
import Testing
@testable import FileIO

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file rules every reader and writer goes through: regular files only for reading (without
/// blocking), links kept, special files written into, inputs protected, one lock holder.
@Suite struct FileRulesTests {
    static func directory() throws -> String {
        let path = NSTemporaryDirectory() + "filerules-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func pathPartsUseTheDirectoryTheRenameUses() {
        #expect(PathParts("models/m.st").directory == "models" && PathParts("models/m.st").name == "m.st")
        #expect(PathParts("m.st").directory == "." && PathParts("m.st").name == "m.st")
        #expect(PathParts("/m.st").directory == "/" && PathParts("/m.st").name == "m.st")
        #expect(PathParts("/m.st").sibling(".m.st.tmp-1") == "/.m.st.tmp-1")
        #expect(PathParts("dir/").name.isEmpty)
    }

    @Test func readersRefuseSpecialFilesWithoutBlocking() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fifo = directory + "/fifo"
        try #require(mkfifo(fifo, 0o644) == 0)
        #expect(throws: FileIOError.notRegularFile(path: fifo, kind: "a FIFO (named pipe)")) {
            try FileReading.read(fifo, limit: 10)
        }
        #expect(throws: FileIOError.notRegularFile(path: "/dev/null", kind: "a character device")) {
            try FileReading.read("/dev/null", limit: 10)
        }
        #expect(throws: FileIOError.isDirectory(path: directory)) { try ReadableFile.open(directory) }
        #expect(
            FileIOError.notRegularFile(path: fifo, kind: "a FIFO (named pipe)").description
                == "\(fifo): is a FIFO (named pipe), expected a regular file")
    }

    @Test func writersKeepLinksAndWriteIntoDevices() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let link = directory + "/link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target")
        #expect(try OutputTarget(link) == .replace(directory + "/target"))
        try AtomicFile.write([1, 2], to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "target")
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/target")) == Data([1, 2]))

        #expect(try OutputTarget("/dev/null") == .direct)
        #expect(try OutputTarget("-") == .direct)
        try AtomicFile.write([1, 2, 3], to: "/dev/null")
        #expect(throws: FileIOError.writeFailed(path: "/dev/full", reason: "No space left on device")) {
            try AtomicFile.write([1], to: "/dev/full")
        }
        #expect(throws: FileIOError.isDirectory(path: directory)) { try AtomicFile(path: directory) }
        #expect(throws: FileIOError.isDirectory(path: directory + "/new/")) { try OutputTarget(directory + "/new/") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["link", "target"])
    }

    @Test func outputGuardProtectsInputsAndForeignFiles() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let input = directory + "/input"
        try Data([7, 7]).write(to: URL(fileURLWithPath: input))
        let link = directory + "/alias"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: input)
        #expect(throws: FileIOError.self) {
            try OutputGuard.check(link, inputs: [input], overwrite: false) { _ in nil }
        }
        try OutputGuard.check(link, inputs: [input], overwrite: true) { _ in "never" }
        #expect(throws: FileIOError.refusedToReplace(path: input, reason: "not ours", option: "--overwrite")) {
            try OutputGuard.check(input, inputs: [], overwrite: false) { $0 == [7, 7] ? "not ours" : nil }
        }
        try OutputGuard.check(directory + "/new", inputs: [input], overwrite: false) { _ in "never" }
    }

    @Test func aLockHasOneHolderAndGoesAwayWithIt() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/model"
        var lock: FileLock? = try FileLock(path: path)
        #expect(Scratch.exists(directory + "/.model.lock"))
        // flock is per open file: a second open in the same process is refused as well.
        #expect(throws: FileIOError.locked(path: path, holder: getpid())) { try FileLock(path: path) }
        lock = nil
        #expect(!Scratch.exists(directory + "/.model.lock"))
        lock = try FileLock(path: path)
        _ = lock
    }
}

/// Existence checks for these tests.
private enum Scratch {
    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
}
