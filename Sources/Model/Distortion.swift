import Foundation

/// The distortion of one image: where each output pixel samples the source image.
///
/// For output pixel (x, y) of a `side` × `side` image, with c = (side − 1) / 2 its centre, the
/// source position is
///
///     sx = a·(x − c) + b·(y − c) + c + shiftX + gainX · fieldX[y, x]
///     sy = d·(x − c) + e·(y − c) + c + shiftY + gainY · fieldY[y, x]
///
/// and the output is the source sampled bilinearly there (zero outside the image). `fieldX`
/// and `fieldY` are windows of the epoch's `DisplacementPool` (none for an affine distortion).
struct Distortion: Equatable, Sendable {
    /// The 2 × 2 map from output to source offsets from the centre: `[[a, b], [d, e]]`.
    var a: Float = 1, b: Float = 0, d: Float = 0, e: Float = 1
    /// Source shift, pixels.
    var shiftX: Float = 0, shiftY: Float = 0
    /// Elastic windows: field index in the pool and the window's top left corner (row, column),
    /// and the factor that turns the field into pixels (0: no elastic displacement).
    var fieldX = FieldWindow(), fieldY = FieldWindow()

    /// The identity: every pixel samples itself.
    static let identity = Distortion()

    /// The distortion of example `index` in `epoch` (from 1) of a run seeded with `seed`:
    /// a pure function of those three numbers (so equal for any thread count, and redrawn
    /// exactly when a run resumes), drawn uniformly from `augmentation`'s ranges.
    init(augmentation: Augmentation, pool: DisplacementPool?, seed: UInt64, epoch: Int, index: Int) {
        guard augmentation.kind != .none else { return }
        var random = DistortionRandom(seed: seed, epoch: epoch, index: index)
        let angle = Float(random.symmetric() * augmentation.rotationDegrees * Double.pi / 180)
        let scale = Float(1 + random.symmetric() * augmentation.scale)
        let shear = Float(random.symmetric() * augmentation.shear)
        shiftX = Float(random.symmetric() * augmentation.shiftPixels)
        shiftY = Float(random.symmetric() * augmentation.shiftPixels)
        let (cosine, sine) = (cos(angle) / scale, sin(angle) / scale)
        (a, b, d, e) = (cosine, -sine + shear, sine, cosine)
        guard augmentation.kind == .elastic, let pool, augmentation.elasticPixels > 0 else { return }
        fieldX = FieldWindow(random.next(), pool: pool, pixels: Float(augmentation.elasticPixels))
        fieldY = FieldWindow(random.next(), pool: pool, pixels: Float(augmentation.elasticPixels))
    }

    /// A distortion from its parts (tests).
    init(a: Float = 1, b: Float = 0, d: Float = 0, e: Float = 1, shiftX: Float = 0, shiftY: Float = 0) {
        (self.a, self.b, self.d, self.e, self.shiftX, self.shiftY) = (a, b, d, e, shiftX, shiftY)
    }

    /// Whether it moves any pixel through a field.
    var isElastic: Bool { fieldX.gain != 0 || fieldY.gain != 0 }
}

/// Which window of the pool one displacement component uses, and its scale.
struct FieldWindow: Equatable, Sendable {
    /// Offset of the window's top left value in `DisplacementPool.fields`.
    var start: Int = 0
    /// Pixels per field unit, with a random sign: `±elasticPixels / (the window's largest |value|)`.
    var gain: Float = 0
    /// The largest displacement it causes, pixels (`elasticPixels`; 0 for none).
    var reach: Float = 0

    init() {}

    /// The window picked by the 64 random `bits`, scaled so its largest displacement is `pixels`.
    init(_ bits: UInt64, pool: DisplacementPool, pixels: Float) {
        let p = DisplacementPool.period
        let field = Int(bits & 7) % DisplacementPool.count
        let (row, column) = (Int((bits >> 8) & 0xFFFF) % p, Int((bits >> 24) & 0xFFFF) % p)
        start = field * pool.stride * pool.stride + row * pool.stride + column
        let largest = max(pool.windowMaxima[field * p * p + row * p + column], 1e-6)
        gain = (bits >> 63 == 0 ? 1 : -1) * pixels / largest
        reach = pixels
    }
}

/// A counter-based generator for distortions: SplitMix64 started from a hash of (seed, epoch,
/// example index), so that any example's distortion can be drawn on any thread, in any order.
/// A plain value of one word: it allocates nothing.
struct DistortionRandom {
    private var state: UInt64

    init(seed: UInt64, epoch: Int, index: Int) {
        state = DistortionRandom.mix(
            DistortionRandom.mix(seed, UInt64(truncatingIfNeeded: epoch)),
            UInt64(truncatingIfNeeded: index))
    }

    /// A hash of two words (SplitMix64's finaliser over their combination).
    static func mix(_ x: UInt64, _ y: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15 &* (y &+ 1)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return DistortionRandom.mix(state, 0)
    }

    /// A uniform value in [−1, 1).
    mutating func symmetric() -> Double {
        Double(next() >> 11) * 0x1.0p-52 - 1
    }
}
