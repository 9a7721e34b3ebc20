import Foundation

/// The elastic displacement fields of one epoch, drawn once and shared by all its images.
///
/// Simard et al. (2003) smooth fresh uniform noise with a Gaussian for every image: at 784
/// pixels × 2 components × a 9 × 9 kernel that is far more work than training an S256 batch
/// (S256: the speed benchmark's 784-256-128-10 network at batch 64, scripts/bench-train.sh).
/// Here each epoch draws `count` scalar fields instead: uniform noise in [−1, 1] on a
/// `period` × `period` torus, smoothed by a Gaussian of σ cut at ±⌈σ⌉ taps (9 taps for σ = 4, as
/// the PyTorch peer does), by two separable circular passes. An image's x and y displacements
/// are two independent `side` × `side` windows of these fields, each at a random field, offset
/// (period² choices) and sign, scaled so that the window's largest |value| is exactly the
/// augmentation's `elasticPixels` (the peer normalises each component of each field the same
/// way). So an epoch offers 2 · count · period² = 65,536 windows per component instead of
/// fresh noise: the approximation is that windows at nearby offsets overlap (they are shifted
/// copies of one field), and the two components of one image are never correlated anyway.
///
/// Windows wrap around the torus, so the fields are stored padded to
/// `stride = period + side − 1` in each direction: a window is a plain `[side, stride]` slice.
struct DisplacementPool: Sendable {
    /// Fields per epoch.
    static let count = 8
    /// The torus side, pixels.
    static let period = 64

    /// The image side, pixels (28 for MNIST).
    let side: Int
    /// Row length of a stored field: `period + side − 1`.
    let stride: Int
    /// `[count, stride, stride]` the smoothed fields, periodically padded.
    let fields: [Float]
    /// `[count, period, period]` the largest |value| of the `side` × `side` window whose top
    /// left corner is at (row, column) of each field.
    let windowMaxima: [Float]

    /// The fields of `epoch` (from 1) of a run seeded with `seed`, smoothed with `sigma` pixels.
    init(side: Int, sigma: Double, seed: UInt64, epoch: Int) {
        let p = DisplacementPool.period
        var random = RandomState(seed: DistortionRandom.mix(seed ^ 0x5EED_F1E1_D000_0000, UInt64(epoch)))
        var noise = [Float](repeating: 0, count: DisplacementPool.count * p * p)
        for i in noise.indices { noise[i] = Float(random.nextUniform() * 2 - 1) }
        let smoothed = smoothTorus(noise, period: p, count: DisplacementPool.count, kernel: gaussianTaps(sigma: sigma))
        self.side = side
        stride = p + side - 1
        var fields = [Float](repeating: 0, count: DisplacementPool.count * stride * stride)
        var maxima = [Float](repeating: 0, count: DisplacementPool.count * p * p)
        var rowMaxima = [Float](repeating: 0, count: stride * p)  // [stride, period] one field's
        for k in 0..<DisplacementPool.count {
            let torus = k * p * p
            let field = k * stride * stride
            for y in 0..<stride {
                for x in 0..<stride { fields[field + y * stride + x] = smoothed[torus + (y % p) * p + x % p] }
            }
            for y in 0..<stride {
                for ox in 0..<p {
                    var m: Float = 0
                    for x in 0..<side { m = max(m, abs(fields[field + y * stride + ox + x])) }
                    rowMaxima[y * p + ox] = m
                }
            }
            for oy in 0..<p {
                for ox in 0..<p {
                    var m: Float = 0
                    for y in 0..<side { m = max(m, rowMaxima[(oy + y) * p + ox]) }
                    maxima[torus + oy * p + ox] = m
                }
            }
        }
        self.fields = fields
        windowMaxima = maxima
    }
}

/// The normalised taps of a Gaussian of `sigma` pixels cut at ±⌈sigma⌉: `[2⌈σ⌉ + 1]`.
func gaussianTaps(sigma: Double) -> [Float] {
    let radius = max(1, Int(sigma.rounded(.up)))
    let weights = (-radius...radius).map { exp(-Double($0 * $0) / (2 * sigma * sigma)) }
    let total = weights.reduce(0, +)
    return weights.map { Float($0 / total) }
}

/// Smooths `count` fields `[count, period, period]` on the torus with the separable kernel
/// `kernel` (`[2r + 1]`): a horizontal then a vertical circular pass (the fast path; see
/// `smoothTorusReference`).
func smoothTorus(_ fields: [Float], period p: Int, count: Int, kernel: [Float]) -> [Float] {
    let r = kernel.count / 2
    var across = [Float](repeating: 0, count: fields.count)
    var result = [Float](repeating: 0, count: fields.count)
    for k in 0..<count {
        let base = k * p * p
        for y in 0..<p {
            for x in 0..<p {
                var s: Float = 0
                for t in -r...r { s += kernel[t + r] * fields[base + y * p + (x + t + p) % p] }
                across[base + y * p + x] = s
            }
        }
        for y in 0..<p {
            for x in 0..<p {
                var s: Float = 0
                for t in -r...r { s += kernel[t + r] * across[base + ((y + t + p) % p) * p + x] }
                result[base + y * p + x] = s
            }
        }
    }
    return result
}

/// The plain reference of `smoothTorus`: the direct 2-D circular convolution with the outer
/// product of `kernel` with itself, in Float64.
func smoothTorusReference(_ fields: [Float], period p: Int, count: Int, kernel: [Float]) -> [Double] {
    let r = kernel.count / 2
    var result = [Double](repeating: 0, count: fields.count)
    for k in 0..<count {
        for y in 0..<p {
            for x in 0..<p {
                var s = 0.0
                for dy in -r...r {
                    for dx in -r...r {
                        let w = Double(kernel[dy + r]) * Double(kernel[dx + r])
                        s += w * Double(fields[k * p * p + ((y + dy + p) % p) * p + (x + dx + p) % p])
                    }
                }
                result[k * p * p + y * p + x] = s
            }
        }
    }
    return result
}
