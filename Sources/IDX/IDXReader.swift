/// Reads IDX files, plain or gzip-compressed (told apart by content, not by name).
///
/// The header is read and checked first (magic, type, rank, payload size against the 2 GiB
/// limit and against the file's size); only then is the payload allocated, once, and filled
/// straight from the file or from `inflate`. Wider values are then converted from big-endian in
/// place.
///
/// The payload must end the file. A gzip file holds exactly one gzip member whose content ends
/// with the payload; anything after that member (padding, garbage, even a second member) is
/// refused rather than ignored, so a damaged or mixed-up file never reads as good.
///
///     let images = try IDXReader.read(path: "data/mnist/train-images-idx3-ubyte.gz")
///     // images.shape == [60000, 28, 28], images.values == .uint8([...47,040,000 bytes...])
public enum IDXReader {
    /// Reads the whole IDX file at `path`.
    ///
    /// - Returns: the array, values in host byte order.
    /// - Throws: `IDXError` naming the file: missing or unreadable file, bad magic, unknown type,
    ///   rank 0, payload over 2 GiB, size disagreeing with the header, truncated or trailing
    ///   data, corrupt gzip.
    public static func read(path: String) throws(IDXError) -> IDXArray {
        let input = try IDXInput(path: path)
        let header = try readHeader(from: input)
        try input.checkSize(for: header)
        let values = try readValues(header, from: input)
        try input.expectEnd(payloadByteCount: header.payloadByteCount)
        return try IDXArray(shape: header.shape, values: values)
    }

    /// Reads and checks only the header of the IDX file at `path` (plain or gzip).
    ///
    /// - Throws: as `read(path:)`, for the header and the file size.
    public static func readHeader(path: String) throws(IDXError) -> IDXHeader {
        let input = try IDXInput(path: path)
        let header = try readHeader(from: input)
        try input.checkSize(for: header)
        return header
    }

    /// Reads the magic number and the dimensions.
    static func readHeader(from input: IDXInput) throws(IDXError) -> IDXHeader {
        let magic = try input.readBytes(4)
        guard magic.count == 4 else {
            if magic.count >= 2 && (magic[0] != 0 || magic[1] != 0) {
                throw .badMagic(path: input.path, found: magic)
            }
            throw .truncatedHeader(path: input.path, expected: 4, found: magic.count)
        }
        let (dataType, rank) = try IDXHeader.parseMagic(magic, path: input.path)
        let dimensionBytes = try input.readBytes(4 * rank)
        guard dimensionBytes.count == 4 * rank else {
            throw .truncatedHeader(
                path: input.path, expected: 4 + 4 * rank, found: 4 + dimensionBytes.count)
        }
        let shape = IDXHeader.parseDimensions(dimensionBytes)
        return try IDXHeader(dataType: dataType, shape: shape, path: input.path)
    }

    /// Allocates the payload of `header` and fills it from `input`.
    static func readValues(_ header: IDXHeader, from input: IDXInput) throws(IDXError)
        -> IDXValues
    {
        let count = header.count
        switch header.dataType {
        case .uint8:
            return .uint8(try readArray(of: UInt8.self, count: count, from: input) { _ in })
        case .int8:
            return .int8(try readArray(of: Int8.self, count: count, from: input) { _ in })
        case .int16:
            return .int16(
                try readArray(of: Int16.self, count: count, from: input) {
                    ByteOrder.bigEndianToHost($0)
                })
        case .int32:
            return .int32(
                try readArray(of: Int32.self, count: count, from: input) {
                    ByteOrder.bigEndianToHost($0)
                })
        case .float32:
            return .float32(
                try readArray(of: Float.self, count: count, from: input) {
                    $0.withMemoryRebound(to: UInt32.self, ByteOrder.bigEndianToHost)
                })
        case .float64:
            return .float64(
                try readArray(of: Double.self, count: count, from: input) {
                    $0.withMemoryRebound(to: UInt64.self, ByteOrder.bigEndianToHost)
                })
        }
    }

    /// Allocates `count` values of `T` (uninitialised), reads their bytes from `input` into
    /// them and applies `toHostOrder` to them.
    ///
    /// - Throws: `.truncatedPayload` if the data ends first.
    static func readArray<T>(
        of type: T.Type, count: Int, from input: IDXInput,
        toHostOrder: (UnsafeMutableBufferPointer<T>) -> Void
    ) throws(IDXError) -> [T] {
        // No values, nothing to read. (`unsafeUninitializedCapacity: 0` would write the count
        // into the runtime's shared empty-array storage, a data race ThreadSanitizer reports
        // when two threads read empty arrays at once.)
        if count == 0 { return [] }
        var failure: IDXError?
        let values = [T](unsafeUninitializedCapacity: count) { storage, initializedCount in
            do throws(IDXError) {
                let buffer = UnsafeMutableBufferPointer(rebasing: storage[..<count])
                let expected = count * MemoryLayout<T>.stride
                let filled = try input.read(into: UnsafeMutableRawBufferPointer(buffer))
                guard filled == expected else {
                    throw IDXError.truncatedPayload(
                        path: input.path, expected: expected, found: filled)
                }
                toHostOrder(buffer)
                initializedCount = count
            } catch {
                failure = error
                initializedCount = 0
            }
        }
        if let failure { throw failure }
        return values
    }
}
