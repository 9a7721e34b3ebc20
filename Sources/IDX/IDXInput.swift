/// The bytes of one IDX file in order, decompressed on the fly when the file is gzip.
///
/// Whether the file is gzip is decided by its content (the magic bytes `1f 8b`), never by its
/// name. Reads go straight into the caller's buffer: `read(2)` for a plain file, `inflate` for
/// gzip; nothing holds a copy of the whole file.
final class IDXInput {
    /// Gzip expands data at most about 1032:1 (deflate's limit), so a gzip file of `n` bytes
    /// decompresses to at most `n × maximumGzipRatio + gzipSlack` bytes.
    static let maximumGzipRatio = 1032
    static let gzipSlack = 1024

    private let file: InputFile
    private let decoder: GzipDecoder?

    /// The file's path, for messages.
    var path: String { file.path }
    /// True if the file is gzip-compressed.
    var isCompressed: Bool { decoder != nil }

    /// Opens `path` and looks at its first two bytes to tell gzip from plain IDX.
    ///
    /// - Throws: `IDXError.file` if the file cannot be opened or read.
    init(path: String) throws(IDXError) {
        let file = try InputFile(path: path)
        self.file = file
        var magic: [UInt8] = [0, 0]
        var peeked: Result<Int, IDXError> = .success(0)
        magic.withUnsafeMutableBytes { buffer in
            peeked = Result { () throws(IDXError) in try file.peek(into: buffer) }
        }
        let isGzip = try peeked.get() == 2 && magic == [0x1F, 0x8B]
        decoder = isGzip ? try GzipDecoder(file: file) : nil
    }

    /// Reads the next (decompressed) bytes into `buffer` until it is full or the data ends;
    /// returns how many were read.
    ///
    /// - Throws: `.corruptGzip` if a gzip file ends before its gzip stream does.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(IDXError) -> Int {
        guard let decoder else { return try file.readFully(into: buffer) }
        let filled = try decoder.read(into: buffer)
        guard filled == buffer.count || decoder.finished else {
            throw .corruptGzip(path: path, reason: "the file ends inside the gzip stream")
        }
        return filled
    }

    /// Reads the next `count` bytes into a new array; it may come back shorter if the data ends.
    func readBytes(_ count: Int) throws(IDXError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var result: Result<Int, IDXError> = .success(0)
        bytes.withUnsafeMutableBytes { buffer in
            result = Result { () throws(IDXError) in try read(into: buffer) }
        }
        let filled = try result.get()
        return Array(bytes[..<filled])
    }

    /// Checks, before the payload is allocated, that the file can hold `header`'s payload.
    ///
    /// A plain file must be exactly header plus payload bytes long. A gzip file's decompressed
    /// size is unknown until it is read, so its claim is only checked against the most the
    /// compressed bytes could expand to.
    ///
    /// - Throws: `.sizeMismatch` (plain) or `.implausibleSize` (gzip).
    func checkSize(for header: IDXHeader) throws(IDXError) {
        if isCompressed {
            let claimed = header.byteCount + header.payloadByteCount
            let (most, overflow) = file.size.multipliedReportingOverflow(by: Self.maximumGzipRatio)
            guard overflow || claimed <= most + Self.gzipSlack else {
                throw .implausibleSize(path: path, claimed: claimed, compressedSize: file.size)
            }
        } else {
            let payload = file.size - header.byteCount
            guard payload == header.payloadByteCount else {
                throw .sizeMismatch(
                    path: path, expectedPayload: header.payloadByteCount, foundPayload: payload)
            }
        }
    }

    /// Checks that the data ends right after the `payloadByteCount` payload bytes just read:
    /// no more decompressed data, a complete gzip member (CRC and length checked), and no
    /// bytes in the file after the member. Plain files are checked too, in case they grew.
    ///
    /// - Throws: `.trailingData`, `.corruptGzip` (member cut short) or `.trailingGarbage`.
    func expectEnd(payloadByteCount: Int) throws(IDXError) {
        var probe: [UInt8] = [0]
        var result: Result<Int, IDXError> = .success(0)
        probe.withUnsafeMutableBytes { buffer in
            result = Result { () throws(IDXError) in try read(into: buffer) }
        }
        guard try result.get() == 0 else {
            throw .trailingData(path: path, payload: payloadByteCount)
        }
        guard let decoder else { return }
        let garbage = file.size - decoder.compressedBytesConsumed
        guard garbage == 0 else {
            throw .trailingGarbage(
                path: path, offset: decoder.compressedBytesConsumed, count: garbage)
        }
    }
}
