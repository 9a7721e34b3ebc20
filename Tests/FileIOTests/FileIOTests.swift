import Foundation
import Testing
@testable import FileIO

/// A fresh empty directory under the system's temporary directory.
private func scratchDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "fileio-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite struct FileReadingTests {
    @Test func readsWholeFilesAndRefusesLargerOnesBeforeReading() throws {
        let directory = try scratchDirectory()
        let path = directory + "/bytes"
        try Data([1, 2, 3, 4, 5]).write(to: URL(fileURLWithPath: path))
        #expect(try FileReading.read(path, limit: 5) == [1, 2, 3, 4, 5])
        #expect(try FileReading.size(of: path) == 5)
        #expect(throws: FileIOError.tooLarge(path: path, size: 5, limit: 4)) {
            try FileReading.read(path, limit: 4)
        }
    }

    @Test func namesTheFileForMissingFilesAndDirectories() throws {
        let directory = try scratchDirectory()
        #expect(throws: FileIOError.notFound(path: directory + "/none")) {
            try FileReading.read(directory + "/none", limit: 10)
        }
        #expect(throws: FileIOError.isDirectory(path: directory)) {
            try FileReading.read(directory, limit: 10)
        }
        #expect(FileIOError.notFound(path: "/x/y").description == "/x/y: no such file")
    }
}

@Suite struct AtomicFileTests {
    @Test func commitReplacesTheFileAndLeavesNoTemporary() throws {
        let directory = try scratchDirectory()
        let path = directory + "/model.bin"
        try AtomicFile.write([1, 2, 3], to: path)
        try AtomicFile.write([4, 5], to: path, durable: false)
        #expect(try FileReading.read(path, limit: 100) == [4, 5])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["model.bin"])
    }

    @Test func anUncommittedWriterRemovesItsTemporaryAndKeepsTheOldFile() throws {
        let directory = try scratchDirectory()
        let path = directory + "/model.bin"
        try AtomicFile.write([1, 2, 3], to: path)
        do {
            let file = try AtomicFile(path: path)
            try file.write([9, 9, 9, 9])
            #expect(FileManager.default.fileExists(atPath: file.temporaryPath))
        }
        #expect(try FileReading.read(path, limit: 100) == [1, 2, 3])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["model.bin"])
    }

    @Test func aMissingDirectoryIsAWriteError() throws {
        let path = try scratchDirectory() + "/no/such/dir/file"
        #expect(throws: FileIOError.self) { try AtomicFile.write([1], to: path) }
    }

    @Test func staleTemporariesOfDeadWritersAreRemovedOthersKept() throws {
        let directory = try scratchDirectory()
        let path = directory + "/model.bin"
        // PID 2^22+1 is above Linux's pid_max default, so no such process exists.
        let dead = directory + "/.model.bin.tmp-4194305"
        let alive = directory + "/.model.bin.tmp-\(getpid())"
        let other = directory + "/.other.bin.tmp-4194305"
        for file in [dead, alive, other] { try Data([0]).write(to: URL(fileURLWithPath: file)) }
        #expect(AtomicFile.removeStaleTemporaries(of: path) == 1)
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: alive))
        #expect(FileManager.default.fileExists(atPath: other))
    }
}

@Suite struct DirectoryListingTests {
    @Test func listsNamesSortedAndFilesRecursivelySkippingHiddenOnes() throws {
        let directory = try scratchDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/sub", withIntermediateDirectories: true)
        for file in ["b", "a", ".hidden", "sub/c"] {
            try Data([0]).write(to: URL(fileURLWithPath: directory + "/" + file))
        }
        #expect(DirectoryListing.names(in: directory) == ["a", "b", "sub"])
        #expect(DirectoryListing.names(in: directory, hidden: true) == [".hidden", "a", "b", "sub"])
        #expect(DirectoryListing.files(below: directory) == ["a", "b", "sub/c"].map { directory + "/" + $0 })
        #expect(DirectoryListing.isDirectory(directory + "/sub") && !DirectoryListing.isDirectory(directory + "/a"))
        #expect(DirectoryListing.names(in: directory + "/missing") == [])
    }
}

@Suite struct DirectoryCreationTests {
    @Test func createsEveryMissingDirectoryAboveThePath() throws {
        let directory = try scratchDirectory()
        try DirectoryCreation.createDirectories(holding: directory + "/a/b/c/file.txt")
        #expect(DirectoryListing.isDirectory(directory + "/a/b/c"))
        #expect(!DirectoryListing.isDirectory(directory + "/a/b/c/file.txt"))
        // Existing directories and paths without a directory are fine.
        try DirectoryCreation.createDirectories(holding: directory + "/a/b/other")
        try DirectoryCreation.createDirectories(holding: "file-in-the-working-directory")
    }

    @Test func aFileInTheWayIsAnErrorNamingTheDirectory() throws {
        let directory = try scratchDirectory()
        try Data([0]).write(to: URL(fileURLWithPath: directory + "/plain"))
        #expect(throws: FileIOError.cannotCreateDirectory(path: directory + "/plain/sub", reason: "Not a directory")) {
            try DirectoryCreation.createDirectories(holding: directory + "/plain/sub/file")
        }
    }
}

@Suite struct PathPartsTests {
    @Test func stemIsTheLastNameWithoutItsExtension() {
        #expect(PathParts("a/seven.png").stem == "seven")
        #expect(PathParts("models/mnist.safetensors").stem == "mnist")
        #expect(PathParts("archive.tar.gz").stem == "archive.tar")
        #expect(PathParts("dir.d/.profile").stem == ".profile")
        #expect(PathParts("plain").stem == "plain")
        #expect(PathParts("reports/").stem == "")
    }
}
