import Foundation

// One step of minibatch SGD written the way a textbook writes it, in Float64 with plain loops:
// forward, loss, backward by the chain rule layer by layer, then the update. It is the
// reference that the fast step (MLP+TrainingStep.swift, with its fusions and thread split) is
// tested against, parameter by parameter and velocity by velocity (ReferenceStepTests.swift).
//
// Notation, for a batch of B examples and layers i = 0 … L−1 (layer 0 on the input side):
//   a₋₁ = x                                  the inputs            [B, in₀]
//   zᵢ  = aᵢ₋₁ · Wᵢᵀ + bᵢ                     pre-activations       [B, outᵢ], Wᵢ [outᵢ, inᵢ]
//   aᵢ  = f(zᵢ)  (hidden layers)             activations
//   p   = softmax(z_{L−1})                    probabilities         [B, classes]
//   loss = (1/B) Σ_r ℓ(p_r, y_r)
// Backward, from ∂L/∂z_{L−1} (the loss's gradient):
//   ∂L/∂Wᵢ = (∂L/∂zᵢ)ᵀ · aᵢ₋₁                 [outᵢ, inᵢ]
//   ∂L/∂bᵢ = Σ_r ∂L/∂zᵢ[r, ·]                 [outᵢ]
//   ∂L/∂aᵢ₋₁ = ∂L/∂zᵢ · Wᵢ                    [B, inᵢ]
//   ∂L/∂zᵢ₋₁ = ∂L/∂aᵢ₋₁ ⊙ f′(zᵢ₋₁)
// Update (as PyTorch's SGD): g = ∂L/∂θ + λθ (λ for weights only); v = μv + g;
//   θ −= η·v (classical) or θ −= η·(g + μv) (Nesterov).

/// f′(z) in Float64, the derivative of each trainable activation.
func referenceActivationDerivative(_ z: Double, _ activation: Activation, slope: Double) -> Double {
    switch activation {
    case .identity: return 1
    case .sigmoid:
        let s = 1 / (1 + exp(-z))
        return s * (1 - s)
    case .tanh:
        let t = tanh(z)
        return 1 - t * t
    case .relu: return z > 0 ? 1 : 0
    case .leakyReLU: return z > 0 ? 1 : slope
    case .gelu:
        // d/dz of ½z(1 + tanh(c(z + 0.044715z³))), c = √(2/π).
        let c = (2 / Double.pi).squareRoot()
        let t = tanh(c * (z + 0.044715 * z * z * z))
        return 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * c * (1 + 3 * 0.044715 * z * z)
    case .step: return 0
    }
}

/// The loss of one example and its gradient with respect to the logits, from the softmax
/// probabilities `p` `[classes]` and the label `y`:
/// cross-entropy ℓ = −log p_y, ∂ℓ/∂z = p − onehot(y);
/// squared error ℓ = Σ_k (p_k − t_k)², ∂ℓ/∂z_j = p_j (g_j − Σ_k g_k p_k) with g = 2(p − t).
func referenceLossAndGradient(_ p: [Double], label y: Int, loss: Loss) -> (loss: Double, dz: [Double]) {
    let t = p.indices.map { $0 == y ? 1.0 : 0.0 }
    switch loss {
    case .crossEntropy:
        return (-log(p[y]), zip(p, t).map { $0 - $1 })
    case .meanSquaredError:
        let g = zip(p, t).map { 2 * ($0 - $1) }
        let dot = zip(g, p).map { $0 * $1 }.reduce(0, +)
        return (zip(p, t).map { ($0 - $1) * ($0 - $1) }.reduce(0, +), p.indices.map { p[$0] * (g[$0] - dot) })
    }
}

/// One SGD step on `inputs` `[rows, inputSize]` (already scaled) and `labels` `[rows]`, in
/// Float64: `parameters` and `velocity` (laid out as `MLP.parameters`) are updated; returns the
/// mean loss before the update.
func referenceTrainingStep(
    architecture: Architecture, parameters: inout [Double], velocity: inout [Double],
    inputs: [Double], labels: [UInt8], rule: StepRule
) -> Double {
    let layout = LayerLayout.layout(of: architecture)
    let rows = labels.count
    let slope = Double(architecture.leakySlope)

    // Forward: keep every layer's input a and pre-activation z.
    let (layerInputs, z) = referenceForwardLayers(
        architecture: architecture, parameters: parameters, inputs: inputs)

    // Loss: softmax of the last layer, the mean loss, and ∂L/∂z of the last layer.
    let classes = architecture.classCount
    let logits = z[layout.count - 1]
    var dz = [Double](repeating: 0, count: rows * classes)
    var loss = 0.0
    for r in 0..<rows {
        let row = Array(logits[(r * classes)..<((r + 1) * classes)])
        let (rowLoss, rowGradient) = referenceLossAndGradient(
            referenceSoftmax(row), label: Int(labels[r]), loss: architecture.loss)
        loss += rowLoss / Double(rows)
        for k in 0..<classes { dz[r * classes + k] = rowGradient[k] / Double(rows) }
    }

    // Backward: layer by layer from the top, the chain rule.
    var gradient = [Double](repeating: 0, count: parameters.count)
    for i in stride(from: layout.count - 1, through: 0, by: -1) {
        let layer = layout[i]
        let a = layerInputs[i]
        for o in 0..<layer.outputs {
            for r in 0..<rows {
                let d = dz[r * layer.outputs + o]
                gradient[layer.biasOffset + o] += d  // ∂L/∂b
                for j in 0..<layer.inputs {
                    gradient[layer.weightOffset + o * layer.inputs + j] += d * a[r * layer.inputs + j]  // ∂L/∂W
                }
            }
        }
        guard i > 0 else { break }
        var below = [Double](repeating: 0, count: rows * layer.inputs)  // ∂L/∂z of layer i−1
        for r in 0..<rows {
            for j in 0..<layer.inputs {
                var da = 0.0  // ∂L/∂a = ∂L/∂z · W
                for o in 0..<layer.outputs {
                    da += dz[r * layer.outputs + o] * parameters[layer.weightOffset + o * layer.inputs + j]
                }
                below[r * layer.inputs + j] =
                    da
                    * referenceActivationDerivative(
                        z[i - 1][r * layer.inputs + j], architecture.activation, slope: slope)
            }
        }
        dz = below
    }

    // Update: SGD with momentum (classical or Nesterov) and weight decay on the weights.
    let (lr, mu, decay) = (Double(rule.learningRate), Double(rule.momentum), Double(rule.weightDecay))
    let isWeight = referenceWeightMask(layout, count: parameters.count)
    for k in parameters.indices {
        let g = gradient[k] + (isWeight[k] ? decay * parameters[k] : 0)
        velocity[k] = mu * velocity[k] + g
        parameters[k] -= lr * (rule.nesterov ? g + mu * velocity[k] : velocity[k])
    }
    return loss
}

/// Every layer's input `aᵢ₋₁` `[rows, inᵢ]` and pre-activation `zᵢ` `[rows, outᵢ]`, in Float64.
func referenceForwardLayers(
    architecture: Architecture, parameters: [Double], inputs: [Double]
) -> (inputs: [[Double]], preActivations: [[Double]]) {
    let layout = LayerLayout.layout(of: architecture)
    let rows = inputs.count / architecture.inputSize
    var a = inputs
    var layerInputs: [[Double]] = []
    var preActivations: [[Double]] = []
    for (i, layer) in layout.enumerated() {
        var z = [Double](repeating: 0, count: rows * layer.outputs)
        for r in 0..<rows {
            for o in 0..<layer.outputs {
                var sum = parameters[layer.biasOffset + o]
                for j in 0..<layer.inputs {
                    sum += a[r * layer.inputs + j] * parameters[layer.weightOffset + o * layer.inputs + j]
                }
                z[r * layer.outputs + o] = sum
            }
        }
        layerInputs.append(a)
        preActivations.append(z)
        if i < layout.count - 1 {
            a = z.map { referenceActivation($0, architecture.activation, slope: Double(architecture.leakySlope)) }
        }
    }
    return (layerInputs, preActivations)
}

/// Softmax of one row of logits, in Float64.
func referenceSoftmax(_ z: [Double]) -> [Double] {
    let maximum = z.max() ?? 0
    let e = z.map { exp($0 - maximum) }
    let sum = e.reduce(0, +)
    return e.map { $0 / sum }
}

/// `[count]`: true where the flat parameter array holds a weight (not a bias).
private func referenceWeightMask(_ layout: [LayerLayout], count: Int) -> [Bool] {
    var mask = [Bool](repeating: false, count: count)
    for layer in layout { for k in layer.weightRange { mask[k] = true } }
    return mask
}
