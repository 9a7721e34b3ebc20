/// The header of an IDX file, checked: what the payload after it holds and how large it is.
///
/// On disk the header is the magic number `00 00 TYPE RANK` followed by RANK dimensions, each a
/// big-endian `UInt32`, outermost first: 4 + 4 × RANK bytes. The payload follows: the values,
/// row-major, big-endian, `product(shape) × byteWidth` bytes, and then the file ends.
public struct IDXHeader: Equatable, Sendable {
    /// The largest payload accepted, in bytes (2 GiB); larger headers are refused before any
    /// allocation.
    public static let maximumPayloadBytes = 1 << 31

    /// The element type.
    public let dataType: IDXDataType
    /// The dimensions, outermost first.
    public let shape: [Int]
    /// The number of values, the product of `shape`.
    public let count: Int

    /// The payload size in bytes: `count × dataType.byteWidth`, at most `maximumPayloadBytes`.
    public var payloadByteCount: Int { count * dataType.byteWidth }
    /// The header size in bytes: 4 + 4 × rank.
    public var byteCount: Int { 4 + 4 * shape.count }

    /// Checks a header read from `path`.
    ///
    /// - Throws: `IDXError.zeroRank` for an empty `shape`, `.payloadTooLarge` if the payload
    ///   would exceed `maximumPayloadBytes` (or overflow `Int`).
    init(dataType: IDXDataType, shape: [Int], path: String) throws(IDXError) {
        guard !shape.isEmpty else { throw .zeroRank(path: path) }
        guard let count = Self.product(of: shape),
            count <= Self.maximumPayloadBytes / dataType.byteWidth
        else {
            throw .payloadTooLarge(
                path: path, dataType: dataType, shape: shape, limit: Self.maximumPayloadBytes)
        }
        self.dataType = dataType
        self.shape = shape
        self.count = count
    }

    /// The product of `shape`, or nil if it overflows `Int` or a dimension is negative.
    static func product(of shape: [Int]) -> Int? {
        var product = 1
        for dimension in shape {
            guard dimension >= 0 else { return nil }
            let (next, overflow) = product.multipliedReportingOverflow(by: dimension)
            if overflow { return nil }
            product = next
        }
        return product
    }

    /// Reads the type code and rank from the magic number `00 00 TYPE RANK` (`magic` holds the
    /// 4 bytes).
    ///
    /// - Throws: `.badMagic`, `.unknownDataType` or `.zeroRank`, naming `path`.
    static func parseMagic(_ magic: [UInt8], path: String) throws(IDXError)
        -> (dataType: IDXDataType, rank: Int)
    {
        guard magic.count == 4, magic[0] == 0, magic[1] == 0 else {
            throw .badMagic(path: path, found: magic)
        }
        guard let dataType = IDXDataType(rawValue: magic[2]) else {
            throw .unknownDataType(path: path, code: magic[2])
        }
        guard magic[3] > 0 else { throw .zeroRank(path: path) }
        return (dataType, Int(magic[3]))
    }

    /// Reads the dimensions: `bytes` holds 4 × rank bytes, big-endian `UInt32`s.
    static func parseDimensions(_ bytes: [UInt8]) -> [Int] {
        stride(from: 0, to: bytes.count - 3, by: 4).map { offset in
            Int(ByteOrder.uint32(bigEndianBytes: bytes[offset..<offset + 4]))
        }
    }

    /// The header's bytes as they appear in the file.
    func encoded() -> [UInt8] {
        var bytes: [UInt8] = [0, 0, dataType.rawValue, UInt8(shape.count)]
        for dimension in shape {
            bytes += ByteOrder.bigEndianBytes(UInt32(truncatingIfNeeded: dimension))
        }
        return bytes
    }
}
