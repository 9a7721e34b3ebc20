import CZlib

/// zlib's `deflate` producing one gzip member (header, deflate data, CRC-32 and length).
/// This file and `GzipDecoder.swift` are the only places that touch zlib.
final class GzipEncoder {
    /// Bytes of compressed output handed on at a time.
    static let chunkSize = 1 << 18

    /// The file being written, for messages.
    let path: String
    /// zlib keeps a pointer back to its stream, so the stream must not move: it lives on the heap.
    private let stream: UnsafeMutablePointer<z_stream>
    private let chunk: UnsafeMutableRawBufferPointer

    /// Prepares a gzip member for the file at `path`, compressed at `level` (0 = store,
    /// 1 = fastest ... 9 = smallest; zlib's default is 6).
    init(path: String, level: Int32 = 6) throws(IDXError) {
        self.path = path
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        chunk = .allocate(byteCount: Self.chunkSize, alignment: 16)
        // windowBits 15 + 16: a 32 KiB window with a gzip wrapper; memLevel 8 is zlib's default.
        let status = deflateInit2_(
            stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        // On failure `deinit` still runs (every property is set) and frees the memory.
        guard status == Z_OK else {
            throw .compressionFailed(path: path, reason: "zlib deflateInit2 failed (\(status))")
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
        chunk.deallocate()
    }

    /// Compresses `input`, handing each piece of compressed output to `output`. With `finish`,
    /// ends the gzip member after `input`; nothing may be compressed after that.
    func compress(
        _ input: UnsafeRawBufferPointer, finish: Bool,
        output: (UnsafeRawBufferPointer) throws(IDXError) -> Void
    ) throws(IDXError) {
        var offset = 0
        repeat {
            // zlib counts in UInt32: hand it at most 1 GiB of input per call.
            let piece = min(input.count - offset, 1 << 30)
            let isLast = offset + piece == input.count
            let flush = finish && isLast ? Z_FINISH : Z_NO_FLUSH
            stream.pointee.next_in =
                piece == 0
                ? nil
                : UnsafeMutablePointer(
                    mutating: (input.baseAddress! + offset).assumingMemoryBound(to: Bytef.self))
            stream.pointee.avail_in = UInt32(piece)
            var status: Int32
            repeat {
                stream.pointee.next_out = chunk.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = UInt32(chunk.count)
                status = deflate(stream, flush)
                guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                    let reason = stream.pointee.msg.map { String(cString: $0) }
                    throw .compressionFailed(path: path, reason: reason ?? "zlib error \(status)")
                }
                let produced = chunk.count - Int(stream.pointee.avail_out)
                if produced > 0 {
                    try output(UnsafeRawBufferPointer(rebasing: chunk[..<produced]))
                }
            } while flush == Z_FINISH ? status != Z_STREAM_END : stream.pointee.avail_out == 0
            offset += piece
        } while offset < input.count
    }
}
