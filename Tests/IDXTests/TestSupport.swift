import Foundation
@testable import IDX

/// A fresh directory for one test's files, removed when the value goes away.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "idx-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// The path of `name` inside the directory.
    func file(_ name: String) -> String { path + "/" + name }

    /// Writes `bytes` to `name` inside the directory and returns its path.
    @discardableResult
    func write(_ bytes: [UInt8], to name: String) throws -> String {
        let target = file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }
}

/// `bytes` as one gzip member, made with the module's own encoder.
func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
    let encoder = try GzipEncoder(path: "(memory)")
    var compressed: [UInt8] = []
    try bytes.withUnsafeBytes { raw in
        try encoder.compress(raw, finish: true) { (piece) throws(IDXError) in
            compressed += piece
        }
    }
    return compressed
}

/// The bytes of an IDX file built by hand: magic `00 00 type rank`, big-endian dimensions, then
/// `payload` exactly as given (which may disagree with the header on purpose).
func idxFile(type: UInt8, shape: [UInt32], payload: [UInt8] = []) -> [UInt8] {
    var bytes: [UInt8] = [0, 0, type, UInt8(shape.count)]
    for dimension in shape {
        bytes += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: dimension >> $0) }
    }
    return bytes + payload
}

/// Reads `path`, returning the error it throws (nil if it reads).
func readError(_ path: String) -> IDXError? {
    do {
        _ = try IDXReader.read(path: path)
        return nil
    } catch {
        return error
    }
}

/// Loads an MNIST split, returning the error it throws (nil if it loads).
func loadError(_ directory: String, _ split: MNISTSplit) -> IDXError? {
    do {
        _ = try MNISTDataset(directory: directory, split: split)
        return nil
    } catch {
        return error
    }
}

/// A deterministic stream of pseudo-random bytes (a 64-bit linear congruential generator).
func pseudoRandomBytes(_ count: Int, seed: UInt64 = 1) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return UInt8(truncatingIfNeeded: state >> 56)
    }
}

/// Values of `type` for `count` elements, cycling through awkward ones (extremes, negative
/// zero, infinities, subnormals).
func sampleValues(_ type: IDXDataType, count: Int) -> IDXValues {
    func cycle<T>(_ samples: [T]) -> [T] { (0..<count).map { samples[$0 % samples.count] } }
    switch type {
    case .uint8: return .uint8(cycle([0, 1, 127, 128, 254, 255, 42]))
    case .int8: return .int8(cycle([0, 1, -1, 127, -128, 42]))
    case .int16: return .int16(cycle([0, 1, -1, .max, .min, 0x0102, -300]))
    case .int32: return .int32(cycle([0, 1, -1, .max, .min, 0x0102_0304, -70_000]))
    case .float32:
        return .float32(
            cycle([
                0, -0.0, 1.5, -3.25, .infinity, -.infinity,
                .leastNonzeroMagnitude, .greatestFiniteMagnitude, .pi,
            ]))
    case .float64:
        return .float64(
            cycle([
                0, -0.0, 1.5, -3.25, .infinity, -.infinity,
                .leastNonzeroMagnitude, .greatestFiniteMagnitude, .pi,
            ]))
    }
}

/// The big-endian bytes of `values`, built one value at a time with shifts: an independent
/// reference for what the writer must produce and the reader must accept.
func referenceBigEndianBytes(_ values: IDXValues) -> [UInt8] {
    func bytes<B: FixedWidthInteger>(_ bits: B) -> [UInt8] {
        stride(from: B.bitWidth - 8, through: 0, by: -8).map { UInt8(truncatingIfNeeded: bits >> $0) }
    }
    switch values {
    case .uint8(let v): return v
    case .int8(let v): return v.map { UInt8(bitPattern: $0) }
    case .int16(let v): return v.flatMap { bytes(UInt16(bitPattern: $0)) }
    case .int32(let v): return v.flatMap { bytes(UInt32(bitPattern: $0)) }
    case .float32(let v): return v.flatMap { bytes($0.bitPattern) }
    case .float64(let v): return v.flatMap { bytes($0.bitPattern) }
    }
}
