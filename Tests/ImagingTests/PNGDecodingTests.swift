import Testing
@testable import Imaging

/// Every PNG colour type and bit depth, plain and interlaced, decodes to the expected
/// luminance and alpha.
struct PNGDecodingTests {
    /// One test image: how it is stored, and what it should decode to.
    struct Case: CustomStringConvertible {
        var colorType: TestPNG.ColorType
        var bitDepth: Int
        var withTransparency = false
        var description: String {
            "\(colorType) \(bitDepth)-bit\(withTransparency ? " + tRNS" : "")"
        }
    }

    static let cases: [Case] = [
        Case(colorType: .gray, bitDepth: 1), Case(colorType: .gray, bitDepth: 2),
        Case(colorType: .gray, bitDepth: 4), Case(colorType: .gray, bitDepth: 8),
        Case(colorType: .gray, bitDepth: 16),
        Case(colorType: .grayAlpha, bitDepth: 8), Case(colorType: .grayAlpha, bitDepth: 16),
        Case(colorType: .rgb, bitDepth: 8), Case(colorType: .rgb, bitDepth: 16),
        Case(colorType: .rgba, bitDepth: 8), Case(colorType: .rgba, bitDepth: 16),
        Case(colorType: .palette, bitDepth: 1), Case(colorType: .palette, bitDepth: 2),
        Case(colorType: .palette, bitDepth: 4), Case(colorType: .palette, bitDepth: 8),
        Case(colorType: .palette, bitDepth: 1, withTransparency: true),
        Case(colorType: .palette, bitDepth: 2, withTransparency: true),
        Case(colorType: .palette, bitDepth: 4, withTransparency: true),
        Case(colorType: .palette, bitDepth: 8, withTransparency: true),
    ]

    /// A 13 × 11 image of `testCase` with varied pixels, and the grey levels and alphas it
    /// should decode to.
    static func image(_ testCase: Case, interlaced: Bool)
        -> (png: TestPNG, gray: [Int], alpha: [Int])
    {
        let (width, height) = (13, 11)
        let depth = testCase.bitDepth
        let levels = 1 << min(depth, 8)  // distinct 8-bit levels this depth can hold
        var png = TestPNG(
            width: width, height: height, colorType: testCase.colorType, bitDepth: depth,
            samples: [], interlaced: interlaced)
        var (gray, alpha): ([Int], [Int]) = ([], [])
        if testCase.colorType == .palette {
            // Grey palette entries spread over 0...255; alpha, if any, cycles through 0...255.
            png.palette = (0..<levels).map { k in
                let g = UInt8(k * 255 / (levels - 1))
                return [g, g, g]
            }
            let alphas = (0..<levels).map { k in UInt8([255, 0, 128, 64, 200][k % 5]) }
            if testCase.withTransparency { png.paletteAlpha = alphas }
            for i in 0..<(width * height) {
                let k = (i * 7) % levels
                png.samples.append(k)
                gray.append(k * 255 / (levels - 1))
                alpha.append(testCase.withTransparency ? Int(alphas[k]) : 255)
            }
            return (png, gray, alpha)
        }
        for i in 0..<(width * height) {
            // Grey: every representable level; alpha (if any): opaque, clear, half, quarter.
            let level = (i * 7) % levels
            let g8 = level * 255 / (levels - 1)
            let a8 = [255, 0, 128, 64, 200, 255][i % 6]
            let sample = depth == 16 ? g8 * 257 : level
            let alphaSample = depth == 16 ? a8 * 257 : a8
            switch testCase.colorType {
            case .gray: png.samples += [sample]
            case .grayAlpha: png.samples += [sample, alphaSample]
            case .rgb: png.samples += [sample, sample, sample]
            case .rgba: png.samples += [sample, sample, sample, alphaSample]
            case .palette: break
            }
            let hasAlpha = testCase.colorType == .grayAlpha || testCase.colorType == .rgba
            gray.append(g8)
            alpha.append(hasAlpha ? a8 : 255)
        }
        return (png, gray, alpha)
    }

    @Test(arguments: cases, [false, true])
    func decodesToExpectedLuminanceAndAlpha(_ testCase: Case, interlaced: Bool) throws {
        let (png, gray, alpha) = Self.image(testCase, interlaced: interlaced)
        let image = try PNGDecoder.decodeWithAlpha(png.encode(), path: "case.png")
        #expect(image.width == png.width && image.height == png.height)
        let decodedAlpha = image.alpha.map { $0.map(Int.init) } ?? [Int](repeating: 255, count: gray.count)
        #expect(decodedAlpha == alpha, "\(testCase)")
        // The grey under a fully transparent pixel is lost when 16-bit files are read
        // premultiplied; everywhere else it must match.
        let compared = gray.indices.filter { alpha[$0] > 0 || image.grayUnderTransparentIsKnown }
        let worst = compared.map { abs(Int(image.gray[$0]) - gray[$0]) }.max() ?? 0
        // 8-bit and lower are exact; 16-bit goes through the 16 → 8-bit conversion (and,
        // with alpha, un-premultiplying, which loses precision at low alpha).
        let tolerance = testCase.bitDepth < 16 ? 0 : (image.alpha == nil ? 1 : 3)
        #expect(worst <= tolerance, "\(testCase): off by \(worst)")
        #expect(image.alpha == nil || testCase.bitDepth == 16 || image.grayUnderTransparentIsKnown)
    }

    @Test func colourBecomesLuminanceWithSRGBWeights() throws {
        // Pure red, green, blue: 0.2126, 0.7152, 0.0722 of white in linear light, re-encoded
        // as sRGB: about 127, 220 and 76.
        let png = TestPNG(
            width: 3, height: 1, colorType: .rgb, bitDepth: 8,
            samples: [255, 0, 0, 0, 255, 0, 0, 0, 255])
        let image = try PNGDecoder.decode(png.encode())
        #expect(abs(Int(image.pixels[0]) - 127) <= 2)
        #expect(abs(Int(image.pixels[1]) - 220) <= 2)
        #expect(abs(Int(image.pixels[2]) - 76) <= 2)
    }

    @Test func readsFromFile() throws {
        let png = TestPNG(width: 2, height: 1, colorType: .gray, bitDepth: 8, samples: [10, 250])
        let path = TestFiles.write(png.encode(), named: "two.png")
        let image = try GrayImage(contentsOfPNG: path)
        #expect(image == GrayImage(width: 2, height: 1, pixels: [10, 250]))
    }
}
