/// Naming what a file that is not a PNG looks like, for a helpful "not a PNG file" message.
enum FileKind {
    /// A short description such as "a JPEG image" or "text", or nil if unrecognised.
    ///
    /// Only the first bytes are looked at: magic numbers of common image formats, then
    /// whether the first 512 bytes are all printable text (ASCII or UTF-8, with tabs and
    /// line breaks).
    static func guess(_ bytes: [UInt8]) -> String? {
        if bytes.isEmpty { return "an empty file" }
        let magic: [(prefix: [UInt8], name: String)] = [
            ([0xFF, 0xD8, 0xFF], "a JPEG image"),
            (Array("GIF87a".utf8), "a GIF image"),
            (Array("GIF89a".utf8), "a GIF image"),
            (Array("BM".utf8), "a BMP image"),
            ([0x49, 0x49, 0x2A, 0x00], "a TIFF image"),
            ([0x4D, 0x4D, 0x00, 0x2A], "a TIFF image"),
            ([0x1F, 0x8B], "gzip data"),
            (Array("%PDF".utf8), "a PDF document"),
        ]
        for (prefix, name) in magic where bytes.starts(with: prefix) {
            return name
        }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)),
            Array(bytes[8..<12]) == Array("WEBP".utf8)
        {
            return "a WebP image"
        }
        let head = bytes.prefix(512)
        let isText = head.allSatisfy { byte in
            byte == 0x09 || byte == 0x0A || byte == 0x0D || (byte >= 0x20 && byte != 0x7F)
        }
        if isText {
            return head.starts(with: Array("<svg".utf8)) || head.starts(with: Array("<?xml".utf8))
                ? "text (XML or SVG)" : "text"
        }
        return nil
    }
}
