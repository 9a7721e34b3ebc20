import Testing
@testable import Imaging

/// Pictures as people take them: sensor noise, a lighting gradient, thin pens on big canvases,
/// thick markers. The digit must come out whole, in place and at its size.
struct RobustInkTests {
    /// A deterministic normal deviate generator (Irwin–Hall, 12 uniforms).
    struct Noise {
        var state: UInt64
        mutating func next() -> Double {
            var sum = 0.0
            for _ in 0..<12 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                sum += Double(state >> 11) / Double(1 << 53)
            }
            return sum - 6
        }
    }

    /// `ink` (coverage 0…255) drawn dark (`inkLevel`) on paper (`paper`), with a horizontal
    /// lighting gradient losing `gradient` of the light across the page and noise of `sigma`
    /// levels.
    static func picture(
        _ ink: [UInt8], width: Int, height: Int, paper: Double = 240, inkLevel: Double = 30,
        gradient: Double = 0, sigma: Double = 0, seed: UInt64 = 1
    ) -> GrayImage {
        var noise = Noise(state: seed)
        var image = GrayImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                let c = Double(ink[y * width + x]) / 255
                let light = 1 - gradient * Double(x) / Double(width)
                let v = (paper * (1 - c) + inkLevel * c) * light + sigma * noise.next()
                image[x, y] = UInt8(min(255, max(0, v.rounded())))
            }
        }
        return image
    }

    static func input(_ image: GrayImage) throws -> DigitInput {
        try DigitPreprocessor.prepare(image: image, path: "photo.png", raw: false)
    }

    @Test(arguments: [(0.0, 4.0), (0.3, 0.0), (0.3, 6.0), (0.0, 15.0)])
    func noiseAndGradientLeaveTheDigit(_ gradient: Double, _ sigmaPercent: Double) throws {
        let (width, height) = (300, 280)
        let ink = DigitDrawing.coverage(
            DigitDrawing.seven, width: width, height: height, scale: 9, originX: 60, originY: 10, samples: 2)
        let image = Self.picture(
            ink, width: width, height: height, gradient: gradient, sigma: sigmaPercent / 100 * 255)
        let input = try Self.input(image)
        #expect(!input.isBlank)
        let difference = DigitDrawing.meanAbsoluteDifference(input.pixels, DigitDrawing.mnistStyle(DigitDrawing.seven))
        print("gradient \(gradient), noise \(sigmaPercent)%: mean |difference| = \(difference)")
        #expect(
            difference < (sigmaPercent > 10 ? 20 : 10), "gradient \(gradient), noise \(sigmaPercent)%: \(difference)")
        let box = try #require(inkBoundingBox(input.pixels, width: 28, height: 28))
        #expect(box.height == 20 || box.height == 21, "the noise stretched the digit's box: \(box)")
    }

    @Test func thinPenOnABigCanvasSurvives() throws {
        // A "7" 400 px tall drawn with a 3 px pen (0.15 units at 20 px per unit), with noise.
        let (width, height) = (600, 560)
        let ink = DigitDrawing.coverage(
            DigitDrawing.seven, width: width, height: height, scale: 20, originX: 30, originY: 40,
            samples: 2, radius: 0.075)
        let input = try Self.input(Self.picture(ink, width: width, height: height, sigma: 8))
        #expect(!input.isBlank)
        let box = try #require(inkBoundingBox(input.pixels, width: 28, height: 28))
        #expect(box.height >= 19 && box.height <= 21, "\(box)")
        // The strokes are brought up to full ink, not left as a faint trace.
        #expect((input.pixels.max() ?? 0) >= 250)
        print(shadePreview(input.pixels))
    }

    @Test func thickMarkerSurvives() throws {
        // Strokes 5 units wide on each side (MNIST's are about 1.5).
        let (width, height) = (200, 190)
        let ink = DigitDrawing.coverage(
            DigitDrawing.seven, width: width, height: height, scale: 6, originX: 10, originY: 5,
            samples: 2, radius: 3)
        let input = try Self.input(Self.picture(ink, width: width, height: height, sigma: 6))
        let expected = DigitDrawing.coverage(DigitDrawing.seven, width: 28, height: 28, samples: 8, radius: 3)
        #expect(!input.isBlank)
        let box = try #require(inkBoundingBox(input.pixels, width: 28, height: 28))
        #expect(box.height == 20 || box.width == 20, "\(box)")
        #expect(input.pixels.filter { $0 > 128 }.count > expected.filter { $0 > 128 }.count / 2)
    }
}
