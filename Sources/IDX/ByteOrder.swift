/// Big-endian conversion, in one place. IDX stores every number big-endian; Swift arrays hold
/// them in host order (little-endian on x86-64 and ARM64, where each conversion is a byte swap).
enum ByteOrder {
    /// Converts each value of `buffer`, just read from a file, from big-endian to host order.
    /// Floats are converted through their bit patterns (`UInt32`, `UInt64`).
    static func bigEndianToHost<T: FixedWidthInteger>(_ buffer: UnsafeMutableBufferPointer<T>) {
        for index in buffer.indices {
            buffer[index] = T(bigEndian: buffer[index])
        }
    }

    /// Converts each value of `buffer` from host order to big-endian, ready to be written.
    static func hostToBigEndian<T: FixedWidthInteger>(_ buffer: UnsafeMutableBufferPointer<T>) {
        for index in buffer.indices {
            buffer[index] = buffer[index].bigEndian
        }
    }

    /// The `UInt32` whose big-endian bytes are `bytes` (4 of them).
    static func uint32(bigEndianBytes bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.reduce(0) { value, byte in value << 8 | UInt32(byte) }
    }

    /// The 4 big-endian bytes of `value`.
    static func bigEndianBytes(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
