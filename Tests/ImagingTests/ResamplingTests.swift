import Testing
@testable import Imaging

/// The two-pass resizer against the direct 2-D definition.
struct ResamplingTests {
    static func pattern(width: Int, height: Int) -> [UInt8] {
        (0..<(width * height)).map { UInt8(($0 * 97 + $0 / width * 31) % 256) }
    }

    @Test(arguments: [
        (37, 23, 20, 12), (280, 200, 20, 14), (5, 9, 11, 20), (3, 200, 1, 20),
        (20, 20, 20, 20), (41, 7, 20, 4), (7, 41, 4, 20),
    ])
    func twoPassMatchesReference(_ w: Int, _ h: Int, _ outW: Int, _ outH: Int) {
        let source = Self.pattern(width: w + 3, height: h + 2)
        let rect = (x: 2, y: 1, width: w, height: h)
        let fast = resize(source, sourceWidth: w + 3, rect: rect, toWidth: outW, height: outH)
        let reference = resizeReference(
            source, sourceWidth: w + 3, rect: rect, toWidth: outW, height: outH)
        let worst = zip(fast, reference).map { abs($0 - $1) }.max() ?? 0
        #expect(worst < 1e-2, "largest difference \(worst)")
    }

    @Test func sameSizeIsIdentity() {
        let source = Self.pattern(width: 20, height: 20)
        let out = resize(source, sourceWidth: 20, rect: (0, 0, 20, 20), toWidth: 20, height: 20)
        #expect(out.map { UInt8($0.rounded()) } == source)
    }

    @Test func shrinkingAveragesExactly() {
        // 3 → 2: output 0 = (a + b/2)/1.5, output 1 = (b/2 + c)/1.5.
        let out = resize([30, 60, 90], sourceWidth: 3, rect: (0, 0, 3, 1), toWidth: 2, height: 1)
        #expect(abs(out[0] - 40) < 1e-4 && abs(out[1] - 80) < 1e-4)
        let constant = [UInt8](repeating: 77, count: 13 * 11)
        let small = resize(constant, sourceWidth: 13, rect: (0, 0, 13, 11), toWidth: 5, height: 3)
        #expect(small.allSatisfy { abs($0 - 77) < 1e-3 })
    }
}
