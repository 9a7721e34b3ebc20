/// The values of an IDX array: one contiguous Swift array, row-major, in host byte order.
public enum IDXValues: Equatable, Sendable {
    case uint8([UInt8])
    case int8([Int8])
    case int16([Int16])
    case int32([Int32])
    case float32([Float])
    case float64([Double])

    /// The IDX type code these values are stored with.
    public var dataType: IDXDataType {
        switch self {
        case .uint8: return .uint8
        case .int8: return .int8
        case .int16: return .int16
        case .int32: return .int32
        case .float32: return .float32
        case .float64: return .float64
        }
    }

    /// The number of values.
    public var count: Int {
        switch self {
        case .uint8(let values): return values.count
        case .int8(let values): return values.count
        case .int16(let values): return values.count
        case .int32(let values): return values.count
        case .float32(let values): return values.count
        case .float64(let values): return values.count
        }
    }
}

/// An n-dimensional array as stored in an IDX file: a shape and its values.
///
/// `shape` lists the dimensions outermost first (MNIST images: `[count, 28, 28]`); the values
/// are row-major, so the last index varies fastest, and there are `shape.reduce(1, *)` of them.
///
///     let labels = try IDXArray(shape: [3], values: .uint8([7, 2, 1]))
///     try IDXWriter.write(labels, to: "labels-idx1-ubyte.gz", compressed: true)
///     let back = try IDXReader.read(path: "labels-idx1-ubyte.gz")   // == labels
public struct IDXArray: Equatable, Sendable {
    /// The largest number of dimensions IDX can record (the rank is one byte).
    public static let maximumRank = 255

    /// The dimensions, outermost first; at least one, each in `0...UInt32.max`.
    public let shape: [Int]
    /// The values, row-major, in host byte order.
    public let values: IDXValues

    /// The element type.
    public var dataType: IDXDataType { values.dataType }
    /// The number of dimensions.
    public var rank: Int { shape.count }
    /// The number of values, the product of `shape`.
    public var count: Int { values.count }

    /// Makes an array of `shape` holding `values`.
    ///
    /// - Throws: `IDXError.invalidShape` if the rank is not in `1...255`, a dimension is not in
    ///   `0...UInt32.max`, or the product of `shape` is not `values.count`.
    public init(shape: [Int], values: IDXValues) throws(IDXError) {
        func refuse(_ reason: String) -> IDXError {
            .invalidShape(shape: shape, valueCount: values.count, reason: reason)
        }
        guard (1...Self.maximumRank).contains(shape.count) else {
            throw refuse("expected 1 to \(Self.maximumRank) dimensions")
        }
        guard shape.allSatisfy({ (0...Int(UInt32.max)).contains($0) }) else {
            throw refuse("expected each dimension in 0...\(UInt32.max)")
        }
        guard let product = IDXHeader.product(of: shape), product == values.count else {
            throw refuse("expected as many values as the product of the dimensions")
        }
        self.shape = shape
        self.values = values
    }
}
