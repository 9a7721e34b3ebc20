/// A minimal protobuf reader for the tests: splits a message into (field, value) pairs.
struct ProtobufField: Equatable {
    enum Value: Equatable {
        case varint(UInt64)
        case fixed32(UInt32)
        case bytes([UInt8])
    }
    var number: Int
    var value: Value

    var bytes: [UInt8]? { if case .bytes(let b) = value { return b } else { return nil } }
    var string: String? { bytes.map { String(decoding: $0, as: UTF8.self) } }
    var varint: UInt64? { if case .varint(let v) = value { return v } else { return nil } }
}

enum ProtobufReadError: Error { case truncated, badWireType(UInt64) }

/// The fields of `bytes`, in order; throws on a malformed message.
func readFields(_ bytes: [UInt8]) throws -> [ProtobufField] {
    var i = 0
    func varint() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard i < bytes.count, shift < 64 else { throw ProtobufReadError.truncated }
            let byte = bytes[i]
            i += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }
    var fields: [ProtobufField] = []
    while i < bytes.count {
        let tag = try varint()
        let number = Int(tag >> 3)
        switch tag & 7 {
        case 0: fields.append(.init(number: number, value: .varint(try varint())))
        case 2:
            let length = Int(try varint())
            guard i + length <= bytes.count else { throw ProtobufReadError.truncated }
            fields.append(.init(number: number, value: .bytes(Array(bytes[i..<(i + length)]))))
            i += length
        case 5:
            guard i + 4 <= bytes.count else { throw ProtobufReadError.truncated }
            let v =
                UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
            fields.append(.init(number: number, value: .fixed32(v)))
            i += 4
        default: throw ProtobufReadError.badWireType(tag & 7)
        }
    }
    return fields
}
