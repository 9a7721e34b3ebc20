import Testing
@testable import IDX

// Every refusal of a gzip-compressed file: the error, and a message naming the file.

/// A valid IDX file: u8 `[4, 100]` of pseudo-random bytes (incompressible, so damage to the
/// deflate data is not hidden in long runs).
private let goodFile = idxFile(type: 8, shape: [4, 100], payload: pseudoRandomBytes(400))

/// Expects reading `path` to fail with `expected`, with a message that names `path`.
private func expectRefusal(
    _ path: String, _ expected: IDXError, sourceLocation: SourceLocation = #_sourceLocation
) {
    let error = readError(path)
    #expect(error == expected, sourceLocation: sourceLocation)
    #expect(error?.description.contains(path) == true, sourceLocation: sourceLocation)
}

/// Expects reading `path` to fail as corrupt gzip, with a message that names `path`.
private func expectCorrupt(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let error = readError(path)
    guard case .corruptGzip(path, _) = error else {
        Issue.record(
            "expected corrupt gzip, got \(String(describing: error))",
            sourceLocation: sourceLocation)
        return
    }
    #expect(error?.description.contains(path) == true, sourceLocation: sourceLocation)
}

@Test func goodGzipFileReads() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write(try gzip(goodFile), to: "good.gz")
    #expect(try IDXReader.read(path: path).shape == [4, 100])
}

@Test func gzipOfSomethingElse() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write(try gzip(Array("hello, world".utf8)), to: "text.gz")
    expectRefusal(path, .badMagic(path: path, found: Array("hell".utf8)))
}

@Test func gzipWithShortPayload() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write(try gzip(Array(goodFile.dropLast(10))), to: "short.gz")
    expectRefusal(path, .truncatedPayload(path: path, expected: 400, found: 390))
}

@Test func gzipWithShortHeader() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write(try gzip(Array(goodFile.prefix(6))), to: "header.gz")
    expectRefusal(path, .truncatedHeader(path: path, expected: 12, found: 6))
}

@Test func gzipWithDataAfterThePayload() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write(try gzip(goodFile + [0]), to: "long.gz")
    expectRefusal(path, .trailingData(path: path, payload: 400))
}

@Test func garbageAfterTheGzipMember() throws {
    let directory = try TemporaryDirectory()
    let compressed = try gzip(goodFile)
    let path = try directory.write(compressed + [0, 0, 0, 0, 0x42], to: "garbage.gz")
    expectRefusal(path, .trailingGarbage(path: path, offset: compressed.count, count: 5))
}

@Test func secondGzipMemberContinuesTheData() throws {
    let directory = try TemporaryDirectory()
    // Split anywhere, even inside the header: `gzip -dc` reads the two members as one stream.
    for split in [3, 16, goodFile.count / 2, goodFile.count - 1] {
        let members = try gzip(Array(goodFile[..<split])) + gzip(Array(goodFile[split...]))
        let path = try directory.write(members, to: "two-\(split).gz")
        let read = try IDXReader.read(path: path)
        #expect(try read == IDXReader.read(path: directory.write(goodFile, to: "plain-\(split)")))
    }
}

@Test func extraDataInASecondGzipMemberIsTrailingData() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write(try gzip(goodFile) + gzip([1, 2, 3]), to: "two.gz")
    expectRefusal(path, .trailingData(path: path, payload: 400))
}

@Test func gzipFileCutShort() throws {
    let directory = try TemporaryDirectory()
    let compressed = try gzip(goodFile)
    // Cut inside the deflate data, and cut just before the end (inside the CRC/length trailer).
    expectCorrupt(try directory.write(Array(compressed.prefix(compressed.count / 2)), to: "half.gz"))
    expectCorrupt(try directory.write(Array(compressed.dropLast(3)), to: "trailer.gz"))
    expectCorrupt(try directory.write([0x1F, 0x8B], to: "magic-only.gz"))
}

@Test func gzipWithBadCRC() throws {
    let directory = try TemporaryDirectory()
    var compressed = try gzip(goodFile)
    compressed[compressed.count - 8] ^= 0xFF  // first byte of the CRC-32
    let path = try directory.write(compressed, to: "crc.gz")
    expectRefusal(path, .corruptGzip(path: path, reason: "incorrect data check"))
}

@Test func gzipWithBadLength() throws {
    let directory = try TemporaryDirectory()
    var compressed = try gzip(goodFile)
    compressed[compressed.count - 4] ^= 0x01  // first byte of the length
    let path = try directory.write(compressed, to: "length.gz")
    expectRefusal(path, .corruptGzip(path: path, reason: "incorrect length check"))
}

@Test func gzipWithBadDeflateData() throws {
    let directory = try TemporaryDirectory()
    var compressed = try gzip(goodFile)
    compressed[10] = 0xFF  // first deflate block header: reserved block type 3
    let path = try directory.write(compressed, to: "deflate.gz")
    expectRefusal(path, .corruptGzip(path: path, reason: "invalid block type"))
    // Damage further in is caught (by the decoder, the CRC or the payload size: which one
    // depends on the damage), never read as good data.
    for offset in stride(from: 20, to: compressed.count - 8, by: 37) {
        var damaged = try gzip(goodFile)
        damaged[offset] ^= 0x55
        let damagedPath = try directory.write(damaged, to: "damaged-\(offset).gz")
        let error = readError(damagedPath)
        #expect(error?.description.contains(damagedPath) == true, "offset \(offset)")
    }
}

@Test func gzipWithBadHeader() throws {
    let directory = try TemporaryDirectory()
    var compressed = try gzip(goodFile)
    compressed[2] = 7  // compression method: only 8 (deflate) exists
    let path = try directory.write(compressed, to: "method.gz")
    expectRefusal(path, .corruptGzip(path: path, reason: "unknown compression method"))
}

@Test func gzipClaimingAnAbsurdSize() throws {
    // A tiny gzip file whose header claims 1 GiB: refused before anything is allocated.
    let directory = try TemporaryDirectory()
    let compressed = try gzip(idxFile(type: 8, shape: [1 << 30]))
    let path = try directory.write(compressed, to: "bomb.gz")
    expectRefusal(
        path,
        .implausibleSize(
            path: path, claimed: (1 << 30) + 8,
            compressedSize: compressed.count))
}

@Test func gzipClaimingMoreThanTheLimit() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write(try gzip(idxFile(type: 0x0C, shape: [1 << 29 + 1])), to: "big.gz")
    expectRefusal(
        path,
        .payloadTooLarge(
            path: path, dataType: .int32, shape: [1 << 29 + 1],
            limit: 1 << 31))
}

@Test func highlyCompressibleDataIsNotMistakenForABomb() throws {
    // 8 MiB of zeros compresses about 1000:1 and must still read.
    let directory = try TemporaryDirectory()
    let zeros = try IDXArray(shape: [8 << 20], values: .uint8(Array(repeating: 0, count: 8 << 20)))
    let path = directory.file("zeros.gz")
    try IDXWriter.write(zeros, to: path, compressed: true)
    #expect(try IDXReader.read(path: path) == zeros)
}
