// The parameter update of stochastic gradient descent with momentum, as PyTorch's `torch.optim.SGD`
// formulates it (g = gradient + weightDecay·w; v = μv + g; then w -= lr·v, or for Nesterov
// w -= lr·(g + μv)). Buffers are `[count]`.

/// Classical momentum step, for a velocity that already holds `μv + gradient`.
///
/// The training step asks BLAS to accumulate the new gradient straight into the velocity
/// (`beta = μ`), so only weight decay and the step remain: `v += weightDecay · w; w -= lr · v`.
func sgd_momentum_update(
    _ w: UnsafeMutablePointer<Float>, velocity v: UnsafeMutablePointer<Float>, count: Int,
    learningRate: Float, weightDecay: Float
) {
    if weightDecay != 0 {
        for i in 0..<count { v[i] += weightDecay * w[i] }
    }
    for i in 0..<count { w[i] -= learningRate * v[i] }
}

/// Nesterov momentum step from a separate gradient `g`:
/// `g' = g + weightDecay · w; v = μv + g'; w -= lr · (g' + μv)`.
func sgd_nesterov_update(
    _ w: UnsafeMutablePointer<Float>, velocity v: UnsafeMutablePointer<Float>,
    gradient g: UnsafePointer<Float>, count: Int,
    learningRate: Float, momentum: Float, weightDecay: Float
) {
    for i in 0..<count {
        let gi = g[i] + weightDecay * w[i]
        v[i] = momentum * v[i] + gi
        w[i] -= learningRate * (gi + momentum * v[i])
    }
}
