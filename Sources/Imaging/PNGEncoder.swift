import CPNG
import FileIO

/// Writing 8-bit grey and RGB images as PNG with libpng's simplified writer
/// (`png_image_write_to_memory`), and to files atomically through `FileIO.AtomicFile`.
///
/// The files are 8-bit, non-interlaced, sRGB-encoded (libpng adds the `sRGB` chunk).
public enum PNGEncoder {
    /// PNG bytes for `width` × `height` samples `pixels` (`[height, width, channels]`),
    /// `channels` 1 (grey) or 3 (RGB).
    ///
    /// - Throws: `ImageError.encodeFailed` if the size is zero, the buffer does not match the
    ///   size, or libpng fails.
    static func encode(
        width: Int, height: Int, channels: Int, pixels: [UInt8], path: String
    ) throws(ImageError) -> [UInt8] {
        guard width > 0, height > 0, width <= Int(Int32.max) / channels, height <= Int(Int32.max)
        else {
            throw .encodeFailed(path: path, reason: "image is \(width)×\(height) pixels")
        }
        guard pixels.count == width * height * channels else {
            throw .encodeFailed(
                path: path,
                reason: "\(pixels.count) samples for \(width)×\(height)×\(channels)")
        }
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(width)
        image.height = UInt32(height)
        image.format = channels == 3 ? PNG_FORMAT_FLAG_COLOR : UInt32(PNG_FORMAT_GRAY)  // PNG_FORMAT_RGB
        defer { png_image_free(&image) }

        // Compressed PNG data is rarely larger than the raw samples plus a filter byte per row;
        // start with that and some slack, and if libpng reports it needs more, try once again
        // with the size it asks for.
        let rowBytes = width * channels + 1
        var capacity = png_alloc_size_t(rowBytes * height + rowBytes * height / 8 + 4096)
        var bytes: [UInt8] = []
        for _ in 0..<2 {
            bytes = [UInt8](repeating: 0, count: Int(capacity))
            let written = pixels.withUnsafeBytes { samples in
                bytes.withUnsafeMutableBytes { out in
                    png_image_write_to_memory(
                        &image, out.baseAddress, &capacity, 0, samples.baseAddress,
                        Int32(width * channels), nil)
                }
            }
            if written != 0 { break }
            guard Int(capacity) > bytes.count else {
                throw .encodeFailed(path: path, reason: PNGDecoder.message(of: image))
            }
            png_image_free(&image)
            image.warning_or_error = 0
        }
        guard Int(capacity) <= bytes.count else {
            throw .encodeFailed(path: path, reason: "libpng needed \(capacity) bytes")
        }
        bytes.removeLast(bytes.count - Int(capacity))
        return bytes
    }

    /// Encodes the pixels (`[height, width, channels]`) as PNG and writes them to `path`
    /// atomically (a temporary file renamed over the destination).
    static func write(
        width: Int, height: Int, channels: Int, pixels: [UInt8], to path: String, durable: Bool
    ) throws(ImageError) {
        let bytes = try encode(width: width, height: height, channels: channels, pixels: pixels, path: path)
        do {
            try AtomicFile.write(bytes, to: path, durable: durable)
        } catch {
            throw .file(error)
        }
    }
}

extension GrayImage {
    /// This image as an 8-bit grayscale PNG.
    public func pngData() throws(ImageError) -> [UInt8] {
        try PNGEncoder.encode(
            width: width, height: height, channels: 1, pixels: pixels, path: "<memory>")
    }

    /// Writes this image to `path` as an 8-bit grayscale PNG, atomically (`durable`: flushed
    /// to disk too; see `AtomicFile.commit(durable:)`).
    public func writePNG(to path: String, durable: Bool = true) throws(ImageError) {
        try PNGEncoder.write(width: width, height: height, channels: 1, pixels: pixels, to: path, durable: durable)
    }
}

extension RGBImage {
    /// This image as an 8-bit RGB PNG.
    public func pngData() throws(ImageError) -> [UInt8] {
        try PNGEncoder.encode(
            width: width, height: height, channels: 3, pixels: pixels, path: "<memory>")
    }

    /// Writes this image to `path` as an 8-bit RGB PNG, atomically (`durable`: flushed to disk
    /// too; see `AtomicFile.commit(durable:)`).
    public func writePNG(to path: String, durable: Bool = true) throws(ImageError) {
        try PNGEncoder.write(width: width, height: height, channels: 3, pixels: pixels, to: path, durable: durable)
    }
}
