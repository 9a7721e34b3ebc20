import CPNG
import FileIO

/// Reading PNG files into `GrayImage`s with libpng's simplified (`png_image`) API.
///
/// Every PNG a person may have is accepted: grayscale at 1, 2, 4, 8 or 16 bits, grayscale with
/// alpha, RGB and RGBA at 8 or 16 bits, palette images with or without transparency (`tRNS`),
/// interlaced (Adam7) or not. What comes out is 8-bit luminance as a screen shows it:
///
/// - Colour becomes luminance with libpng's sRGB coefficients (0.2126 R + 0.7152 G + 0.0722 B,
///   computed on linear light and re-encoded); a grey pixel (R = G = B) keeps its value.
/// - 8-bit samples are sRGB-encoded and pass through unchanged (grey 8-bit is bit-exact).
/// - 16-bit samples without a `gAMA`/`sRGB` chunk are taken as sRGB-encoded too
///   (`PNG_IMAGE_FLAG_16BIT_sRGB`), as painting programs mean them, so `v` becomes `v / 257`
///   within one level; libpng's default would treat them as linear light and brighten
///   mid-greys. They are read through a 16-bit path of our own (`SixteenBit.swift`) because
///   libpng's 16 → 8-bit reduction is broken for interlaced files.
/// - Transparency (an alpha channel, or `tRNS`) is kept as straight alpha by `decodeWithAlpha`
///   and flattened by `decode` onto black or white, whichever contrasts with the ink
///   (`Transparency`), on the sRGB-encoded values, as a viewer shows it: black at alpha 128
///   over white becomes 128 (libpng's own compositing works in linear light and gives 186,
///   thinning every anti-aliased stroke edge). Without alpha, libpng is still handed an
///   explicit white background, never none (with none it would composite onto whatever the
///   buffer holds).
///
/// libpng's simplified API reports failures by a zero return and a message in the `png_image`,
/// never by `longjmp`, so it is safe to call from Swift; this file is the one place its
/// failures become `ImageError`s.
public enum PNGDecoder {
    /// The largest file read, in bytes (64 MiB); a larger file is refused before it is read.
    public static let maximumFileBytes = 64 << 20
    /// The largest image decoded, in pixels (50 megapixels); refused before its buffer exists.
    public static let maximumPixels = 50_000_000

    /// Reads and decodes the PNG file at `path`.
    ///
    /// - Throws: `ImageError` naming `path`: `.file` if it cannot be read, `.notPNG`,
    ///   `.corrupt`, `.zeroSize` or `.tooLarge`.
    public static func read(_ path: String) throws(ImageError) -> GrayImage {
        let bytes: [UInt8]
        do {
            bytes = try FileReading.read(path, limit: maximumFileBytes)
        } catch {
            throw .file(error)
        }
        return try decode(bytes, path: path)
    }

    /// Decodes PNG `bytes` into 8-bit luminance, transparency flattened onto the background
    /// that contrasts with the ink (`Transparency.flatten`).
    ///
    /// - Parameters:
    ///   - bytes: the whole PNG file.
    ///   - path: names the source in error messages.
    /// - Returns: a `GrayImage` (0 = black, 255 = white).
    /// - Throws: `ImageError.notPNG`, `.corrupt` (with libpng's message), `.zeroSize`, or
    ///   `.tooLarge` (checked on the header, before the pixel buffer is allocated).
    public static func decode(_ bytes: [UInt8], path: String = "<memory>") throws(ImageError)
        -> GrayImage
    {
        Transparency.flatten(try decodeWithAlpha(bytes, path: path))
    }

    /// Decodes PNG `bytes` into 8-bit luminance and, for a file with an alpha channel or
    /// `tRNS`, straight 8-bit alpha. Throws as `decode` does.
    static func decodeWithAlpha(_ bytes: [UInt8], path: String) throws(ImageError)
        -> GrayAlphaImage
    {
        guard hasPNGSignature(bytes) else {
            if !bytes.isEmpty && pngSignature.count > bytes.count && pngSignature.starts(with: bytes) {
                throw .corrupt(path: path, reason: "the file ends inside the 8-byte PNG signature")
            }
            throw .notPNG(path: path, looksLike: FileKind.guess(bytes))
        }
        // The IHDR chunk, if complete, is the first chunk: length, "IHDR", width, height.
        // Checking it here gives the plain "zero size" and "too large" messages even where
        // libpng would refuse the header with a terser one.
        if bytes.count >= 24, bytes[12] == 0x49, bytes[13] == 0x48, bytes[14] == 0x44,
            bytes[15] == 0x52
        {
            try checkSize(
                width: bigEndian32(bytes, at: 16), height: bigEndian32(bytes, at: 20),
                path: path)
        }

        // Every chunk up to IEND must lie within the bytes, checked before libpng sees them:
        // libpng allocates what a chunk's length field claims (up to 2 GiB, for a text chunk in a
        // 150-byte file) before it finds the data missing, and it stops reading after the last
        // image row, so a file cut just before its end would otherwise decode.
        let chunks = chunkList(bytes)
        guard chunks.reachesIEND else {
            throw .corrupt(path: path, reason: "file ends before the IEND chunk (truncated)")
        }

        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }  // a no-op after a successful finish_read

        let begun = bytes.withUnsafeBytes { raw in
            png_image_begin_read_from_memory(&image, raw.baseAddress, raw.count)
        }
        guard begun != 0 else { throw .corrupt(path: path, reason: message(of: image)) }

        let width = Int(image.width)
        let height = Int(image.height)
        try checkSize(width: width, height: height, path: path)
        // libpng has read IHDR, the first chunk: bit depth at byte 24, colour type at byte 25.
        let channels = [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][Int(bytes[25])] ?? 1
        try checkImageData(
            chunks.imageDataBytes, width: width, height: height,
            bitsPerPixel: Int(bytes[24]) * channels, path: path)

        let hasAlpha = image.format & PNG_FORMAT_FLAG_ALPHA != 0
        image.flags |= UInt32(PNG_IMAGE_FLAG_16BIT_sRGB)
        if image.format & PNG_FORMAT_FLAG_LINEAR != 0 {
            // 16-bit input: read 16-bit linear and reduce it here (see `SixteenBit.swift`:
            // libpng's own 16 → 8-bit reduction is wrong for interlaced files).
            return try readSixteenBit(&image, hasAlpha: hasAlpha, path: path)
        }
        // Without alpha, ask for grey directly; with alpha, for grey + straight alpha
        // (libpng keeps the grey stored under transparent pixels).
        image.format = hasAlpha ? PNG_FORMAT_FLAG_ALPHA : UInt32(PNG_FORMAT_GRAY)  // GA, GRAY
        let outputChannels = hasAlpha ? 2 : 1
        var white = png_color(red: 255, green: 255, blue: 255)
        var samples = [UInt8](repeating: 255, count: width * height * outputChannels)
        let finished = samples.withUnsafeMutableBytes { buffer in
            png_image_finish_read(
                &image, &white, buffer.baseAddress, Int32(width * outputChannels), nil)
        }
        guard finished != 0 else { throw .corrupt(path: path, reason: message(of: image)) }
        guard hasAlpha else { return GrayAlphaImage(width: width, height: height, gray: samples) }
        var gray = [UInt8](repeating: 0, count: width * height)
        var alpha = [UInt8](repeating: 0, count: width * height)
        for i in gray.indices {
            gray[i] = samples[2 * i]
            alpha[i] = samples[2 * i + 1]
        }
        return GrayAlphaImage(width: width, height: height, gray: gray, alpha: alpha)
    }

    /// Walks the chunks from the signature (each: 4-byte length, 4-byte type, data, 4-byte
    /// CRC): whether a complete IEND chunk lies within `bytes`, and the total length of the IDAT
    /// chunks' data (the compressed image) before it.
    static func chunkList(_ bytes: [UInt8]) -> (reachesIEND: Bool, imageDataBytes: Int) {
        var offset = 8
        var imageDataBytes = 0
        while offset + 12 <= bytes.count {
            let length = bigEndian32(bytes, at: offset)
            let end = offset + 12 + length
            guard end <= bytes.count else { break }
            switch bigEndian32(bytes, at: offset + 4) {
            case 0x4945_4E44: return (true, imageDataBytes)  // "IEND"
            case 0x4944_4154: imageDataBytes += length  // "IDAT"
            default: break
            }
            offset = end
        }
        return (false, imageDataBytes)
    }

    /// The most deflate expands data: about 1032 : 1.
    static let maximumDeflateRatio = 1032

    /// Refuses, before any pixel buffer is allocated, a header promising more pixels than the
    /// compressed image data could hold: `imageDataBytes` of IDAT inflate to at most
    /// `1032 × imageDataBytes` bytes (plus a little), and `width × height` pixels of
    /// `bitsPerPixel` need at least ⌈width × height × bitsPerPixel / 8⌉ bytes. Without this
    /// check a 68-byte file declaring 7000 × 7000 16-bit grey + alpha cost a 196 MB buffer.
    static func checkImageData(
        _ imageDataBytes: Int, width: Int, height: Int, bitsPerPixel: Int, path: String
    ) throws(ImageError) {
        let needed = (width * height * bitsPerPixel + 7) / 8
        guard needed <= imageDataBytes * maximumDeflateRatio + 1024 else {
            throw .corrupt(
                path: path,
                reason: "\(imageDataBytes) bytes of compressed image data cannot hold "
                    + "\(width)×\(height) pixels, which need at least \(needed) bytes")
        }
    }

    /// Refuses a zero or too-large size.
    static func checkSize(width: Int, height: Int, path: String) throws(ImageError) {
        if width == 0 || height == 0 {
            throw .zeroSize(path: path, width: width, height: height)
        }
        if width > maximumPixels || height > maximumPixels || width * height > maximumPixels {
            throw .tooLarge(path: path, width: width, height: height, limit: maximumPixels)
        }
    }

    /// Whether `bytes` start with the 8-byte PNG signature `89 50 4E 47 0D 0A 1A 0A`.
    static func hasPNGSignature(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: pngSignature)
    }

    /// The 8 bytes every PNG file starts with.
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The unsigned big-endian 32-bit integer at `offset`.
    static func bigEndian32(_ bytes: [UInt8], at offset: Int) -> Int {
        (Int(bytes[offset]) << 24) | (Int(bytes[offset + 1]) << 16)
            | (Int(bytes[offset + 2]) << 8) | Int(bytes[offset + 3])
    }

    /// libpng's NUL-terminated message in `image`, or a generic one if it left none.
    static func message(of image: png_image) -> String {
        var text = image.message
        let message = withUnsafeBytes(of: &text) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return message.isEmpty ? "libpng failed without a message" : message
    }
}

extension GrayImage {
    /// Reads the PNG file at `path` (see `PNGDecoder.read`).
    public init(contentsOfPNG path: String) throws(ImageError) {
        self = try PNGDecoder.read(path)
    }
}
