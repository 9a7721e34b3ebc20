import Testing
@testable import Imaging

/// A picture with nothing on it is an answer (`isBlank`), not an error: uniform or fully
/// transparent images of every colour type, from 1 × 1 to 4000 × 4000 pixels, and plain paper
/// with sensor noise.
struct BlankImageTests {
    /// One way of storing a uniform image: colour type, bit depth, and its one pixel.
    struct Kind: CustomStringConvertible {
        var name: String
        var colorType: TestPNG.ColorType
        var bitDepth: Int
        /// The samples of every pixel (palette: its index).
        var pixel: [Int]
        var palette: [[UInt8]] = []
        var paletteAlpha: [UInt8]? = nil
        var transparentColour: [Int]? = nil
        var description: String { name }
    }

    static let kinds: [Kind] = [
        Kind(name: "grey 1-bit white", colorType: .gray, bitDepth: 1, pixel: [1]),
        Kind(name: "grey 4-bit", colorType: .gray, bitDepth: 4, pixel: [9]),
        Kind(name: "grey 8-bit black", colorType: .gray, bitDepth: 8, pixel: [0]),
        Kind(name: "grey 16-bit", colorType: .gray, bitDepth: 16, pixel: [40000]),
        Kind(name: "RGB 8-bit", colorType: .rgb, bitDepth: 8, pixel: [240, 230, 200]),
        Kind(name: "RGB 16-bit", colorType: .rgb, bitDepth: 16, pixel: [100, 20000, 65535]),
        Kind(
            name: "palette 8-bit", colorType: .palette, bitDepth: 8, pixel: [1],
            palette: [[0, 0, 0], [30, 60, 40]]),
        Kind(
            name: "palette 2-bit + tRNS, transparent", colorType: .palette, bitDepth: 2, pixel: [0],
            palette: [[255, 255, 255], [0, 0, 0]], paletteAlpha: [0, 255]),
        Kind(name: "grey+alpha 8-bit, transparent", colorType: .grayAlpha, bitDepth: 8, pixel: [255, 0]),
        Kind(name: "grey+alpha 16-bit, half", colorType: .grayAlpha, bitDepth: 16, pixel: [0, 30000]),
        Kind(name: "RGBA 8-bit, transparent black", colorType: .rgba, bitDepth: 8, pixel: [0, 0, 0, 0]),
        Kind(name: "RGBA 8-bit, opaque", colorType: .rgba, bitDepth: 8, pixel: [200, 10, 10, 255]),
        Kind(name: "RGBA 16-bit, transparent", colorType: .rgba, bitDepth: 16, pixel: [65535, 0, 0, 0]),
        Kind(name: "grey 8-bit + tRNS key", colorType: .gray, bitDepth: 8, pixel: [77], transparentColour: [77]),
        Kind(
            name: "RGB 8-bit + tRNS key", colorType: .rgb, bitDepth: 8, pixel: [1, 2, 3],
            transparentColour: [1, 2, 3]),
    ]

    static let sizes = [(1, 1), (2, 1), (1, 5000), (5000, 1), (300, 200)]
    /// The kinds also tried at 4000 × 4000 (16 megapixels take about a second each in a debug
    /// build): bilevel, 8-bit grey, a transparent palette, transparent RGBA.
    static let largeKinds = [0, 2, 7, 10].map { kinds[$0] }

    /// The PNG of a `width` × `height` image every pixel of which is `kind.pixel`; built row by
    /// row (not sample by sample) so that 16 megapixels stay cheap.
    static func png(_ kind: Kind, width: Int, height: Int) -> [UInt8] {
        var png = TestPNG(
            width: width, height: 1, colorType: kind.colorType, bitDepth: kind.bitDepth,
            samples: [], palette: kind.palette, paletteAlpha: kind.paletteAlpha)
        png.transparentColour = kind.transparentColour
        let row = [0] + png.pack(Array([[Int]](repeating: kind.pixel, count: width).joined()))
        var data: [UInt8] = []
        data.reserveCapacity(row.count * height)
        for _ in 0..<height { data += row }
        png.height = height
        return png.encode(filteredData: data)
    }

    @Test(arguments: kinds)
    func uniformImagesOfEverySizeAreBlank(_ kind: Kind) throws {
        for (width, height) in Self.sizes {
            let input = try DigitPreprocessor.prepare(
                pngBytes: Self.png(kind, width: width, height: height), path: "blank.png", raw: false)
            #expect(input == .blank, "\(kind) \(width)×\(height)")
        }
        // Raw mode answers the same for a 28 × 28 one.
        let raw = try DigitPreprocessor.prepare(
            pngBytes: Self.png(kind, width: 28, height: 28), path: "blank.png", raw: true)
        #expect(raw == .blank, "\(kind) raw")
    }

    @Test(arguments: largeKinds)
    func uniformImagesOf16MegapixelsAreBlank(_ kind: Kind) throws {
        let input = try DigitPreprocessor.prepare(
            pngBytes: Self.png(kind, width: 4000, height: 4000), path: "blank.png", raw: false)
        #expect(input == .blank, "\(kind) 4000×4000")
    }

    @Test func noisyPaperWithoutInkIsBlank() throws {
        // Off-white paper with σ = 4 % sensor noise (and a lighting gradient): no digit.
        var state: UInt64 = 12345
        func gaussian() -> Double {  // Irwin–Hall approximation, mean 0, variance 1
            var sum = 0.0
            for _ in 0..<12 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                sum += Double(state >> 11) / Double(1 << 53)
            }
            return sum - 6
        }
        for side in [40, 300] {
            var image = GrayImage(width: side, height: side)
            for y in 0..<side {
                for x in 0..<side {
                    let paper = 235 - 30 * Double(x) / Double(side) + 10.2 * gaussian()
                    image[x, y] = UInt8(min(255, max(0, paper.rounded())))
                }
            }
            #expect(try DigitPreprocessor.prepare(image: image, path: "paper.png", raw: false) == .blank, "\(side)")
        }
    }

    @Test func reasonWording() {
        #expect(DigitInput.blank.reason == .blank)
        #expect(NoDigitReason.blank.code == "blank image")
        #expect(NoDigitReason.blank.explanation == "the image is blank")
        #expect(DigitInput(pixels: [UInt8](repeating: 9, count: 784)).reason == nil)
    }
}
