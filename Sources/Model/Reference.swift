import Foundation

// The plain reference the fast path is tested against: the whole network in Float64 with
// naive loops and no BLAS, written for clarity only. Tests compare the fast kernels with it and
// take finite differences of its loss to check the hand-written backward pass.

/// f(z) in Float64, the textbook formula of each activation.
func referenceActivation(_ z: Double, _ activation: Activation, slope: Double) -> Double {
    switch activation {
    case .identity: return z
    case .sigmoid: return 1 / (1 + exp(-z))
    case .tanh: return tanh(z)
    case .relu: return max(0, z)
    case .leakyReLU: return z > 0 ? z : slope * z
    case .gelu: return 0.5 * z * (1 + tanh((2 / Double.pi).squareRoot() * (z + 0.044715 * z * z * z)))
    case .step: return z > 0 ? 1 : 0
    }
}

/// The mean loss of `architecture` with `parameters` (laid out as `MLP.parameters`) over
/// `inputs` `[rows, inputSize]` (already scaled) and `labels` `[rows]`, in Float64.
func referenceLoss(
    architecture: Architecture, parameters: [Double], inputs: [Double], labels: [UInt8]
) -> Double {
    let probabilities = referenceForward(architecture: architecture, parameters: parameters, inputs: inputs)
    let classes = architecture.classCount
    var total = 0.0
    for (r, label) in labels.enumerated() {
        let p = Array(probabilities[(r * classes)..<((r + 1) * classes)])
        switch architecture.loss {
        case .crossEntropy:
            total += -log(p[Int(label)])
        case .meanSquaredError:
            for k in 0..<classes {
                let d = p[k] - (k == Int(label) ? 1 : 0)
                total += d * d
            }
        }
    }
    return total / Double(labels.count)
}

/// Softmax probabilities `[rows, classCount]` of the network in Float64.
func referenceForward(architecture: Architecture, parameters: [Double], inputs: [Double]) -> [Double] {
    let layout = LayerLayout.layout(of: architecture)
    let rows = inputs.count / architecture.inputSize
    var x = inputs
    for (i, layer) in layout.enumerated() {
        var y = [Double](repeating: 0, count: rows * layer.outputs)
        for r in 0..<rows {
            for o in 0..<layer.outputs {
                var z = parameters[layer.biasOffset + o]
                for j in 0..<layer.inputs {
                    z += x[r * layer.inputs + j] * parameters[layer.weightOffset + o * layer.inputs + j]
                }
                y[r * layer.outputs + o] = i == layout.count - 1
                    ? z : referenceActivation(z, architecture.activation, slope: Double(architecture.leakySlope))
            }
        }
        x = y
    }
    let classes = architecture.classCount
    for r in 0..<rows {
        let row = (r * classes)..<((r + 1) * classes)
        let maximum = x[row].max() ?? 0
        let sum = x[row].map { exp($0 - maximum) }.reduce(0, +)
        for k in row { x[k] = exp(x[k] - maximum) / sum }
    }
    return x
}
