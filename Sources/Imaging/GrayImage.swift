/// An 8-bit grayscale image: what the PNG decoder produces and preprocessing consumes.
///
/// `pixels` is row-major, `[height, width]`: the pixel at column `x`, row `y` is
/// `pixels[y * width + x]`. Values are sRGB-encoded luminance as a screen shows it:
/// 0 is black, 255 is white.
public struct GrayImage: Equatable, Sendable {
    /// Width in pixels (columns).
    public var width: Int
    /// Height in pixels (rows).
    public var height: Int
    /// Luminance, `[height, width]` row-major, 0 = black, 255 = white.
    public var pixels: [UInt8]

    /// An image from its pixels; `pixels.count` should be `width * height`.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// A `width` × `height` image filled with `value` (default white).
    public init(width: Int, height: Int, filledWith value: UInt8 = 255) {
        self.init(
            width: width, height: height,
            pixels: [UInt8](repeating: value, count: width * height))
    }

    /// The pixel at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> UInt8 {
        get { pixels[y * width + x] }
        set { pixels[y * width + x] = newValue }
    }
}
