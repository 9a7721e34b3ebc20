import CZlib

/// zlib's `inflate` over one gzip member read from a file, decompressing straight into the
/// caller's buffers. This file and `GzipEncoder.swift` are the only places that touch zlib.
///
/// Compressed bytes are read in chunks of `chunkSize`; decompressed bytes are never buffered
/// here. zlib checks the member's CRC-32 and length when it reaches the member's end.
final class GzipDecoder {
    /// Bytes of compressed input read from the file at a time.
    static let chunkSize = 1 << 20

    private let file: InputFile
    /// zlib keeps a pointer back to its stream, so the stream must not move: it lives on the heap.
    private let stream: UnsafeMutablePointer<z_stream>
    private let chunk: UnsafeMutableRawBufferPointer
    private var endOfFile = false
    /// True once zlib has reached the end of the gzip member and checked its CRC and length.
    private(set) var finished = false

    /// Prepares to decompress `file`, which must start with a gzip header.
    init(file: InputFile) throws(IDXError) {
        self.file = file
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        chunk = .allocate(byteCount: Self.chunkSize, alignment: 16)
        // windowBits 15 + 16: a 32 KiB window, gzip wrapper only (no zlib or raw deflate).
        let status = inflateInit2_(stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        // On failure `deinit` still runs (every property is set) and frees the memory.
        guard status == Z_OK else {
            throw .corruptGzip(path: file.path, reason: "zlib inflateInit2 failed (\(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        chunk.deallocate()
    }

    /// The number of compressed bytes consumed so far (the whole member once `finished`).
    var compressedBytesConsumed: Int { Int(stream.pointee.total_in) }

    /// Decompresses into `buffer` until it is full or the gzip member ends; returns how many
    /// bytes were written. A result short of `buffer.count` means the data ended: check
    /// `finished` to tell a complete member from a file cut short.
    ///
    /// - Throws: `.corruptGzip` for damaged data, `.file(.unreadable)` for read errors.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(IDXError) -> Int {
        var filled = 0
        while filled < buffer.count && !finished {
            if stream.pointee.avail_in == 0 && !endOfFile {
                let n = try file.readFully(into: chunk)
                endOfFile = n < chunk.count
                stream.pointee.next_in = chunk.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_in = UInt32(n)
            }
            // zlib counts in UInt32: give it at most 1 GiB of room per call.
            let room = min(buffer.count - filled, 1 << 30)
            stream.pointee.next_out = (buffer.baseAddress! + filled)
                .assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = UInt32(room)
            let status = inflate(stream, Z_NO_FLUSH)
            filled += room - Int(stream.pointee.avail_out)
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                finished = true
            case Z_BUF_ERROR where stream.pointee.avail_in == 0 && endOfFile:
                return filled  // the file ends before the gzip member does
            case Z_BUF_ERROR:
                continue  // no progress without more input: read the next chunk
            default:
                throw .corruptGzip(path: file.path, reason: zlibMessage(status))
            }
        }
        return filled
    }

    /// zlib's explanation of a failed `inflate`.
    private func zlibMessage(_ status: Int32) -> String {
        if let message = stream.pointee.msg { return String(cString: message) }
        switch status {
        case Z_MEM_ERROR: return "out of memory"
        case Z_NEED_DICT: return "needs a preset dictionary"
        default: return "zlib error \(status)"
        }
    }
}
