/// The element type of an IDX file, as coded in the third byte of its magic number
/// `00 00 TYPE RANK`. Values are stored big-endian in the file.
public enum IDXDataType: UInt8, CaseIterable, Sendable {
    /// Unsigned byte (`UInt8`), code 0x08: MNIST images and labels.
    case uint8 = 0x08
    /// Signed byte (`Int8`), code 0x09.
    case int8 = 0x09
    /// Signed 16-bit integer (`Int16`), code 0x0B.
    case int16 = 0x0B
    /// Signed 32-bit integer (`Int32`), code 0x0C.
    case int32 = 0x0C
    /// 32-bit IEEE 754 float (`Float`), code 0x0D.
    case float32 = 0x0D
    /// 64-bit IEEE 754 float (`Double`), code 0x0E.
    case float64 = 0x0E

    /// The size of one value in bytes: 1, 2, 4 or 8.
    public var byteWidth: Int {
        switch self {
        case .uint8, .int8: return 1
        case .int16: return 2
        case .int32, .float32: return 4
        case .float64: return 8
        }
    }

    /// A short name for messages: `u8`, `i8`, `i16`, `i32`, `f32` or `f64`.
    public var name: String {
        switch self {
        case .uint8: return "u8"
        case .int8: return "i8"
        case .int16: return "i16"
        case .int32: return "i32"
        case .float32: return "f32"
        case .float64: return "f64"
        }
    }
}
