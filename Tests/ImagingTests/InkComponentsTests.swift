import Testing
@testable import Imaging

/// The run-based labelling of `InkComponents.keepDigit` agrees with a flood fill, and keeps
/// digits while dropping specks.
struct InkComponentsTests {
    /// A `width` × `height` ink image: scattered specks of random levels at `density`, plus,
    /// if `withStroke`, a thick diagonal stroke and a one-pixel line.
    static func image(width: Int, height: Int, density: Double, withStroke: Bool, seed: UInt64) -> [UInt8] {
        var state = seed
        func random() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var ink = [UInt8](repeating: 0, count: width * height)
        for i in ink.indices where random() < density { ink[i] = UInt8(1 + Int(random() * 254)) }
        if withStroke {
            for y in 0..<height {
                let x = y * width / height
                for dx in -2...2 where (0..<width).contains(x + dx) { ink[y * width + x + dx] = 255 }
                ink[y * width + (width - 1 - x)] = 200  // a thin line, crossing the stroke
            }
        }
        return ink
    }

    @Test(arguments: [(0.02, true), (0.2, true), (0.45, false), (0.6, true), (0.05, false)])
    func runsAgreeWithFloodFill(_ density: Double, _ withStroke: Bool) {
        for (width, height, seed) in [(37, 23, UInt64(1)), (64, 64, 2), (1, 50, 3), (50, 1, 4), (90, 71, 5)] {
            let original = Self.image(
                width: width, height: height, density: density, withStroke: withStroke, seed: seed)
            var fast = original
            var reference = original
            let fastBox = InkComponents.keepDigit(
                &fast, width: width, height: height, strongLevel: 128, minimumStrong: 3)
            let referenceBox = InkComponents.keepDigitReference(
                &reference, width: width, height: height, strongLevel: 128, minimumStrong: 3)
            #expect(fast == reference, "\(width)×\(height) density \(density)")
            #expect(
                fastBox.map { [$0.x, $0.y, $0.width, $0.height] }
                    == referenceBox.map { [$0.x, $0.y, $0.width, $0.height] })
        }
    }

    @Test func specksGoAndTheStrokesStay() throws {
        let (width, height) = (100, 100)  // square: both strokes are 8-connected lines
        let original = Self.image(width: width, height: height, density: 0.01, withStroke: true, seed: 9)
        var ink = original
        _ = InkComponents.keepDigit(&ink, width: width, height: height, strongLevel: 128, minimumStrong: 2)
        let box = try #require(inkBoundingBox(ink, width: width, height: height))
        #expect(box.x == 0 && box.y == 0 && box.width == width && box.height == height)
        // The one-pixel line survives whole; of the specks away from both strokes, only those
        // chained to a stroke through other specks may stay.
        func far(_ i: Int) -> Bool {
            let (y, column) = i.quotientAndRemainder(dividingBy: width)
            let x = y * width / height
            return abs(column - x) > 4 && abs(column - (width - 1 - x)) > 2
        }
        for y in 0..<height { #expect(ink[y * width + (width - 1 - y * width / height)] != 0) }
        let before = original.indices.filter { far($0) && original[$0] != 0 }.count
        let after = ink.indices.filter { far($0) && ink[$0] != 0 }.count
        #expect(before > 60 && after <= 3, "\(before) specks, \(after) left")
    }
}
