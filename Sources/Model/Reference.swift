import Foundation

// The plain reference the fast path is tested against: the whole network in Float64 with
// naive loops and no BLAS, written for clarity only. Tests compare the fast kernels with it and
// take finite differences of its loss to check the hand-written backward pass; the training
// step itself (backward and update) is in Reference+TrainingStep.swift.

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
        total += referenceLossAndGradient(p, label: Int(label), loss: architecture.loss).loss
    }
    return total / Double(labels.count)
}

/// Softmax probabilities `[rows, classCount]` of the network in Float64.
func referenceForward(architecture: Architecture, parameters: [Double], inputs: [Double]) -> [Double] {
    let logits =
        referenceForwardLayers(
            architecture: architecture, parameters: parameters, inputs: inputs
        ).preActivations.last ?? []
    let classes = architecture.classCount
    return stride(from: 0, to: logits.count, by: classes).flatMap {
        referenceSoftmax(Array(logits[$0..<($0 + classes)]))
    }
}
