/// Damage done on purpose to valid PNG bytes: chunks found by type, CRCs recomputed or broken.
///
/// A PNG is the 8-byte signature, then chunks: 4-byte big-endian length, 4-byte type, data,
/// 4-byte CRC-32 of type and data.
enum PNGSurgery {
    /// A chunk's place in the file: where its length field starts, and its data length.
    struct Chunk {
        var offset: Int
        var length: Int
        /// Where the chunk's data starts.
        var dataOffset: Int { offset + 8 }
        /// Where the chunk's CRC starts.
        var crcOffset: Int { offset + 8 + length }
    }

    /// The first chunk of `type` (e.g. "IHDR"), or nil.
    static func chunk(_ type: String, in png: [UInt8]) -> Chunk? {
        var offset = 8
        while offset + 12 <= png.count {
            let length = Int(readUInt32(png, at: offset))
            if String(decoding: png[offset + 4..<offset + 8], as: UTF8.self) == type {
                return Chunk(offset: offset, length: length)
            }
            offset += 12 + length
        }
        return nil
    }

    /// `png` with its IHDR width and height replaced, the IHDR CRC recomputed so that only the
    /// dimensions are wrong.
    static func withDimensions(_ png: [UInt8], width: UInt32, height: UInt32) -> [UInt8] {
        guard let ihdr = chunk("IHDR", in: png) else { return png }
        var bytes = png
        writeUInt32(width, to: &bytes, at: ihdr.dataOffset)
        writeUInt32(height, to: &bytes, at: ihdr.dataOffset + 4)
        writeUInt32(crc32(bytes[ihdr.offset + 4..<ihdr.crcOffset]), to: &bytes, at: ihdr.crcOffset)
        return bytes
    }

    /// `png` with one bit of the CRC of its first chunk of `type` flipped.
    static func withBadCRC(_ png: [UInt8], chunk type: String) -> [UInt8] {
        guard let found = chunk(type, in: png) else { return png }
        var bytes = png
        bytes[found.crcOffset] ^= 0x01
        return bytes
    }

    /// `png` with the compressed data of its IDAT garbled and the CRC recomputed, so that only
    /// the zlib stream is wrong.
    static func withCorruptIDAT(_ png: [UInt8]) -> [UInt8] {
        guard let idat = chunk("IDAT", in: png), idat.length > 4 else { return png }
        var bytes = png
        for i in idat.dataOffset + 2..<idat.crcOffset { bytes[i] ^= 0x5A }
        writeUInt32(crc32(bytes[idat.offset + 4..<idat.crcOffset]), to: &bytes, at: idat.crcOffset)
        return bytes
    }

    /// The CRC-32 of PNG (and zlib, gzip): polynomial 0xEDB88320, reflected, inverted.
    static func crc32<C: Collection<UInt8>>(_ bytes: C) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    private static func readUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    private static func writeUInt32(_ value: UInt32, to bytes: inout [UInt8], at offset: Int) {
        for i in 0..<4 { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (24 - 8 * i)) }
    }
}
