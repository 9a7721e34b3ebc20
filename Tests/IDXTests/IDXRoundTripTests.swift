import Foundation
import Testing
@testable import IDX

/// Shapes of rank 1 to 4, including empty ones.
private let shapes: [[Int]] = [[5], [2, 3], [2, 3, 4], [1, 2, 1, 3], [0], [3, 0, 2]]

@Test(arguments: IDXDataType.allCases, [false, true])
func roundTripEveryTypeAndRank(type: IDXDataType, compressed: Bool) throws {
    let directory = try TemporaryDirectory()
    for shape in shapes {
        let count = shape.reduce(1, *)
        let array = try IDXArray(shape: shape, values: sampleValues(type, count: count))
        let path = directory.file("array-\(shape.count)")
        try IDXWriter.write(array, to: path, compressed: compressed)
        let back = try IDXReader.read(path: path)
        #expect(back == array, "\(type.name) \(shape) compressed: \(compressed)")
        #expect(back.dataType == type)
        #expect(back.shape == shape)
    }
}

@Test(arguments: IDXDataType.allCases)
func writerProducesTheReferenceBytes(type: IDXDataType) throws {
    let directory = try TemporaryDirectory()
    let values = sampleValues(type, count: 9)
    let path = directory.file("plain")
    try IDXWriter.write(try IDXArray(shape: [3, 3], values: values), to: path)
    let onDisk = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    let expected = idxFile(
        type: type.rawValue, shape: [3, 3],
        payload: referenceBigEndianBytes(values))
    #expect(onDisk == expected)
}

@Test(arguments: IDXDataType.allCases, [false, true])
func readerDecodesReferenceBytes(type: IDXDataType, compressed: Bool) throws {
    let directory = try TemporaryDirectory()
    let values = sampleValues(type, count: 24)
    var bytes = idxFile(
        type: type.rawValue, shape: [2, 3, 4],
        payload: referenceBigEndianBytes(values))
    if compressed { bytes = try gzip(bytes) }
    // The name says nothing about compression: the reader looks at the content.
    let path = try directory.write(bytes, to: "array.idx")
    #expect(try IDXReader.read(path: path) == IDXArray(shape: [2, 3, 4], values: values))
}

@Test func knownBytesOfASmallFile() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("small")
    try IDXWriter.write(try IDXArray(shape: [2], values: .int16([0x0102, -2])), to: path)
    let onDisk = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(onDisk == [0x00, 0x00, 0x0B, 0x01, 0x00, 0x00, 0x00, 0x02, 0x01, 0x02, 0xFF, 0xFE])
}

@Test func nanBitPatternsSurvive() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("nan.gz")
    let quiet = Float(nan: 0x1234, signaling: false)
    try IDXWriter.write(
        try IDXArray(shape: [2], values: .float32([quiet, -.nan])), to: path,
        compressed: true)
    guard case .float32(let back) = try IDXReader.read(path: path).values else {
        Issue.record("expected f32 values")
        return
    }
    #expect(back.map(\.bitPattern) == [quiet.bitPattern, (-Float.nan).bitPattern])
}

@Test(arguments: [false, true])
func largeArraysCrossChunkBoundaries(compressed: Bool) throws {
    // Larger than the encoder's and decoder's chunks and the writer's conversion chunk.
    let directory = try TemporaryDirectory()
    let bytes = pseudoRandomBytes(3 << 20)
    let pixels = try IDXArray(shape: [3, 1024, 1024], values: .uint8(bytes))
    try IDXWriter.write(pixels, to: directory.file("u8"), compressed: compressed)
    #expect(try IDXReader.read(path: directory.file("u8")) == pixels)

    let integers = bytes.prefix(400_000).map { Int32($0) * 1_000_003 - 77 }
    let wide = try IDXArray(shape: [integers.count], values: .int32(integers))
    try IDXWriter.write(wide, to: directory.file("i32"), compressed: compressed)
    #expect(try IDXReader.read(path: directory.file("i32")) == wide)
}

@Test func gzipOutputIsStandardGzip() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("labels.gz")
    let labels = try IDXArray(shape: [4], values: .uint8([7, 2, 1, 0]))
    try IDXWriter.write(labels, to: path, compressed: true)
    let onDisk = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(onDisk.prefix(3) == [0x1F, 0x8B, 0x08])  // gzip magic, deflate
    #expect(try IDXReader.readHeader(path: path).shape == [4])
}

@Test func writingReplacesAnExistingFile() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write([1, 2, 3], to: "old")
    let array = try IDXArray(shape: [1], values: .float64([2.5]))
    try IDXWriter.write(array, to: path)
    #expect(try IDXReader.read(path: path) == array)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    #expect(leftovers == ["old"])
}

@Test func writingIntoAMissingDirectoryFails() throws {
    let path = "/nonexistent-idx-tests/dir/file"
    let array = try IDXArray(shape: [1], values: .uint8([1]))
    #expect(throws: IDXError.self) { try IDXWriter.write(array, to: path) }
    do {
        try IDXWriter.write(array, to: path)
    } catch {
        #expect(error.description.contains(path))
    }
}

@Test func arrayShapeMustMatchItsValues() {
    #expect(throws: IDXError.self) { try IDXArray(shape: [2, 3], values: .uint8([1, 2])) }
    #expect(throws: IDXError.self) { try IDXArray(shape: [], values: .uint8([])) }
    #expect(throws: IDXError.self) { try IDXArray(shape: [-1], values: .uint8([])) }
    #expect(throws: IDXError.self) {
        try IDXArray(shape: [Int(UInt32.max) + 1, 0], values: .uint8([]))
    }
    #expect(throws: IDXError.self) {
        try IDXArray(shape: Array(repeating: 1, count: 256), values: .uint8([0]))
    }
}

@Test func headerOnlyReadChecksTheSize() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write(
        idxFile(type: 0x0D, shape: [2, 2], payload: Array(repeating: 0, count: 16)), to: "h")
    let header = try IDXReader.readHeader(path: path)
    #expect(header.dataType == .float32)
    #expect(header.shape == [2, 2])
    #expect(header.byteCount == 12)
    #expect(header.payloadByteCount == 16)
}
