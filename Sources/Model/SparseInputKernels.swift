// Skipping blank pixels. An MNIST batch of 128 images has, on average, only ~530 of its 784 pixel
// columns non-zero in any image; a zero input column contributes nothing to the first layer's
// x · Wᵀ nor to its weight gradient dzᵀ · x. So training gathers only the active columns of the
// batch (and the matching columns of W₀), runs the first layer's matrix products on
// `[rows, active]` instead of `[rows, 784]`, and scatters the gradient back into the full
// `[out, 784]` shape. This cuts about a third of the arithmetic of a 784-800-10 network.
// Valid only when a zero pixel maps to a zero input (InputScaling.offset == 0).

/// Lists the columns that are non-zero in at least one of the batch's images.
///
/// - `images`: `[count, width]`; `indices`: `[rows]` the batch's images.
/// - `mask`: `[width]` scratch; `columns`: `[width]` receives the active column numbers, ascending.
/// - Returns how many columns are active.
func active_columns_forward(
    _ images: UnsafePointer<UInt8>, indices: UnsafePointer<Int32>, rows: Int, width: Int,
    mask: UnsafeMutablePointer<UInt8>, columns: UnsafeMutablePointer<Int32>
) -> Int {
    mask.update(repeating: 0, count: width)
    for r in 0..<rows {
        let source = images + Int(indices[r]) * width
        for p in 0..<width { mask[p] |= source[p] }
    }
    var active = 0
    for p in 0..<width where mask[p] != 0 {
        columns[active] = Int32(p)
        active += 1
    }
    return active
}

/// Gathers and scales the active columns of the batch's images:
/// `x[r, c] = Float(images[indices[r], columns[c]]) · scale` for `x` `[rows, active]`.
func gather_columns_scaled_forward(
    _ images: UnsafePointer<UInt8>, indices: UnsafePointer<Int32>, columns: UnsafePointer<Int32>,
    active: Int, _ x: UnsafeMutablePointer<Float>, rows: Int, width: Int, scale: Float
) {
    for r in 0..<rows {
        let source = images + Int(indices[r]) * width
        let target = x + r * active
        for c in 0..<active { target[c] = Float(source[Int(columns[c])]) * scale }
    }
}

/// Copies the active columns of a weight matrix: `compact[o, c] = w[o, columns[c]]`, with `w`
/// `[outputs, width]` and `compact` `[outputs, active]`.
func gather_columns_forward(
    _ w: UnsafePointer<Float>, columns: UnsafePointer<Int32>, active: Int,
    _ compact: UnsafeMutablePointer<Float>, outputs: Int, width: Int
) {
    for o in 0..<outputs {
        let source = w + o * width
        let target = compact + o * active
        for c in 0..<active { target[c] = source[Int(columns[c])] }
    }
}

/// Scatters a compact weight gradient back, accumulating:
/// `target[o, j] = beta · target[o, j] + (compact[o, c] if j == columns[c] else 0)`,
/// with `target` `[outputs, width]` (the momentum buffer when `beta` = μ) and `compact`
/// `[outputs, active]`.
func scatter_columns_backward(
    _ compact: UnsafePointer<Float>, columns: UnsafePointer<Int32>, active: Int,
    _ target: UnsafeMutablePointer<Float>, outputs: Int, width: Int, beta: Float
) {
    for o in 0..<outputs {
        let row = target + o * width
        let source = compact + o * active
        if beta == 0 {
            row.update(repeating: 0, count: width)
        } else {
            for j in 0..<width { row[j] *= beta }
        }
        for c in 0..<active { row[Int(columns[c])] += source[c] }
    }
}

/// Classical momentum step of the first layer from a compact gradient, in one pass per row:
/// `v = μv + scatter(compactGradient) + weightDecay · w; w -= lr · v`, for `w`, `v`
/// `[outputs, width]` and `compactGradient` `[outputs, active]` (columns `columns`). Equivalent to
/// `scatter_columns_backward` with beta = μ followed by `sgd_momentum_update` (the same
/// arithmetic in the same order): each row's gradient is first spread into `row` (`[width]`
/// scratch, zeroed here once), so that the update itself is one vectorised pass over the row of
/// `v` and `w`.
func sgd_momentum_sparse_update(
    _ w: UnsafeMutablePointer<Float>, velocity v: UnsafeMutablePointer<Float>,
    compactGradient: UnsafePointer<Float>, columns: UnsafePointer<Int32>, active: Int,
    outputs: Int, width: Int, learningRate: Float, momentum: Float, weightDecay: Float,
    row g: UnsafeMutablePointer<Float>
) {
    // The inactive columns stay zero: every row writes the same active ones.
    g.update(repeating: 0, count: width)
    for o in 0..<outputs {
        let wr = w + o * width
        let vr = v + o * width
        let compact = compactGradient + o * active
        for c in 0..<active { g[Int(columns[c])] = compact[c] }
        if weightDecay != 0 {
            for j in 0..<width {
                vr[j] = momentum * vr[j] + g[j] + weightDecay * wr[j]
                wr[j] -= learningRate * vr[j]
            }
        } else {
            for j in 0..<width {
                vr[j] = momentum * vr[j] + g[j]
                wr[j] -= learningRate * vr[j]
            }
        }
    }
}
