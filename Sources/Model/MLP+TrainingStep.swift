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
    /// Every thread of the workspace's team runs this function on its own `part` of the work:
    /// the caller runs part 0 and sets the others going; the parts meet at two barriers. Which
    /// part takes which examples or neurons, and the fused kernels, are the optimisations of
    /// TrainingStep+Optimisations.swift (each checked against the reference by
    /// ReferenceStepTests).
    ///
    /// Returns the batch's summed loss and the number it classified right (before the update).
    /// If the loss is not finite the parameters and velocity are left untouched.
    static func trainingStep(_ step: TrainingStep, part: Int = 0) -> (lossSum: Double, correct: Int) {
        let pass = step.pass
        let team = pass.workspace.team
        if part == 0 { team.start(step) }  // the other threads run this same function on their parts
        defer { if part == 0 { team.finish() } }
        let examples = pass.examples(part: part)

        // Forward: zᵢ = aᵢ₋₁ · Wᵢᵀ + bᵢ and aᵢ = f(zᵢ), layer by layer from the input (a₋₁ = x).
        // Layer 0 is split by neurons, the layers above by examples.
        step.firstLayerForward(neurons: pass.neurons(0, part: part))
        team.barrier()
        for i in 1..<pass.layerCount {
            pass.denseForward(layer: i, examples: examples, neurons: 0..<pass.layout[i].outputs)
        }

        // Loss: the softmax of the last layer's z, the loss of each example and ∂L/∂z of the
        // last layer.
        (pass.workspace.lossSums[part], pass.workspace.corrects[part]) = pass.lossAndGradient(examples: examples)

        // Backward, by the chain rule from the top: ∂L/∂aᵢ₋₁ = ∂L/∂zᵢ · Wᵢ, then
        // ∂L/∂zᵢ₋₁ = ∂L/∂aᵢ₋₁ ⊙ f′(zᵢ₋₁), for this part's examples.
        for i in stride(from: pass.layerCount - 1, to: 0, by: -1) {
            pass.denseBackward(layer: i, examples: examples, neurons: 0..<0, into: nil, beta: 0)
            pass.activationBackward(layer: i - 1, examples: examples)
        }
        team.barrier()
        let result = step.batchResult()
        guard result.lossSum.isFinite else { return result }

        // Backward, the parameters' gradients, and the update, layer by layer for this part's
        // neurons: ∂L/∂Wᵢ = ∂L/∂zᵢᵀ · aᵢ₋₁ and ∂L/∂bᵢ = Σ ∂L/∂zᵢ (sums over the whole batch),
        // g = ∂L/∂θ + λW, v = μv + g, θ −= η·v (or, Nesterov, θ −= η·(g + μv)).
        for i in 0..<pass.layerCount { step.gradientAndUpdate(layer: i, part: part) }
        return result
    }
}
