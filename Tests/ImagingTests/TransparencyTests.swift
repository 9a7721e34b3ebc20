import Testing
@testable import Imaging

/// A digit on a transparent canvas comes out as the MNIST-style input whatever the ink's
/// colour, the colour stored under the transparent pixels and the way the file stores
/// transparency: light ink is put on black, dark ink on white.
struct TransparencyTests {
    /// How transparency is stored.
    enum Storage: String, CaseIterable, CustomStringConvertible {
        case rgba8, rgba16, grayAlpha8, grayAlpha16, paletteAlpha, grayKey8, grayKey16, rgbKey8
        case rgbKey16
        var description: String { rawValue }
        /// A single transparent colour (tRNS on grey or RGB): no partial transparency.
        var isKey: Bool { [.grayKey8, .grayKey16, .rgbKey8, .rgbKey16].contains(self) }
    }

    /// The colour stored under the transparent pixels.
    enum Under: String, CaseIterable, CustomStringConvertible {
        case black, white, ink
        var description: String { rawValue }
    }

    struct Case: CustomStringConvertible {
        var storage: Storage
        var lightInk: Bool
        var under: Under
        /// Partly transparent edge pixels hold the ink blended towards the `under` colour.
        var halo: Bool
        var description: String {
            "\(storage) \(lightInk ? "light" : "dark") ink, \(under) under\(halo ? ", halo" : "")"
        }
    }

    static let cases: [Case] = Storage.allCases.flatMap { storage in
        [true, false].flatMap { light in
            Under.allCases.compactMap { under -> Case? in
                // A key colour equal to the ink would make the ink itself transparent.
                if storage.isKey && under == .ink { return nil }
                return Case(storage: storage, lightInk: light, under: under, halo: storage.isKey || under != .ink)
            }
        }
    }

    static let (width, height) = (100, 90)
    /// A "7" drawn 3 × larger than 28 × 28, off centre.
    static let ink = DigitDrawing.coverage(
        DigitDrawing.seven, width: width, height: height, scale: 3, originX: 17, originY: 3,
        samples: 2)

    /// The PNG of `testCase`'s picture.
    static func png(_ testCase: Case) -> [UInt8] {
        let colour = testCase.lightInk ? [255, 225, 90] : [30, 40, 150]  // yellow, dark blue
        let under =
            switch testCase.under {
            case .black: [0, 0, 0]
            case .white: [255, 255, 255]
            case .ink: colour
            }
        let grey = { (rgb: [Int]) in (rgb[0] * 54 + rgb[1] * 183 + rgb[2] * 19 + 128) / 256 }
        let sixteen = [.rgba16, .grayAlpha16, .grayKey16, .rgbKey16].contains(testCase.storage)
        let scale = sixteen ? 257 : 1
        var png = TestPNG(
            width: width, height: height, colorType: .rgba, bitDepth: sixteen ? 16 : 8, samples: [])
        // The colour of each pixel (the ink, blended towards `under` by the coverage when
        // there is a halo or a key colour), and its alpha (the coverage).
        let blended = { (a: Int) in
            (0..<3).map { k in
                a == 0 ? under[k] : testCase.halo ? (colour[k] * a + under[k] * (255 - a) + 127) / 255 : colour[k]
            }
        }
        switch testCase.storage {
        case .rgba8, .rgba16:
            png.samples = ink.flatMap { a in blended(Int(a)).map { $0 * scale } + [Int(a) * scale] }
        case .grayAlpha8, .grayAlpha16:
            png.colorType = .grayAlpha
            png.samples = ink.flatMap { a in [grey(blended(Int(a))) * scale, Int(a) * scale] }
        case .paletteAlpha:
            png.colorType = .palette
            png.palette = (0..<256).map { a in blended(a).map { UInt8($0) } }
            png.paletteAlpha = (0..<256).map { UInt8($0) }
            png.samples = ink.map { Int($0) }
        case .grayKey8, .grayKey16:
            png.colorType = .gray
            png.transparentColour = [grey(under) * scale]
            png.samples = ink.map { a in
                let g = grey(blended(Int(a)))
                return (a > 0 && g == grey(under) ? g + (g < 255 ? 1 : -1) : g) * scale
            }
        case .rgbKey8, .rgbKey16:
            png.colorType = .rgb
            png.transparentColour = under.map { $0 * scale }
            png.samples = ink.flatMap { a in
                var c = blended(Int(a))
                if a > 0 && c == under { c[0] += c[0] < 255 ? 1 : -1 }
                return c.map { $0 * scale }
            }
        }
        return png.encode()
    }

    @Test(arguments: cases)
    func transparentDigitBecomesMNISTInput(_ testCase: Case) throws {
        let bytes = Self.png(testCase)
        let decoded = try PNGDecoder.decodeWithAlpha(bytes, path: "t.png")
        #expect(decoded.alpha != nil)
        #expect(Transparency.inkIsLight(decoded) == testCase.lightInk, "\(testCase)")
        // The paper (a corner) is flattened onto black under light ink, white under dark.
        let flat = try PNGDecoder.decode(bytes, path: "t.png")
        #expect(flat.pixels[0] == (testCase.lightInk ? 0 : 255), "\(testCase)")

        let input = try DigitPreprocessor.prepare(pngBytes: bytes, path: "t.png", raw: false)
        #expect(!input.isBlank)
        let difference = DigitDrawing.meanAbsoluteDifference(
            input.pixels, DigitDrawing.mnistStyle(DigitDrawing.seven))
        #expect(difference < 10, "\(testCase): mean |difference| \(difference)")
    }

    @Test func matteHaloDoesNotPassForInk() {
        // White ink whose edge pixels are dark grey (blended towards the black stored under the
        // transparent pixels): the ink is light, though half its pixels are darker than 128.
        var gray: [UInt8] = []
        var alpha: [UInt8] = []
        for k in 0..<100 {
            let edge = k % 2 == 0
            gray.append(edge ? 60 : 255)
            alpha.append(edge ? 60 : 255)
        }
        gray += [UInt8](repeating: 0, count: 100)
        alpha += [UInt8](repeating: 0, count: 100)
        let image = GrayAlphaImage(width: 20, height: 10, gray: gray, alpha: alpha)
        #expect(Transparency.inkIsLight(image))
        #expect(Transparency.flatten(image).pixels.last == 0)
    }

    @Test func keyColourEdgesFadeIntoTheChosenBackground() {
        // A light (200) digit exported against a white key colour, as tRNS without alpha stores
        // it: opaque pixels only, the anti-aliased edge blended towards the key (230, a third
        // of the way from the ink to white). On black, the edge must be darker than the ink, not
        // a white fringe.
        let gray: [UInt8] = [200, 200, 230, 255, 255, 255]
        let alpha: [UInt8] = [255, 255, 255, 0, 0, 0]
        let flat = Transparency.flatten(GrayAlphaImage(width: 6, height: 1, gray: gray, alpha: alpha)).pixels
        #expect(Array(flat[3...]) == [0, 0, 0], "transparent pixels on black: \(flat)")
        #expect(flat[2] < flat[0] && flat[2] > 0, "the edge fades from the ink to black: \(flat)")
        // When the key colour is the background itself (dark ink, white key), nothing changes.
        let dark: [UInt8] = [30, 30, 120, 255, 255, 255]
        let same = Transparency.flatten(GrayAlphaImage(width: 6, height: 1, gray: dark, alpha: alpha)).pixels
        #expect(same == dark, "\(same)")
    }

    @Test func fullyTransparentAndOpaqueImages() {
        let clear = GrayAlphaImage(
            width: 3, height: 1, gray: [0, 0, 0], alpha: [0, 0, 0])
        #expect(!Transparency.inkIsLight(clear))
        #expect(Transparency.flatten(clear).pixels == [255, 255, 255])
        let opaque = GrayAlphaImage(width: 2, height: 1, gray: [10, 250])
        #expect(Transparency.flatten(opaque).pixels == [10, 250])
    }
}
