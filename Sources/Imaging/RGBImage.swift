/// An 8-bit RGB colour image, for writing pictures such as report figures (the one colour
/// raster of the project: `digits report` draws its pictures into it, see Report's
/// `RGBImage+Drawing.swift`).
///
/// `pixels` is row-major, `[height, width, 3]`, top row first: red, green, blue of the pixel at
/// column `x`, row `y` start at `pixels[(y * width + x) * 3]` (the layout of PNG colour type 2).
/// Values are sRGB-encoded, 0...255.
public struct RGBImage: Equatable, Sendable {
    /// Width in pixels (columns).
    public var width: Int
    /// Height in pixels (rows).
    public var height: Int
    /// Red, green, blue samples, `[height, width, 3]` row-major.
    public var pixels: [UInt8]

    /// An image from its samples; `pixels.count` should be `width * height * 3`.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// A `width` × `height` image filled with one colour (default white); a negative size is
    /// taken as 0 (an empty image).
    public init(width: Int, height: Int, red: UInt8 = 255, green: UInt8 = 255, blue: UInt8 = 255) {
        let width = max(0, width), height = max(0, height)
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for i in 0..<(width * height) {
            pixels[3 * i] = red
            pixels[3 * i + 1] = green
            pixels[3 * i + 2] = blue
        }
        self.init(width: width, height: height, pixels: pixels)
    }

    /// The grey image `gray` in colour: each pixel's red, green and blue equal its luminance.
    public init(_ gray: GrayImage) {
        var pixels = [UInt8](repeating: 0, count: gray.pixels.count * 3)
        for (i, v) in gray.pixels.enumerated() {
            pixels[3 * i] = v
            pixels[3 * i + 1] = v
            pixels[3 * i + 2] = v
        }
        self.init(width: gray.width, height: gray.height, pixels: pixels)
    }
}
