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
        var maximum = z[0]
        var best = 0
        for k in 1..<classes where z[k] > maximum { maximum = z[k]; best = k }
        if best == label { correct += 1 }
        let target = z[label]
        var sum: Float = 0
        for k in 0..<classes {
            let e = Foundation.exp(z[k] - maximum)
            g[k] = e
            sum += e
        }
        lossSum += Double(Foundation.log(sum) + maximum - target)
        let inverse = gradientScale / sum
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
    var maximum = z[0]
    var best = 0
    for k in 1..<classes where z[k] > maximum { maximum = z[k]; best = k }
    var sum: Float = 0
    for k in 0..<classes {
        let e = Foundation.exp(z[k] - maximum)
        p[k] = e
        sum += e
    }
    let inverse = 1 / sum
    for k in 0..<classes { p[k] *= inverse }
    return best
}
