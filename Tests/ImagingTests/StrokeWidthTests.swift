import Testing
@testable import Imaging

/// Thinning marker strokes towards MNIST's pen (`StrokeWidth`).
struct StrokeWidthTests {
    /// `strokes` drawn `scale` times the 28 × 28 space on a `side` × `side` canvas, with pens
    /// `radius` units wide on each side: ink 0…255 and its bounding box.
    static func drawn(
        _ strokes: [DigitDrawing.Stroke], radius: Double, scale: Double = 10, side: Int = 300
    ) throws -> (ink: [UInt8], rect: (x: Int, y: Int, width: Int, height: Int)) {
        let ink = DigitDrawing.coverage(
            strokes, width: side, height: side, scale: scale, originX: 7, originY: 3, samples: 2,
            radius: radius)
        return (ink, try #require(inkBoundingBox(ink, width: side, height: side)))
    }

    /// The size a rectangle takes in the 20-pixel box (its longer side 20).
    static func boxSize(_ rect: (x: Int, y: Int, width: Int, height: Int)) -> (Int, Int) {
        let longer = max(rect.width, rect.height)
        return (
            max(1, (rect.width * 20 + longer / 2) / longer), max(1, (rect.height * 20 + longer / 2) / longer)
        )
    }

    /// The network input for a picture of `ink`, dark on white.
    static func prepared(_ ink: [UInt8], side: Int = 300) throws -> [UInt8] {
        let image = GrayImage(width: side, height: side, pixels: ink.map { 255 - $0 })
        return try DigitPreprocessor.prepare(image: image, path: "digit.png", raw: false).pixels
    }

    @Test(arguments: [Float(0), 0.4, 1, 1.7, 2, 3.25, 5.5])
    func fastErosionMatchesReference(_ radius: Float) {
        let (w, h) = (23, 17)
        let ink = (0..<(w * h)).map { UInt8(($0 * 89 + $0 / w * 37) % 256) }
        let fast = StrokeWidth.erode(ink, width: w, height: h, radius: radius)
        let reference = StrokeWidth.erodeReference(ink, width: w, height: h, radius: radius)
        #expect(fast == reference, "radius \(radius)")
    }

    @Test func erosionNarrowsABarByTheRadiusOnEachSide() {
        // A bar 9 pixels wide, 30 tall: a disk of radius 2 leaves 5 columns, paper outside.
        let (w, h) = (20, 40)
        var ink = [UInt8](repeating: 0, count: w * h)
        for y in 5..<35 { for x in 6..<15 { ink[y * w + x] = 255 } }
        let eroded = StrokeWidth.erode(ink, width: w, height: h, radius: 2)
        let row = Array(eroded[(20 * w)..<(21 * w)])
        #expect(row.filter { $0 == 255 }.count == 5 && row.filter { $0 != 0 }.count == 5)
        // Half-way to radius 3: the two columns that radius 3 erases keep half their ink.
        let half = StrokeWidth.erode(ink, width: w, height: h, radius: 2.5)
        #expect(Array(half[(20 * w)..<(21 * w)]).filter { $0 == 128 }.count == 2)
    }

    @Test func meanWidthOfABarIsItsWidth() {
        let (w, h) = (40, 120)
        var ink = [UInt8](repeating: 0, count: w * h)
        for y in 10..<110 { for x in 12..<20 { ink[y * w + x] = 255 } }
        let width = StrokeWidth.meanWidth(ink, width: w, height: h)
        #expect(abs(width - 8) < 0.8, "\(width)")
        #expect(StrokeWidth.meanWidth([UInt8](repeating: 0, count: 9), width: 3, height: 3) == 0)
    }

    @Test func widthInTheBoxDoesNotDependOnThePictureSize() throws {
        // The same thick "7" on canvases of 60 and 600 pixels measures the same in the box.
        var widths: [Float] = []
        for (scale, side) in [(2.0, 60), (20.0, 600)] {
            let (ink, rect) = try Self.drawn(DigitDrawing.seven, radius: 2.5, scale: scale, side: side)
            let (bw, bh) = Self.boxSize(rect)
            widths.append(
                StrokeWidth.boxWidth(ink, sourceWidth: side, rect: rect, width: bw, height: bh, box: 20))
        }
        print("thick 7 in the box: \(widths) pixels wide")
        #expect(abs(widths[0] - widths[1]) < 0.3, "\(widths)")
        #expect(widths[1] > 3.5 && widths[1] < 4.7, "\(widths)")
    }

    @Test func mnistPenIsLeftAsItIs() throws {
        // Strokes 2.2 units wide (MNIST's median is about 2.5 in its 20-pixel box).
        for strokes in [DigitDrawing.seven, DigitDrawing.zero] {
            let (ink, rect) = try Self.drawn(strokes, radius: 1.1)
            let (bw, bh) = Self.boxSize(rect)
            #expect(
                StrokeWidth.thinned(ink, sourceWidth: 300, rect: rect, width: bw, height: bh, box: 20)
                    == nil)
        }
    }

    @Test func thickDigitNormalisesCloseToItsThinVersion() throws {
        for strokes in [DigitDrawing.seven, DigitDrawing.zero] {
            let thin = try Self.prepared(Self.drawn(strokes, radius: 1.3).ink)
            let (thickInk, rect) = try Self.drawn(strokes, radius: 3.2)
            let thick = try Self.prepared(thickInk)
            // The thick digit without thinning: scaled and centred as it is.
            let (bw, bh) = Self.boxSize(rect)
            let unthinned = DigitPreprocessor.centred(
                resize(thickInk, sourceWidth: 300, rect: rect, toWidth: bw, height: bh), width: bw, height: bh)
            func width(_ input: [UInt8]) -> Float {
                StrokeWidth.meanWidth(input, width: 28, height: 28)
            }
            let before = DigitDrawing.meanAbsoluteDifference(unthinned, thin)
            let after = DigitDrawing.meanAbsoluteDifference(thick, thin)
            print(
                "thick vs thin: widths \(width(unthinned)) → \(width(thick)) (thin \(width(thin))), "
                    + "mean |difference| \(before) → \(after)")
            // Most of the width beyond MNIST's pen is taken off (a little comes back when the
            // thinner digit is scaled up to fill the box again).
            let pen = StrokeWidth.pen
            #expect(width(thick) - pen < 0.65 * (width(unthinned) - pen))
            #expect(after < 0.7 * before)
            #expect(inkBoundingBox(thick, width: 28, height: 28).map { max($0.width, $0.height) } == 20)
        }
    }
}
