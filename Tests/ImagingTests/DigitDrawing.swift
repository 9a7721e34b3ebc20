#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import Imaging

/// Synthetic handwritten-looking digits for tests: thick round-capped strokes, anti-aliased
/// by supersampling, drawn in a 28 × 28 coordinate space (pixel `i` covers `[i, i + 1)`).
enum DigitDrawing {
    /// A stroke: a polyline of points `(x, y)` in 28 × 28 units.
    typealias Stroke = [(Double, Double)]

    /// Stroke half-width in 28 × 28 units.
    static let radius = 1.5

    /// A "7" whose ink spans exactly x 6…22, y 4…24 (20 units tall), as MNIST sizes digits.
    static let seven: [Stroke] = [[(7.5, 5.5), (20.5, 5.5), (12.5, 22.5)]]

    /// A "0": an ellipse spanning x 7…21, y 4…24, with the short overlap where the pen closed
    /// the loop (which also moves its centre of mass off a pixel boundary, where rounding the
    /// shift could go either way). Its edges lie on pixel boundaries at 28 × 28, as the crop
    /// to the ink's box puts them: a digit whose edges fall mid-pixel (say x 7.3…21.3) comes
    /// back whole-pixel aligned, 0.3 pixel away, a mean difference of about 7 levels.
    static let zero: [Stroke] = [
        (0...48).map { k in
            let angle = Double(k) / 48 * 2 * Double.pi
            return (14 + 5.5 * cos(angle), 14 + 8.5 * sin(angle))
        },
        [(14.3, 5.5), (17.5, 7.5)],
    ]

    /// A "1": a vertical bar 3 units wide and 20 tall.
    static let one: [Stroke] = [[(14.2, 5.5), (14.2, 22.5)]]

    /// The distance from `(x, y)` to the nearest stroke.
    static func distance(_ x: Double, _ y: Double, to strokes: [Stroke]) -> Double {
        var best = Double.infinity
        for stroke in strokes {
            for k in 1..<stroke.count {
                let (ax, ay) = stroke[k - 1]
                let (bx, by) = stroke[k]
                let (dx, dy) = (bx - ax, by - ay)
                let t = max(0, min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
                let (px, py) = (ax + t * dx - x, ay + t * dy - y)
                best = min(best, (px * px + py * py).squareRoot())
            }
        }
        return best
    }

    /// Ink coverage 0…255 of a `width` × `height` canvas on which the 28 × 28 space is drawn
    /// `scale` times larger with its origin at canvas pixel `(originX, originY)`, strokes
    /// `radius` units wide on each side.
    static func coverage(
        _ strokes: [Stroke], width: Int, height: Int, scale: Double = 1,
        originX: Double = 0, originY: Double = 0, samples: Int = 4, radius: Double = DigitDrawing.radius
    ) -> [UInt8] {
        var ink = [UInt8](repeating: 0, count: width * height)
        let pixel = 1 / scale  // one canvas pixel in 28 × 28 units
        for y in 0..<height {
            for x in 0..<width {
                // Skip the supersampling where the whole pixel is clearly in or out.
                let cx = (Double(x) + 0.5 - originX) * pixel
                let cy = (Double(y) + 0.5 - originY) * pixel
                let d = distance(cx, cy, to: strokes)
                if d > radius + pixel { continue }
                if d < radius - pixel {
                    ink[y * width + x] = 255
                    continue
                }
                var inside = 0
                for sy in 0..<samples {
                    for sx in 0..<samples {
                        let u = (Double(x) + (Double(sx) + 0.5) / Double(samples) - originX) * pixel
                        let v = (Double(y) + (Double(sy) + 0.5) / Double(samples) - originY) * pixel
                        if distance(u, v, to: strokes) <= radius { inside += 1 }
                    }
                }
                ink[y * width + x] = UInt8((inside * 255 + samples * samples / 2) / (samples * samples))
            }
        }
        return ink
    }

    /// The MNIST-style 28 × 28 input for `strokes`: ink 0…255 on 0, its centre of mass moved
    /// to pixel (14, 14) by a whole-pixel shift.
    static func mnistStyle(_ strokes: [Stroke]) -> [UInt8] {
        let ink = coverage(strokes, width: 28, height: 28, samples: 8)
        var (mass, sx, sy) = (0.0, 0.0, 0.0)
        for y in 0..<28 {
            for x in 0..<28 {
                let v = Double(ink[y * 28 + x])
                mass += v
                sx += v * Double(x)
                sy += v * Double(y)
            }
        }
        let (dx, dy) = (Int((14 - sx / mass).rounded()), Int((14 - sy / mass).rounded()))
        var shifted = [UInt8](repeating: 0, count: 784)
        for y in 0..<28 {
            for x in 0..<28 where (0..<28).contains(x + dx) && (0..<28).contains(y + dy) {
                shifted[(y + dy) * 28 + x + dx] = ink[y * 28 + x]
            }
        }
        return shifted
    }

    /// Mean absolute difference of two equal-length pixel arrays, in levels of 255.
    static func meanAbsoluteDifference(_ a: [UInt8], _ b: [UInt8]) -> Double {
        let total = zip(a, b).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }
        return Double(total) / Double(max(1, a.count))
    }
}
