/// Resizing a rectangle of an 8-bit image to a small `Float` image, with anti-aliasing:
/// an exact box filter when shrinking, bilinear interpolation when enlarging.
///
/// Coordinates are continuous, pixel `i` covering `[i, i + 1)`. Along an axis of `m` input and
/// `n` output samples (scale `n / m`):
/// - shrinking (`n < m`): output `i` is the mean of the input over `[i·m/n, (i+1)·m/n)`, each
///   input pixel weighted by the length of its overlap (fractional at both ends);
/// - enlarging (`n ≥ m`): output `i` samples the input at `(i + ½)·m/n − ½` by linear
///   interpolation between the two nearest pixel centres (clamped at the edges).
/// The two axes are independent, so the 2-D filter is their product and is applied in two
/// passes (rows, then columns) by `resize`; `resizeReference` evaluates the 2-D sum directly.

/// One axis of the filter: output `i` = Σ_k `weights[offsets[i] + k]` · input[`starts[i]` + k]
/// for k in `0..<(offsets[i + 1] − offsets[i])`.
struct AxisFilter {
    var starts: [Int]
    var offsets: [Int]
    var weights: [Float]

    /// The filter taking `inputCount` samples to `outputCount`.
    init(from inputCount: Int, to outputCount: Int) {
        starts = []
        offsets = [0]
        weights = []
        for i in 0..<outputCount {
            let taps = axisWeights(output: i, inputCount: inputCount, outputCount: outputCount)
            starts.append(taps.start)
            weights += taps.weights
            offsets.append(weights.count)
        }
    }
}

/// The input pixels and weights making output sample `output` along one axis (see above).
func axisWeights(output i: Int, inputCount m: Int, outputCount n: Int)
    -> (start: Int, weights: [Float])
{
    let scale = Double(m) / Double(n)  // input pixels per output pixel
    if n < m {
        let lower = Double(i) * scale
        let upper = Double(i + 1) * scale
        let first = Int(lower)
        let last = min(m - 1, Int((upper - 1e-9).rounded(.down)))
        var weights: [Float] = []
        for p in first...max(first, last) {
            let overlap = min(upper, Double(p + 1)) - max(lower, Double(p))
            weights.append(Float(max(0, overlap) / scale))
        }
        return (first, weights)
    }
    let position = min(max((Double(i) + 0.5) * scale - 0.5, 0), Double(m - 1))
    let left = Int(position)
    let fraction = Float(position - Double(left))
    if left + 1 >= m || fraction == 0 { return (left, [1]) }
    return (left, [1 - fraction, fraction])
}

/// The `rect` of `source` (`[sourceHeight = any, sourceWidth]` 8-bit, row-major) resized to
/// `width` × `height`, as `[height, width]` `Float` values on the source's scale.
func resize(
    _ source: [UInt8], sourceWidth: Int, rect: (x: Int, y: Int, width: Int, height: Int),
    toWidth width: Int, height: Int
) -> [Float] {
    let columns = AxisFilter(from: rect.width, to: width)
    let rows = AxisFilter(from: rect.height, to: height)

    // Pass 1: every row of the rectangle to `width` samples, `[rect.height, width]`.
    var horizontal = [Float](repeating: 0, count: rect.height * width)
    source.withUnsafeBufferPointer { source in
        columns.weights.withUnsafeBufferPointer { weights in
            horizontal.withUnsafeMutableBufferPointer { horizontal in
                for y in 0..<rect.height {
                    let base = (rect.y + y) * sourceWidth + rect.x
                    for i in 0..<width {
                        var sum: Float = 0
                        let start = base + columns.starts[i]
                        let first = columns.offsets[i]
                        for k in 0..<(columns.offsets[i + 1] - first) {
                            sum += weights[first + k] * Float(source[start + k])
                        }
                        horizontal[y * width + i] = sum
                    }
                }
            }
        }
    }
    // Pass 2: every column to `height` samples, `[height, width]`.
    var output = [Float](repeating: 0, count: height * width)
    horizontal.withUnsafeBufferPointer { horizontal in
        output.withUnsafeMutableBufferPointer { output in
            for j in 0..<height {
                let first = rows.offsets[j]
                for k in 0..<(rows.offsets[j + 1] - first) {
                    let weight = rows.weights[first + k]
                    let row = (rows.starts[j] + k) * width
                    for i in 0..<width {
                        output[j * width + i] += weight * horizontal[row + i]
                    }
                }
            }
        }
    }
    return output
}

/// The same as `resize`, computed the slow, obvious way: for every output pixel, the sum over
/// every input pixel of its value times the product of the two axes' weights. For tests.
func resizeReference(
    _ source: [UInt8], sourceWidth: Int, rect: (x: Int, y: Int, width: Int, height: Int),
    toWidth width: Int, height: Int
) -> [Float] {
    // The weight of input pixel `x` in output `i`, from the definitions: overlap length over
    // footprint length when shrinking, the triangle (tent) kernel when enlarging.
    func weight(_ x: Int, output i: Int, inputCount m: Int, outputCount n: Int) -> Double {
        let scale = Double(m) / Double(n)
        if n < m {
            let overlap = min(Double(i + 1) * scale, Double(x + 1)) - max(Double(i) * scale, Double(x))
            return max(0, overlap) / scale
        }
        let position = min(max((Double(i) + 0.5) * scale - 0.5, 0), Double(m - 1))
        return max(0, 1 - abs(Double(x) - position))
    }
    var output = [Float](repeating: 0, count: width * height)
    for j in 0..<height {
        for i in 0..<width {
            var sum = 0.0
            for y in 0..<rect.height {
                let wy = weight(y, output: j, inputCount: rect.height, outputCount: height)
                if wy == 0 { continue }
                for x in 0..<rect.width {
                    let wx = weight(x, output: i, inputCount: rect.width, outputCount: width)
                    sum += wx * wy * Double(source[(rect.y + y) * sourceWidth + rect.x + x])
                }
            }
            output[j * width + i] = Float(sum)
        }
    }
    return output
}
