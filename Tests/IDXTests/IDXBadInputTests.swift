import Foundation
import Testing
@testable import IDX

// Every refusal of a plain (uncompressed) file: the exact error, and a message naming the file.

/// Expects reading `path` to fail with `expected`, with a message that names `path`.
private func expectRefusal(
    _ path: String, _ expected: IDXError, sourceLocation: SourceLocation = #_sourceLocation
) {
    let error = readError(path)
    #expect(error == expected, sourceLocation: sourceLocation)
    #expect(error?.description.contains(path) == true, sourceLocation: sourceLocation)
}

@Test func missingFile() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("absent")
    expectRefusal(path, .file(.notFound(path: path)))
}

@Test func directoryInsteadOfFile() throws {
    let directory = try TemporaryDirectory()
    expectRefusal(directory.path, .file(.isDirectory(path: directory.path)))
}

@Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/mem")))
func unreadableFile() {
    // Opening /proc/self/mem succeeds but reading offset 0 fails (EIO), even for root.
    let error = readError("/proc/self/mem")
    guard case .file(.unreadable(let path, _)) = error else {
        Issue.record("expected an unreadable-file error, got \(String(describing: error))")
        return
    }
    #expect(path == "/proc/self/mem")
    #expect(error?.description.contains("/proc/self/mem") == true)
}

@Test(.enabled(if: getuid() != 0))
func fileWithoutReadPermission() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write(idxFile(type: 8, shape: [1], payload: [1]), to: "secret")
    try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: path)
    guard case .file(.unreadable(path, _)) = readError(path) else {
        Issue.record("expected an unreadable-file error")
        return
    }
}

@Test func emptyFile() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write([], to: "empty")
    expectRefusal(path, .truncatedHeader(path: path, expected: 4, found: 0))
}

@Test func wrongMagic() throws {
    let directory = try TemporaryDirectory()
    let png = try directory.write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A], to: "picture")
    expectRefusal(png, .badMagic(path: png, found: [0x89, 0x50, 0x4E, 0x47]))
    let short = try directory.write([0x41, 0x42], to: "short")
    expectRefusal(short, .badMagic(path: short, found: [0x41, 0x42]))
}

@Test func unknownTypeCode() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write(idxFile(type: 0x0A, shape: [1], payload: [0]), to: "type")
    expectRefusal(path, .unknownDataType(path: path, code: 0x0A))
}

@Test func rankZero() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write([0, 0, 8, 0, 42], to: "rank0")
    expectRefusal(path, .zeroRank(path: path))
}

@Test func truncatedDimensions() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write([0, 0, 8, 3, 0, 0, 0, 2, 0, 0], to: "dims")
    expectRefusal(path, .truncatedHeader(path: path, expected: 16, found: 10))
}

@Test func dimensionProductOverflows() throws {
    let directory = try TemporaryDirectory()
    let huge = UInt32.max
    let path = try directory.write(idxFile(type: 8, shape: [huge, huge, huge]), to: "overflow")
    let shape = [Int(huge), Int(huge), Int(huge)]
    expectRefusal(
        path,
        .payloadTooLarge(
            path: path, dataType: .uint8, shape: shape,
            limit: IDXHeader.maximumPayloadBytes))
}

@Test func payloadOverTheLimit() throws {
    let directory = try TemporaryDirectory()
    // 2^28 + 1 doubles: 8 bytes over 2 GiB.
    let path = try directory.write(idxFile(type: 0x0E, shape: [1 << 28 + 1]), to: "big")
    expectRefusal(
        path,
        .payloadTooLarge(
            path: path, dataType: .float64, shape: [1 << 28 + 1],
            limit: 1 << 31))
}

@Test func payloadAtTheLimitIsCheckedAgainstTheFileSize() throws {
    // Exactly 2 GiB is allowed by the limit, but this small file cannot hold it: refused
    // from its size before anything is allocated.
    let directory = try TemporaryDirectory()
    let path = try directory.write(idxFile(type: 0x0E, shape: [1 << 28], payload: [1, 2]), to: "f")
    expectRefusal(path, .sizeMismatch(path: path, expectedPayload: 1 << 31, foundPayload: 2))
}

@Test func plainFileShorterThanItsHeaderSays() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write(idxFile(type: 0x0C, shape: [2, 2], payload: [0, 0, 0, 1]), to: "short")
    expectRefusal(path, .sizeMismatch(path: path, expectedPayload: 16, foundPayload: 4))
}

@Test func plainFileWithTrailingBytes() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write(idxFile(type: 8, shape: [3], payload: [1, 2, 3, 4, 5]), to: "long")
    expectRefusal(path, .sizeMismatch(path: path, expectedPayload: 3, foundPayload: 5))
}

@Test func everyMessageIsOneLine() {
    let path = "data/x"
    let errors: [IDXError] = [
        .badMagic(path: path, found: [1, 2, 3, 4]), .badMagic(path: path, found: []),
        .unknownDataType(path: path, code: 0xFF), .zeroRank(path: path),
        .payloadTooLarge(path: path, dataType: .int16, shape: [1, 2], limit: 4),
        .truncatedHeader(path: path, expected: 8, found: 5),
        .sizeMismatch(path: path, expectedPayload: 5, foundPayload: 6),
        .implausibleSize(path: path, claimed: 1 << 30, compressedSize: 50),
        .truncatedPayload(path: path, expected: 9, found: 2),
        .trailingData(path: path, payload: 9),
        .trailingGarbage(path: path, offset: 30, count: 4),
        .corruptGzip(path: path, reason: "incorrect data check"),
        .compressionFailed(path: path, reason: "stream error"),
        .missingFiles(directory: path, split: .train, missing: ["a", "b"]),
        .unexpectedLayout(path: path, expected: "u8", found: "f32"),
        .countMismatch(imagesPath: path, images: 3, labelsPath: "other", labels: 2),
        .labelOutOfRange(path: path, index: 2, value: 10),
    ]
    for error in errors {
        #expect(error.description.contains(path))
        #expect(!error.description.contains("\n"))
    }
    #expect(
        IDXError.badMagic(path: path, found: [0x1F, 0x8B, 0, 10]).description
            .hasSuffix("found 1f 8b 00 0a"))
}
