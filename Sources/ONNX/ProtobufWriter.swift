/// Protocol Buffers wire format, written by hand for the few ONNX messages `digits` exports.
///
/// Each field is a tag `(field number << 3) | wire type` as a varint, then its value: varints for
/// integers and enums (wire type 0), length-delimited bytes for strings, bytes, packed arrays and
/// nested messages (wire type 2), four little-endian bytes for a `float` (wire type 5). Fields are
/// written in the order the caller gives; protobuf readers accept any order.
///
///     var writer = ProtobufWriter()
///     writer.int64(1, 10)                      // field 1 = 10 → 08 0A
///     writer.string(2, "digits")               // field 2 = "digits" → 12 06 64 69 67 69 74 73
///     writer.message(7) { $0.string(2, "g") }  // field 7 = { field 2 = "g" } → 3A 03 12 01 67
public struct ProtobufWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty writer.
    public init() {}

    /// Wire types used here (protobuf encoding guide).
    enum WireType: UInt64 {
        case varint = 0
        case lengthDelimited = 2
        case fixed32 = 5
    }

    /// Appends `value` as a base-128 varint, low 7-bit group first.
    mutating func appendVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: rest))
    }

    /// Appends the tag of `field` with `type`.
    mutating func appendTag(_ field: Int, _ type: WireType) {
        appendVarint(UInt64(truncatingIfNeeded: field) << 3 | type.rawValue)
    }

    /// An `int64`/`int32`/enum field: negative values take ten bytes (two's complement), as
    /// protobuf specifies for the non-zigzag integer types.
    public mutating func int64(_ field: Int, _ value: Int64) {
        appendTag(field, .varint)
        appendVarint(UInt64(bitPattern: value))
    }

    /// A `float` field: four little-endian IEEE 754 bytes.
    public mutating func float(_ field: Int, _ value: Float) {
        appendTag(field, .fixed32)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// A `bytes` field.
    public mutating func bytes(_ field: Int, _ value: [UInt8]) {
        appendTag(field, .lengthDelimited)
        appendVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// A `string` field, as UTF-8.
    public mutating func string(_ field: Int, _ value: String) {
        bytes(field, Array(value.utf8))
    }

    /// A nested message field: `body` writes the message's own fields.
    public mutating func message(_ field: Int, _ body: (inout ProtobufWriter) -> Void) {
        var nested = ProtobufWriter()
        body(&nested)
        bytes(field, nested.bytes)
    }
}
