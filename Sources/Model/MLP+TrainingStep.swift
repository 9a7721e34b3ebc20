import Foundation

/// How one training step updates the parameters (see `TrainingSettings` for the meaning).
struct StepRule {
    var learningRate: Float
    var momentum: Float
    var nesterov: Bool
    var weightDecay: Float
}

extension MLP {
    /// One step of minibatch SGD on the `step.rows` examples loaded into `step.workspace`, on
    /// the parameters and velocity in `step.buffers` (updated in place), in the order and the
    /// words of `referenceTrainingStep`: forward, loss, backward, update.
    ///
    /// The work is cut into the workspace team's parts, which run at the same time, in three
    /// rounds: layer 0's forward pass by neurons; the layers above, the loss and the backward
    /// pass by examples; the parameters' gradients and the update by neurons. Why this split,
    /// and the fused kernels, are the optimisations of TrainingStep+Optimisations.swift (each
    /// checked against the reference by ReferenceStepTests).
    ///
    /// Returns the batch's summed loss and the number it classified right (before the update).
    /// If the loss is not finite the parameters and velocity are left untouched.
    static func trainingStep(_ step: TrainingStep) -> (lossSum: Double, correct: Int) {
        let pass = step.pass
        let parts = pass.workspace.team.size

        // Forward: zᵢ = aᵢ₋₁ · Wᵢᵀ + bᵢ and aᵢ = f(zᵢ), layer by layer from the input (a₋₁ = x);
        // layer 0 with each part taking a block of its neurons, …
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            pass.denseForward(layer: 0, examples: 0..<pass.rows, neurons: pass.neurons(0, part: part))
        }
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            // … the layers above with each part taking a block of the examples.
            let examples = pass.examples(part: part)
            for i in 1..<pass.layerCount {
                pass.denseForward(layer: i, examples: examples, neurons: 0..<pass.layout[i].outputs)
            }

            // Loss: the softmax of the last layer's z, each example's loss, and ∂L/∂z of the
            // last layer.
            (pass.workspace.lossSums[part], pass.workspace.corrects[part]) = pass.lossAndGradient(examples: examples)

            // Backward, by the chain rule from the top: ∂L/∂aᵢ₋₁ = ∂L/∂zᵢ · Wᵢ, then
            // ∂L/∂zᵢ₋₁ = ∂L/∂aᵢ₋₁ ⊙ f′(zᵢ₋₁).
            for i in stride(from: pass.layerCount - 1, to: 0, by: -1) {
                pass.denseBackward(layer: i, examples: examples, neurons: 0..<0, into: nil, beta: 0)
                pass.activationBackward(layer: i - 1, examples: examples)
            }
        }
        let result = step.batchResult()
        guard result.lossSum.isFinite else { return result }

        // Backward, the parameters' gradients, and the update, layer by layer with each part
        // taking a block of its neurons: ∂L/∂Wᵢ = ∂L/∂zᵢᵀ · aᵢ₋₁ and ∂L/∂bᵢ = Σ ∂L/∂zᵢ (sums over
        // the whole batch), g = ∂L/∂θ + λW, v = μv + g, θ −= η·v (or, Nesterov, θ −= η·(g + μv)).
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            for i in 0..<pass.layerCount { step.gradientAndUpdate(layer: i, part: part) }
        }
        return result
    }
}
