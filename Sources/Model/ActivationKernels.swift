// Element-wise kernels of the hidden layers: bias + activation forward, activation backward.
// Free functions over raw buffers (llm.c style); each case is its own tight loop so that the
// compiler can vectorise the cheap ones. The plain per-element formulas they must agree with
// are `Activation.value` and `Activation.derivative`.

/// Adds the bias and applies the activation, in place on the pre-activations.
///
/// - `z`: `[rows, width]` pre-activations `x·Wᵀ`; on return `x·Wᵀ + b`.
/// - `a`: `[rows, width]` output `f(z)` (may not alias `z`).
/// - `bias`: `[width]`.
/// - `stride`: how far apart the rows of `z` and `a` are (`width` for whole matrices, more for
///   a block of their columns).
func bias_activation_forward(
    _ z: UnsafeMutablePointer<Float>, _ a: UnsafeMutablePointer<Float>,
    bias: UnsafePointer<Float>, rows: Int, width: Int, stride: Int, activation: Activation, slope: Float
) {
    for r in 0..<rows {
        let zr = z + r * stride
        let ar = a + r * stride
        for j in 0..<width { zr[j] += bias[j] }
        switch activation {
        case .relu:
            for j in 0..<width { ar[j] = Swift.max(zr[j], 0) }
        case .leakyReLU:
            for j in 0..<width { ar[j] = zr[j] > 0 ? zr[j] : slope * zr[j] }
        case .identity:
            for j in 0..<width { ar[j] = zr[j] }
        default:
            for j in 0..<width { ar[j] = activation.value(zr[j], slope: slope) }
        }
    }
}

/// Adds the bias in place: `z[r, j] += bias[j]` for `z` `[rows, width]` (the output layer), its
/// rows `stride` apart.
func bias_forward(_ z: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>, rows: Int, width: Int, stride: Int) {
    for r in 0..<rows {
        let zr = z + r * stride
        for j in 0..<width { zr[j] += bias[j] }
    }
}

/// Turns the gradient with respect to a layer's output into the gradient with respect to its
/// pre-activation, in place: `grad[i] *= f'(z[i])`.
///
/// - `grad`: `[count]` on entry ∂L/∂a, on return ∂L/∂z.
/// - `z`, `a`: `[count]` the pre-activations and outputs saved by the forward pass.
func activation_backward(
    _ grad: UnsafeMutablePointer<Float>, z: UnsafePointer<Float>, a: UnsafePointer<Float>,
    count: Int, activation: Activation, slope: Float
) {
    switch activation {
    case .relu:
        relu_backward(grad, z: z, count: count)
    case .leakyReLU:
        for i in 0..<count { grad[i] = z[i] > 0 ? grad[i] : slope * grad[i] }
    case .identity:
        break
    case .sigmoid:
        for i in 0..<count { grad[i] *= a[i] * (1 - a[i]) }
    case .tanh:
        for i in 0..<count { grad[i] *= 1 - a[i] * a[i] }
    default:
        for i in 0..<count { grad[i] *= activation.derivative(z[i], a[i], slope: slope) }
    }
}

/// The bias gradient, accumulated: `db[j] = beta · db[j] + Σ_r dz[r, j]`.
///
/// - `dz`: `[rows, width]` gradient with respect to the pre-activations, its rows `stride`
///   apart (`width` for a whole matrix; more for a block of columns).
/// - `db`: `[width]`; with `beta` = momentum it becomes the momentum buffer directly.
func bias_backward(
    _ dz: UnsafePointer<Float>, _ db: UnsafeMutablePointer<Float>, rows: Int, width: Int, stride: Int,
    beta: Float
) {
    for j in 0..<width { db[j] *= beta }
    for r in 0..<rows {
        let dzr = dz + r * stride
        for j in 0..<width { db[j] += dzr[j] }
    }
}

/// Copies a batch of images into the network's input buffer, scaling each pixel:
/// `x[r, p] = Float(images[indices[r], p]) · scale + offset`.
///
/// - `images`: `[count, width]` pixels; `indices`: `[rows]` which images, in order.
/// - `x`: `[rows, width]`.
func gather_scaled_forward(
    _ images: UnsafePointer<UInt8>, indices: UnsafePointer<Int32>, _ x: UnsafeMutablePointer<Float>,
    rows: Int, width: Int, scale: Float, offset: Float
) {
    for r in 0..<rows {
        let source = images + Int(indices[r]) * width
        let target = x + r * width
        for p in 0..<width { target[p] = Float(source[p]) * scale + offset }
    }
}

/// ReLU's backward pass, `grad[i] = z[i] > 0 ? grad[i] : 0`, eight lanes at a time (the plain
/// loop is compiled to a branch per element).
@inline(__always)
private func relu_backward(_ grad: UnsafeMutablePointer<Float>, z: UnsafePointer<Float>, count: Int) {
    var i = 0
    while i + 8 <= count {
        let zv = UnsafeRawPointer(z + i).loadUnaligned(as: SIMD8<Float>.self)
        var gv = UnsafeRawPointer(grad + i).loadUnaligned(as: SIMD8<Float>.self)
        gv.replace(with: 0, where: zv .<= 0)
        UnsafeMutableRawPointer(grad + i).storeBytes(of: gv, as: SIMD8<Float>.self)
        i += 8
    }
    while i < count {
        if !(z[i] > 0) { grad[i] = 0 }
        i += 1
    }
}
