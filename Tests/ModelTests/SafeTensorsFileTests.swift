#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FileIO
import Testing

@testable import Model

/// Writing to and reading from disk: atomic replacement, and refusals before anything is written.
@Suite("SafeTensors files")
struct SafeTensorsFileTests {
    /// A fresh empty directory under the system's temporary directory.
    static func temporaryDirectory() throws -> String {
        var template = Array("/tmp/safetensors-test-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        try #require(made != nil)
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The names in `directory`, without `.` and `..` (temporary files included).
    static func listing(_ directory: String) -> [String] {
        DirectoryListing.names(in: directory, hidden: true)
    }

    static func remove(_ directory: String) {
        for name in listing(directory) { unlink(directory + "/" + name) }
        rmdir(directory)
    }

    @Test func writeThenReadBack() throws {
        let directory = try Self.temporaryDirectory()
        defer { Self.remove(directory) }
        let path = directory + "/model.safetensors"
        try SafeTensorsTests.sample.write(to: path)
        #expect(try SafeTensors(contentsOf: path) == SafeTensorsTests.sample)
        #expect(try FileReading.read(path, limit: 1 << 20) == SafeTensorsTests.sample.encoded())
        #expect(Self.listing(directory) == ["model.safetensors"])  // no temporary file left
    }

    @Test func overwriteReplacesTheWholeFile() throws {
        let directory = try Self.temporaryDirectory()
        defer { Self.remove(directory) }
        let path = directory + "/model.safetensors"
        try SafeTensorsTests.sample.write(to: path)
        let small = SafeTensors(tensors: [.init(name: "x", tensor: .init(shape: [1], values: [1]))])
        try small.write(to: path)
        #expect(try SafeTensors(contentsOf: path) == small)
        #expect(Self.listing(directory) == ["model.safetensors"])
    }

    @Test func failedWriteLeavesNothingBehind() throws {
        let directory = try Self.temporaryDirectory()
        defer { Self.remove(directory) }
        // Tests run as root, so permissions cannot make a directory unwritable: use a directory
        // that does not exist, and a "directory" that is a regular file.
        let missing = directory + "/no-such-dir/model.safetensors"
        #expect(throws: SafeTensorsError.self) { try SafeTensorsTests.sample.write(to: missing) }
        try SafeTensorsTests.sample.write(to: directory + "/file")
        let underFile = directory + "/file/model.safetensors"
        do {
            try SafeTensorsTests.sample.write(to: underFile)
            Issue.record("writing under a regular file succeeded")
        } catch {
            #expect(error.description.contains(underFile))
            #expect(error.description.contains("cannot write"))
        }
        #expect(Self.listing(directory) == ["file"])
        #expect(try SafeTensors(contentsOf: directory + "/file") == SafeTensorsTests.sample)
    }

    /// A directory at the destination is refused before anything is written (it used to fail
    /// at the rename, after the temporary file was written): nothing is left behind and the
    /// directory is untouched.
    @Test func failedRenameRemovesTheTemporaryFile() throws {
        let directory = try Self.temporaryDirectory()
        defer { Self.remove(directory) }
        let path = directory + "/model.safetensors"
        try #require(mkdir(path, 0o755) == 0)
        defer { rmdir(path) }
        do {
            try SafeTensorsTests.sample.write(to: path)
            Issue.record("replaced a directory with a file")
        } catch {
            #expect(error.description == path + ": is a directory, expected a file")
        }
        #expect(Self.listing(directory) == ["model.safetensors"])
        #expect(Self.listing(path) == [])
    }

    @Test func invalidTensorIsRefusedAndExistingFileKept() throws {
        let directory = try Self.temporaryDirectory()
        defer { Self.remove(directory) }
        let path = directory + "/model.safetensors"
        try SafeTensorsTests.sample.write(to: path)

        let cases: [(SafeTensors, [String])] = [
            (
                SafeTensors(tensors: [.init(name: "w", tensor: .init(shape: [2, 3], values: [1, 2]))]),
                ["\"w\"", "[2, 3]", "6 values", "holds 2"]
            ),
            (
                SafeTensors(tensors: [.init(name: "n", tensor: .init(shape: [-1, -1], values: [1]))]),
                ["\"n\"", "negative"]
            ),
            (
                SafeTensors(tensors: [.init(name: "o", tensor: .init(shape: [Int.max, 2], values: []))]),
                ["\"o\"", "overflowing"]
            ),
            (SafeTensors(tensors: [.init(name: "big", tensor: .init(shape: [Int.max / 2], values: []))]), ["\"big\""]),
            (
                SafeTensors(tensors: [
                    .init(name: "d", tensor: .init(shape: [], values: [1])),
                    .init(name: "d", tensor: .init(shape: [], values: [2])),
                ]), ["\"d\"", "twice"]
            ),
            (
                SafeTensors(tensors: [.init(name: "__metadata__", tensor: .init(shape: [], values: [1]))]),
                ["__metadata__", "reserved"]
            ),
        ]
        for (file, words) in cases {
            do {
                try file.write(to: path)
                Issue.record("an invalid file was written: \(file.tensors.map(\.name))")
            } catch {
                #expect(error.description.hasPrefix(path + ": "))
                for word in words { #expect(error.description.contains(word), "\(error.description)") }
            }
        }
        #expect(try SafeTensors(contentsOf: path) == SafeTensorsTests.sample)
        #expect(Self.listing(directory) == ["model.safetensors"])
    }

    @Test func readingMissingOrDirectoryNamesTheFile() throws {
        let directory = try Self.temporaryDirectory()
        defer { Self.remove(directory) }
        #expect(throws: SafeTensorsError.file(.notFound(path: directory + "/absent"))) {
            try SafeTensors(contentsOf: directory + "/absent")
        }
        #expect(throws: SafeTensorsError.file(.isDirectory(path: directory))) {
            try SafeTensors(contentsOf: directory)
        }
    }
}
