import CZlib

/// zlib's `inflate` over the gzip members of a file, decompressing straight into the caller's
/// buffers. This file and `GzipEncoder.swift` are the only places that touch zlib.
///
/// Compressed bytes are read in chunks of `chunkSize`; decompressed bytes are never buffered
/// here. zlib checks each member's CRC-32 and length when it reaches the member's end. Members
/// follow one another as `gzip -dc` reads them: after a member's end, bytes that start another
/// gzip header (`1f 8b`) are decompressed as its continuation; any other bytes end the data
/// (`compressedBytesConsumed` then tells where, for the caller's trailing-garbage check).
final class GzipDecoder {
    /// Bytes of compressed input read from the file at a time.
    static let chunkSize = 1 << 20

    private let file: InputFile
    /// zlib keeps a pointer back to its stream, so the stream must not move: it lives on the heap.
    private let stream: UnsafeMutablePointer<z_stream>
    private let chunk: UnsafeMutableRawBufferPointer
    private var endOfFile = false
    /// Compressed bytes of the members before the current one.
    private var earlierMembersBytes = 0
    /// True once zlib has reached the end of the last gzip member and checked its CRC and length.
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

    /// The number of compressed bytes consumed so far (every member once `finished`).
    var compressedBytesConsumed: Int { earlierMembersBytes + Int(stream.pointee.total_in) }

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
                finished = try !startNextMember()
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

    /// After a member's end: if the next compressed bytes start another gzip member, resets zlib
    /// to decompress it and returns true; otherwise returns false (the data ends here).
    private func startNextMember() throws(IDXError) -> Bool {
        if stream.pointee.avail_in < 2 && !endOfFile {
            // Move the one byte left (if any) to the front of the chunk and read more after it.
            let left = Int(stream.pointee.avail_in)
            if left == 1 { chunk[0] = stream.pointee.next_in[0] }
            let n = try file.readFully(into: UnsafeMutableRawBufferPointer(rebasing: chunk[left...]))
            endOfFile = n < chunk.count - left
            stream.pointee.next_in = chunk.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_in = UInt32(left + n)
        }
        guard stream.pointee.avail_in >= 2, stream.pointee.next_in[0] == 0x1F,
            stream.pointee.next_in[1] == 0x8B
        else { return false }
        earlierMembersBytes += Int(stream.pointee.total_in)
        guard inflateReset(stream) == Z_OK else {
            throw .corruptGzip(path: file.path, reason: "zlib inflateReset failed")
        }
        return true
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
