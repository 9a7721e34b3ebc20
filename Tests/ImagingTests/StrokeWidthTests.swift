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
    func fastMorphologyMatchesReference(_ radius: Float) {
        let (w, h) = (23, 17)
        let ink = (0..<(w * h)).map { UInt8(($0 * 89 + $0 / w * 37) % 256) }
        for dilate in [false, true] {
            let fast = StrokeWidth.morph(ink, width: w, height: h, radius: radius, dilate: dilate)
            let reference = StrokeWidth.morphReference(ink, width: w, height: h, radius: radius, dilate: dilate)
            // (A dilation's blend of two radii is rounded on the inverted levels: ±1 level.)
            let worst = zip(fast, reference).map { abs(Int($0) - Int($1)) }.max() ?? 0
            #expect(worst <= (dilate ? 1 : 0), "radius \(radius), dilate \(dilate): \(worst)")
        }
    }

    @Test func fastMorphologyMatchesReferenceOnNarrowImages() {
        // The fast path treats a row's two ends apart from its middle: rows of 1, 2 and 3
        // pixels, images of 1 and 2 rows, and the empty image.
        #expect(StrokeWidth.morph([], width: 0, height: 3, radius: 1.5, dilate: false).isEmpty)
        for (w, h) in [(1, 1), (1, 4), (2, 1), (2, 3), (3, 2), (4, 1)] {
            let ink = (0..<(w * h)).map { UInt8(($0 * 97 + 40) % 256) }
            for radius: Float in [0.4, 1, 1.5, 2.5] {
                for dilate in [false, true] {
                    let fast = StrokeWidth.morph(ink, width: w, height: h, radius: radius, dilate: dilate)
                    let reference = StrokeWidth.morphReference(
                        ink, width: w, height: h, radius: radius, dilate: dilate)
                    let worst = zip(fast, reference).map { abs(Int($0) - Int($1)) }.max() ?? 0
                    #expect(fast.count == reference.count && worst <= (dilate ? 1 : 0), "\(w)×\(h), r \(radius)")
                }
            }
        }
    }

    @Test func erosionAndDilationMoveABarsEdgesByTheRadius() {
        // A bar 9 pixels wide, 30 tall: a disk of radius 2 leaves 5 columns, or makes 13.
        let (w, h) = (20, 40)
        var ink = [UInt8](repeating: 0, count: w * h)
        for y in 5..<35 { for x in 6..<15 { ink[y * w + x] = 255 } }
        func middleRow(_ image: [UInt8]) -> [UInt8] { Array(image[(20 * w)..<(21 * w)]) }
        let eroded = middleRow(StrokeWidth.morph(ink, width: w, height: h, radius: 2, dilate: false))
        #expect(eroded.filter { $0 == 255 }.count == 5 && eroded.filter { $0 != 0 }.count == 5)
        let dilated = middleRow(StrokeWidth.morph(ink, width: w, height: h, radius: 2, dilate: true))
        #expect(dilated.filter { $0 == 255 }.count == 13 && dilated.filter { $0 != 0 }.count == 13)
        // Half-way to radius 3: the two columns that radius 3 erases keep half their ink.
        let half = middleRow(StrokeWidth.morph(ink, width: w, height: h, radius: 2.5, dilate: false))
        #expect(half.filter { $0 == 128 }.count == 2)
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
                StrokeWidth.boxWidth(ink, sourceWidth: side, rect: rect, width: bw, height: bh))
        }
        print("thick 7 in the box: \(widths) pixels wide")
        #expect(abs(widths[0] - widths[1]) < 0.3, "\(widths)")
        #expect(widths[1] > 3.5 && widths[1] < 4.7, "\(widths)")
    }

    /// The thick (or thin) digit's input next to its input with MNIST's median pen, and the
    /// same for the digit scaled and centred without `StrokeWidth`: mean |difference| and the
    /// strokes' mean width in the 28 × 28 input.
    static func compared(_ strokes: [DigitDrawing.Stroke], radius: Double) throws
        -> (before: Double, after: Double, widthBefore: Float, widthAfter: Float, width: Float)
    {
        let median = try Self.prepared(Self.drawn(strokes, radius: 1.25).ink)
        let (ink, rect) = try Self.drawn(strokes, radius: radius)
        let changed = try Self.prepared(ink)
        let (bw, bh) = Self.boxSize(rect)
        let unchanged = DigitPreprocessor.centred(
            resize(ink, sourceWidth: 300, rect: rect, toWidth: bw, height: bh), width: bw, height: bh)
        func width(_ input: [UInt8]) -> Float { StrokeWidth.meanWidth(input, width: 28, height: 28) }
        let result = (
            DigitDrawing.meanAbsoluteDifference(unchanged, median),
            DigitDrawing.meanAbsoluteDifference(changed, median), width(unchanged), width(changed),
            width(median)
        )
        print("pen \(2 * radius) against 2.5: \(result)")
        #expect(inkBoundingBox(changed, width: 28, height: 28).map { max($0.width, $0.height) } == 20)
        return result
    }

    @Test func mnistMedianPenChangesLittle() throws {
        for strokes in [DigitDrawing.seven, DigitDrawing.zero] {
            let (ink, rect) = try Self.drawn(strokes, radius: 1.25)
            let (bw, bh) = Self.boxSize(rect)
            let plain = DigitPreprocessor.centred(
                resize(ink, sourceWidth: 300, rect: rect, toWidth: bw, height: bh), width: bw, height: bh)
            let difference = DigitDrawing.meanAbsoluteDifference(try Self.prepared(ink), plain)
            #expect(difference < 4, "\(difference)")
        }
    }

    @Test func thickDigitNormalisesCloseToItsThinVersion() throws {
        // Pens 6.4 units wide against MNIST's median 2.5: most of the width beyond it is taken
        // off (a little comes back when the thinner digit is scaled up to fill the box again).
        for strokes in [DigitDrawing.seven, DigitDrawing.zero] {
            let c = try Self.compared(strokes, radius: 3.2)
            #expect(c.widthAfter - c.width < 0.65 * (c.widthBefore - c.width))
            #expect(c.after < 0.7 * c.before)
        }
    }

    @Test func finePenNormalisesCloseToMNISTsPen() throws {
        // Pens 0.8 units wide: thickened most of the way to 2.5.
        for strokes in [DigitDrawing.seven, DigitDrawing.zero] {
            let c = try Self.compared(strokes, radius: 0.4)
            #expect(c.width - c.widthAfter < 0.6 * (c.width - c.widthBefore))
            #expect(c.after < 0.7 * c.before)
        }
    }
}
