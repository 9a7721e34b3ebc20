import Testing
@testable import ONNX

@Suite struct ProtobufWriterTests {
    @Test func varintsMatchTheProtobufEncodingGuide() {
        var w = ProtobufWriter()
        w.int64(1, 150)  // the guide's example: 08 96 01
        #expect(w.bytes == [0x08, 0x96, 0x01])
        var zero = ProtobufWriter()
        zero.int64(2, 0)
        #expect(zero.bytes == [0x10, 0x00])
        var negative = ProtobufWriter()
        negative.int64(1, -1)  // ten bytes of two's complement
        #expect(negative.bytes == [0x08] + [UInt8](repeating: 0xff, count: 9) + [0x01])
        var big = ProtobufWriter()
        big.int64(3, Int64(UInt32.max) + 1)
        #expect(big.bytes == [0x18, 0x80, 0x80, 0x80, 0x80, 0x10])
    }

    @Test func stringsFloatsAndNestedMessages() throws {
        var w = ProtobufWriter()
        w.string(2, "testing")  // the guide's example: 12 07 74 65 73 74 69 6e 67
        #expect(w.bytes == [0x12, 0x07] + Array("testing".utf8))
        var f = ProtobufWriter()
        f.float(2, 1.0)  // 0x3f800000, little-endian, wire type 5
        #expect(f.bytes == [0x15, 0x00, 0x00, 0x80, 0x3f])
        var outer = ProtobufWriter()
        outer.message(7) { inner in
            inner.int64(1, 3)
            inner.string(2, "é")
        }
        #expect(outer.bytes == [0x3a, 0x06, 0x08, 0x03, 0x12, 0x02, 0xc3, 0xa9])
        let fields = try readFields(outer.bytes)
        #expect(fields.count == 1 && fields[0].number == 7)
        #expect(
            try readFields(fields[0].bytes ?? []) == [
                .init(number: 1, value: .varint(3)), .init(number: 2, value: .bytes([0xc3, 0xa9])),
            ])
    }

    @Test func longMessagesTakeMultiByteLengths() throws {
        var w = ProtobufWriter()
        let payload = [UInt8](repeating: 7, count: 300)
        w.bytes(9, payload)
        #expect(Array(w.bytes.prefix(3)) == [0x4a, 0xac, 0x02])  // 300 = 0b10_0101100
        #expect(try readFields(w.bytes) == [.init(number: 9, value: .bytes(payload))])
    }
}
