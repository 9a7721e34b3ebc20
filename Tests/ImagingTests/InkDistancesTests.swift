import Testing
@testable import Imaging

/// The flat-paper fast paths of `InkExtraction.distanceHistogram` and `mapDistances` give what
/// the per-pixel reference (`forEachDistance`) gives, on flat paper of every kind of level and
/// under gradients (where the fast path is not taken).
struct InkDistancesTests {
    /// A `width` × `height` picture of random luminances (a seventh anything, the rest within
    /// `spread` of `paper`), from `seed`.
    static func picture(width: Int, height: Int, paper: Int, spread: Int, seed: UInt64) -> GrayImage {
        var state = seed
        var image = GrayImage(width: width, height: height)
        for i in image.pixels.indices {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let r = Int(state >> 33)
            image.pixels[i] = UInt8(r % 7 == 0 ? r % 256 : min(255, max(0, paper + r % (2 * spread + 1) - spread)))
        }
        return image
    }

    static func reference(_ image: GrayImage, _ paper: PaperBackground, _ values: [UInt8]) -> ([Int], [UInt8]) {
        var counts = [Int](repeating: 0, count: 511)
        var mapped = [UInt8](repeating: 0, count: image.pixels.count)
        InkExtraction.forEachDistance(image, from: paper) { i, d in
            counts[d + 255] += 1
            mapped[i] = values[d + 255]
        }
        return (counts, mapped)
    }

    @Test(arguments: [
        (255.0, 0.0, 0.0), (240.4, 0.0, 0.0), (240.5, 0.0, 0.0), (0.0, 0.0, 0.0), (17.7, 0.0, 0.0),
        (200.0, 0.3, 0.0), (200.0, 0.0, -0.2), (23.0, 0.1, 0.1),
    ])
    func fastPathsMatchThePerPixelReference(_ level: Double, _ slopeX: Double, _ slopeY: Double) {
        let image = Self.picture(width: 37, height: 23, paper: Int(level), spread: 6, seed: UInt64(level * 10) + 3)
        var paper = PaperBackground(of: image)
        (paper.level, paper.slopeX, paper.slopeY, paper.noise) = (level, slopeX, slopeY, 2)
        #expect((InkExtraction.flatDistances(paper) != nil) == (slopeX == 0 && slopeY == 0))
        let values = (0..<511).map { UInt8(($0 * 37) % 256) }
        let (counts, mapped) = Self.reference(image, paper, values)
        #expect(InkExtraction.distanceHistogram(image, from: paper).counts == counts)
        #expect(InkExtraction.distanceHistogram(image, from: paper).offset == -255)
        #expect(InkExtraction.mapDistances(image, from: paper, through: values) == mapped)
    }

    @Test("a clean canvas, as the page sends it, is read through the fast path to the same ink")
    func canvas() {
        var image = GrayImage(width: 280, height: 280, filledWith: 251)
        for y in 60..<220 { for x in 130..<148 { image[x, y] = UInt8(27 + (x * 13 + y * 7) % 40) } }
        let paper = PaperBackground(of: image)
        #expect(InkExtraction.flatDistances(paper) != nil)
        let values = (0..<511).map { UInt8(max(0, $0 - 255) / 2) }
        let (counts, mapped) = Self.reference(image, paper, values)
        #expect(InkExtraction.distanceHistogram(image, from: paper).counts == counts)
        #expect(InkExtraction.mapDistances(image, from: paper, through: values) == mapped)
    }
}
