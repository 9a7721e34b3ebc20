import Foundation

// Output kernels: softmax with cross-entropy or mean squared error, each fused with its
// gradient with respect to the logits. Shapes: logits `[rows, classes]`, labels `[rows]`.

/// Softmax cross-entropy and its gradient in one pass.
///
/// For each row: `p = softmax(z)` computed stably (subtract the row maximum before `exp`),
/// loss `= logsumexp(z) − z[label]`, gradient `= (p − onehot(label)) · gradientScale`
/// (`gradientScale` = 1/batch for a mean loss). `gradient` may alias `logits`.
/// Returns the summed loss over the rows (Double) and how many rows' largest logit is the label.
func softmax_cross_entropy_forward_backward(
    _ logits: UnsafePointer<Float>, labels: UnsafePointer<UInt8>,
    _ gradient: UnsafeMutablePointer<Float>, rows: Int, classes: Int, gradientScale: Float
) -> (lossSum: Double, correct: Int) {
    var lossSum = 0.0
    var correct = 0
    for r in 0..<rows {
        let z = logits + r * classes
        let g = gradient + r * classes
        let label = Int(labels[r])
        let target = z[label]  // read before g (which may alias z) is overwritten
        let row = exponentials_row(z, g, classes: classes)  // g = exp(z − max), unnormalised
        if row.best == label { correct += 1 }
        lossSum += Double(Foundation.log(row.sum) + row.maximum - target)
        let inverse = gradientScale / row.sum
        for k in 0..<classes { g[k] *= inverse }
        g[label] -= gradientScale
    }
    return (lossSum, correct)
}

/// Softmax followed by the mean squared error against one-hot targets, and its gradient.
///
/// For each row: `p = softmax(z)`, loss `= Σ_k (p_k − y_k)²` (summed over classes; the batch
/// mean comes from `gradientScale`). ∂L/∂p = 2(p − y); through the softmax Jacobian
/// `∂p_i/∂z_j = p_i(δ_ij − p_j)` this gives ∂L/∂z_j = p_j (g_j − Σ_i g_i p_i) with g = 2(p − y),
/// scaled by `gradientScale`. `gradient` may alias `logits`.
func softmax_mse_forward_backward(
    _ logits: UnsafePointer<Float>, labels: UnsafePointer<UInt8>,
    _ gradient: UnsafeMutablePointer<Float>, rows: Int, classes: Int, gradientScale: Float
) -> (lossSum: Double, correct: Int) {
    var lossSum = 0.0
    var correct = 0
    for r in 0..<rows {
        let g = gradient + r * classes
        let label = Int(labels[r])
        if softmax_row(logits + r * classes, g, classes: classes) == label { correct += 1 }
        // g now holds p.
        var loss: Float = 0
        var dot: Float = 0  // Σ_i g_i p_i with g_i = 2(p_i − y_i)
        for k in 0..<classes {
            let d = g[k] - (k == label ? 1 : 0)
            loss += d * d
            dot += 2 * d * g[k]
        }
        lossSum += Double(loss)
        for k in 0..<classes {
            let d = g[k] - (k == label ? 1 : 0)
            g[k] = gradientScale * g[k] * (2 * d - dot)
        }
    }
    return (lossSum, correct)
}

/// Softmax of every row: `probabilities[r, k] = exp(z[r, k] − max) / Σ exp(z[r, ·] − max)`.
/// `probabilities` may alias `logits`.
func softmax_forward(
    _ logits: UnsafePointer<Float>, _ probabilities: UnsafeMutablePointer<Float>,
    rows: Int, classes: Int
) {
    for r in 0..<rows {
        _ = softmax_row(logits + r * classes, probabilities + r * classes, classes: classes)
    }
}

/// Softmax of one row of `classes` logits into `p`; returns the index of the largest logit.
@inline(__always)
private func softmax_row(_ z: UnsafePointer<Float>, _ p: UnsafeMutablePointer<Float>, classes: Int) -> Int {
    let row = exponentials_row(z, p, classes: classes)
    let inverse = 1 / row.sum
    for k in 0..<classes { p[k] *= inverse }
    return row.best
}

/// The stable first half of a softmax: `e[k] = exp(z[k] − max)` for one row of `classes`
/// logits (`e` may alias `z`). Returns the row's largest logit, its index (the first if tied)
/// and `sum = Σ e`, so that `p = e / sum` and `log Σ exp(z) = log(sum) + maximum`.
@inline(__always)
private func exponentials_row(
    _ z: UnsafePointer<Float>, _ e: UnsafeMutablePointer<Float>, classes: Int
) -> (best: Int, maximum: Float, sum: Float) {
    var maximum = z[0]
    var best = 0
    for k in 1..<classes where z[k] > maximum { maximum = z[k]; best = k }
    var sum: Float = 0
    for k in 0..<classes {
        let v = Foundation.exp(z[k] - maximum)
        e[k] = v
        sum += v
    }
    return (best, maximum, sum)
}
