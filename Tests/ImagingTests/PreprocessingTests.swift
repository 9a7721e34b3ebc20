import Testing
@testable import Imaging

/// A person's picture of a digit, in any PNG form, comes out as the MNIST-style input.
struct PreprocessingTests {
    /// How the test picture is stored.
    enum Variant: String, CaseIterable, CustomStringConvertible {
        case gray8, rgb8, rgbaTransparent, palette8, gray16, gray8Interlaced
        case rgba16Interlaced, lightGreyPaperWithNoise
        var description: String { rawValue }
    }

    /// The canvas: the 28 × 28 digit space drawn 10 × larger, off centre.
    static let (canvasWidth, canvasHeight) = (360, 320)
    static let sevenInk = DigitDrawing.coverage(
        DigitDrawing.seven, width: canvasWidth, height: canvasHeight, scale: 10,
        originX: 83, originY: 17, samples: 2)
    static let zeroInk = DigitDrawing.coverage(
        DigitDrawing.zero, width: canvasWidth, height: canvasHeight, scale: 10,
        originX: 41, originY: 52, samples: 2)

    /// The picture with ink `ink` (0…255 coverage), dark on light, stored as `variant`.
    static func png(_ ink: [UInt8], _ variant: Variant) -> [UInt8] {
        let (w, h) = (canvasWidth, canvasHeight)
        let gray = ink.map { 255 - Int($0) }
        var png = TestPNG(width: w, height: h, colorType: .gray, bitDepth: 8, samples: gray)
        switch variant {
        case .gray8: break
        case .gray8Interlaced: png.interlaced = true
        case .rgb8:
            png.colorType = .rgb
            png.samples = gray.flatMap { [$0, $0, $0] }
        case .rgbaTransparent:  // black ink, alpha = coverage, transparent paper
            png.colorType = .rgba
            png.samples = ink.flatMap { [0, 0, 0, Int($0)] }
        case .rgba16Interlaced:
            png.colorType = .rgba
            png.bitDepth = 16
            png.interlaced = true
            png.samples = ink.flatMap { [0, 0, 0, Int($0) * 257] }
        case .palette8:
            png.colorType = .palette
            png.palette = (0..<256).map { [UInt8($0), UInt8($0), UInt8($0)] }
        case .gray16:
            png.bitDepth = 16
            png.samples = gray.map { $0 * 257 }
        case .lightGreyPaperWithNoise:  // paper at 200 ± 6, ink down to 40
            var state: UInt32 = 7
            png.samples = ink.map { coverage in
                state = state &* 1_664_525 &+ 1_013_904_223
                let noise = Int(state >> 28) - 8  // -8…7
                return max(0, min(255, 200 - Int(coverage) * 160 / 255 + noise))
            }
        }
        return png.encode()
    }

    @Test(arguments: Variant.allCases)
    func pictureComesBackAsMNISTInput(_ variant: Variant) throws {
        for (name, ink, strokes) in [
            ("7", Self.sevenInk, DigitDrawing.seven), ("0", Self.zeroInk, DigitDrawing.zero),
        ] {
            let path = TestFiles.write(Self.png(ink, variant), named: "digit.png")
            let image = try GrayImage(contentsOfPNG: path)
            let input = try DigitPreprocessor.prepare(image: image, path: path, raw: false).pixels
            let expected = DigitDrawing.mnistStyle(strokes)
            let difference = DigitDrawing.meanAbsoluteDifference(input, expected)
            print("round trip \(name) \(variant): mean |difference| = \(difference) of 255")
            #expect(input.count == 784)
            #expect(difference < 10, "\(name) \(variant): \(difference)")
        }
    }

    @Test func mnistStyleInputPassesNearlyUnchanged() throws {
        for strokes in [DigitDrawing.seven, DigitDrawing.zero, DigitDrawing.one] {
            let mnist = DigitDrawing.mnistStyle(strokes)
            let whiteOnBlack = GrayImage(width: 28, height: 28, pixels: mnist)
            let input = try DigitPreprocessor.prepare(image: whiteOnBlack, path: "m.png", raw: false).pixels
            let difference = DigitDrawing.meanAbsoluteDifference(input, mnist)
            print("MNIST-style pass-through: mean |difference| = \(difference) of 255")
            #expect(difference < 2)
        }
    }

    @Test func rawModeKeepsMNISTImagesExactly() throws {
        let mnist = DigitDrawing.mnistStyle(DigitDrawing.seven)
        let whiteOnBlack = GrayImage(width: 28, height: 28, pixels: mnist)
        let blackOnWhite = GrayImage(width: 28, height: 28, pixels: mnist.map { 255 - $0 })
        #expect(try DigitPreprocessor.prepare(image: whiteOnBlack, path: "a.png", raw: true).pixels == mnist)
        #expect(try DigitPreprocessor.prepare(image: blackOnWhite, path: "b.png", raw: true).pixels == mnist)
    }

    @Test func rawModeKeepsLevelsBelowFullInk() throws {
        // Real MNIST digits often peak at 253 or 254: raw mode must not stretch them to 255.
        let faint = DigitDrawing.mnistStyle(DigitDrawing.zero).map { UInt8(Int($0) * 200 / 255) }
        let path = TestFiles.write(
            try GrayImage(width: 28, height: 28, pixels: faint.map { 255 - $0 }).pngData(),
            named: "faint.png")
        #expect(try DigitPreprocessor.prepare(pngFile: path, raw: true).pixels == faint)
        let normalised = try DigitPreprocessor.prepare(pngFile: path, raw: false).pixels
        #expect(normalised.max() == 255)
    }

    @Test func rawModeRefusesOtherSizes() {
        let image = GrayImage(width: 30, height: 28, filledWith: 0)
        #expect(throws: ImageError.wrongSize(path: "big.png", width: 30, height: 28, expected: 28)) {
            try DigitPreprocessor.prepare(image: image, path: "big.png", raw: true).pixels
        }
        let message = ImageError.wrongSize(path: "big.png", width: 30, height: 28, expected: 28)
        #expect(message.description.contains("big.png") && message.description.contains("30×28"))
    }

    @Test func aspectRatioIsKept() throws {
        // A tall "1" (3 × 20 units), drawn 10 × larger, must stay thin, not become a square.
        let ink = DigitDrawing.coverage(
            DigitDrawing.one, width: 120, height: 260, scale: 10, originX: -80, originY: 5,
            samples: 2)
        let image = GrayImage(width: 120, height: 260, pixels: ink.map { 255 - $0 })
        let input = try DigitPreprocessor.prepare(image: image, path: "one.png", raw: false).pixels
        let box = try #require(inkBoundingBox(input, width: 28, height: 28))
        #expect(box.height == 20)
        #expect(box.width <= 4)
        // (No pixel comparison: the bar is symmetric, so its centre of mass lies on a pixel
        // boundary and the whole-pixel shift may round either way.)
    }

    @Test func blankOrFaintImagesHaveNoDigit() throws {
        let blank = GrayImage(width: 50, height: 40, filledWith: 255)
        let black = GrayImage(width: 50, height: 40, filledWith: 0)
        var faint = GrayImage(width: 50, height: 40, filledWith: 240)
        for x in 10..<20 { faint[x, 20] = 225 }  // contrast 15 < 32
        for image in [blank, black, faint] {
            for raw in [false, true] where !raw || image.width == 28 {
                let input = try DigitPreprocessor.prepare(image: image, path: "blank.png", raw: raw)
                #expect(input == .blank)
                #expect(input.reason == .blank && input.reason?.code == "blank image")
            }
        }
    }

    @Test func polarityDoesNotMatter() throws {
        let dark = GrayImage(
            width: Self.canvasWidth, height: Self.canvasHeight,
            pixels: Self.zeroInk.map { 255 - $0 })
        let light = GrayImage(width: Self.canvasWidth, height: Self.canvasHeight, pixels: Self.zeroInk)
        #expect(
            try DigitPreprocessor.prepare(image: dark, path: "d.png", raw: false).pixels
                == DigitPreprocessor.prepare(image: light, path: "l.png", raw: false).pixels)
    }

    @Test func inkPushedOutOfTheFieldIsClippedNotWrapped() {
        // A digit whose mass sits in one corner of its box shifts far; nothing may crash.
        var image = GrayImage(width: 40, height: 40, filledWith: 255)
        for y in 0..<40 { for x in 0..<40 where x + y < 6 || (x == 39 && y == 39) { image[x, y] = 0 } }
        #expect((try? DigitPreprocessor.prepare(image: image, path: "c.png", raw: false).pixels)?.count == 784)
    }

    @Test func shadePreviewDrawsTwoCharactersPerPixel() {
        var pixels = [UInt8](repeating: 0, count: 784)
        pixels[0] = 255
        pixels[1] = 128
        let lines = shadePreview(pixels).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 28)
        #expect(lines.allSatisfy { $0.count == 56 })
        #expect(lines[0].hasPrefix("██▒▒  "))
    }
}
