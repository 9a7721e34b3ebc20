// Skipping blank pixels. An MNIST batch of 128 images has, on average, only ~530 of its 784 pixel
// columns non-zero in any image; a zero input column contributes nothing to the first layer's
// x · Wᵀ nor to its weight gradient dzᵀ · x. So training gathers only the active columns of the
// batch (and the matching rows of W₀ᵀ, the layout training keeps layer 0's weights in:
// `ParameterBuffers`), runs the first layer's matrix products on `[rows, active]` instead of
// `[rows, 784]`, and scatters the gradient back into the full `[784, out]` shape. This cuts about
// a third of the arithmetic of a 784-800-10 network. Per-image lists of non-zero pixels cut more
// where images are sparser than their batch's union (PerImageSparseKernels.swift).
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

/// Copies the active rows of the first layer's transposed weights, for a block of `neurons`
/// neurons: `compact[c, j] = w[columns[c], j]`, with `w` the block's columns of `W₀ᵀ [in, out]`
/// (rows `stride` apart) and `compact` `[active, neurons]`.
func gather_rows_forward(
    _ w: UnsafePointer<Float>, stride: Int, columns: UnsafePointer<Int32>, active: Int,
    _ compact: UnsafeMutablePointer<Float>, neurons: Int
) {
    for c in 0..<active {
        (compact + c * neurons).update(from: w + Int(columns[c]) * stride, count: neurons)
    }
}

/// Scatters a compact weight gradient back: `target[p, j] = compact[c, j]` if `p == columns[c]`,
/// else 0, for `target` a block of `neurons` columns of `[inputs, out]` (rows `stride` apart; the
/// Nesterov gradient scratch) and `compact` `[active, neurons]`.
func scatter_rows_backward(
    _ compact: UnsafePointer<Float>, columns: UnsafePointer<Int32>, active: Int,
    _ target: UnsafeMutablePointer<Float>, inputs: Int, neurons: Int, stride: Int
) {
    var c = 0
    for p in 0..<inputs {
        let row = target + p * stride
        if c < active && Int(columns[c]) == p {
            row.update(from: compact + c * neurons, count: neurons)
            c += 1
        } else {
            row.update(repeating: 0, count: neurons)
        }
    }
}

/// Classical momentum step of the first layer from a compact gradient, in one pass over each row
/// of `W₀ᵀ`: `v = μv + g; v += weightDecay · w; w −= lr · v` with `g[p] = compactGradient[c]` if
/// `p == columns[c]`, else 0, for `w`, `v` a block of `neurons` columns of `[inputs, out]` (rows
/// `stride` apart) and `compactGradient` `[active, neurons]`. Equivalent to
/// `scatter_rows_backward` into v with β = μ followed by `sgd_momentum_update` (the same
/// arithmetic in the same order).
func sgd_momentum_sparse_rows_update(
    _ w: UnsafeMutablePointer<Float>, velocity v: UnsafeMutablePointer<Float>,
    compactGradient: UnsafePointer<Float>, columns: UnsafePointer<Int32>, active: Int,
    inputs: Int, neurons: Int, stride: Int, learningRate: Float, momentum: Float, weightDecay: Float
) {
    var c = 0
    for p in 0..<inputs {
        let (wr, vr) = (w + p * stride, v + p * stride)
        if c < active && Int(columns[c]) == p {
            let g = compactGradient + c * neurons
            for j in 0..<neurons { vr[j] = momentum * vr[j] + g[j] }
            c += 1
        } else {
            for j in 0..<neurons { vr[j] = momentum * vr[j] }
        }
        if weightDecay != 0 {
            for j in 0..<neurons { vr[j] += weightDecay * wr[j] }
        }
        for j in 0..<neurons { wr[j] -= learningRate * vr[j] }
    }
}
