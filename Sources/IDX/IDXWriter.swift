import FileIO

/// Writes IDX files, plain or gzip-compressed, atomically: readers of the destination see the
/// old file or the complete new one, never a partial one (`FileIO.AtomicFile`).
///
///     let labels = try IDXArray(shape: [3], values: .uint8([7, 2, 1]))
///     try IDXWriter.write(labels, to: "t10k-labels-idx1-ubyte.gz", compressed: true)
public enum IDXWriter {
    /// Values converted to big-endian per write, for types wider than a byte.
    static let valuesPerChunk = 1 << 14

    /// Writes `array` as an IDX file at `path` (whose directory must exist).
    ///
    /// - Parameters:
    ///   - array: the values and their dimensions.
    ///   - path: the file to write (replaced atomically).
    ///   - compressed: write one gzip member (zlib deflate, level 6) instead of plain IDX. The
    ///     name of `path` is not consulted; by convention gzip files end in `.gz`.
    /// - Throws: `IDXError.payloadTooLarge` over 2 GiB of payload (the reader's limit),
    ///   `.file(.writeFailed)` or `.compressionFailed`, naming `path`.
    public static func write(_ array: IDXArray, to path: String, compressed: Bool = false)
        throws(IDXError)
    {
        let header = try IDXHeader(dataType: array.dataType, shape: array.shape, path: path)
        let output = try IDXOutput(path: path, compressed: compressed)
        try output.write(contentsOf: header.encoded())
        switch array.values {
        case .uint8(let values): try output.write(contentsOf: values)
        case .int8(let values): try output.write(contentsOf: values)
        case .int16(let values): try writeBigEndian(values, to: output) { UInt16(bitPattern: $0) }
        case .int32(let values): try writeBigEndian(values, to: output) { UInt32(bitPattern: $0) }
        case .float32(let values): try writeBigEndian(values, to: output) { $0.bitPattern }
        case .float64(let values): try writeBigEndian(values, to: output) { $0.bitPattern }
        }
        try output.commit()
    }

    /// Writes `values` big-endian, a chunk at a time, through their bit patterns (`bits`
    /// gives the unsigned integer of the same size holding a value's bits).
    static func writeBigEndian<T, Bits: FixedWidthInteger>(
        _ values: [T], to output: IDXOutput, bits: (T) -> Bits
    ) throws(IDXError) {
        var start = 0
        while start < values.count {
            let end = min(start + valuesPerChunk, values.count)
            var chunk = values[start..<end].map(bits)
            chunk.withUnsafeMutableBufferPointer { ByteOrder.hostToBigEndian($0) }
            try output.write(contentsOf: chunk)
            start = end
        }
    }
}

/// The destination of `IDXWriter`: an atomic file, with a gzip encoder in front if compressed.
final class IDXOutput {
    private let file: AtomicFile
    private let encoder: GzipEncoder?

    /// Starts a temporary file beside `path`.
    init(path: String, compressed: Bool) throws(IDXError) {
        do {
            file = try AtomicFile(path: path)
        } catch {
            throw .file(error)
        }
        encoder = compressed ? try GzipEncoder(path: path) : nil
    }

    /// Appends the bytes of `values` (compressing them if the file is gzip).
    func write<T>(contentsOf values: [T]) throws(IDXError) {
        var result: Result<Void, IDXError> = .success(())
        values.withUnsafeBytes { bytes in
            result = Result { () throws(IDXError) in try write(bytes, finish: false) }
        }
        try result.get()
    }

    /// Ends the gzip member if any, then flushes and renames the file into place.
    func commit() throws(IDXError) {
        try write(UnsafeRawBufferPointer(start: nil, count: 0), finish: true)
        do {
            try file.commit()
        } catch {
            throw .file(error)
        }
    }

    private func write(_ bytes: UnsafeRawBufferPointer, finish: Bool) throws(IDXError) {
        guard let encoder else {
            do { try file.write(bytes) } catch { throw .file(error) }
            return
        }
        try encoder.compress(bytes, finish: finish) { (compressed) throws(IDXError) in
            do throws(FileIOError) { try file.write(compressed) } catch { throw .file(error) }
        }
    }
}
