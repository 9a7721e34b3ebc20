// The optimisations of the training step: where the fast step (MLP+TrainingStep.swift) departs
// from the textbook step (`referenceTrainingStep`, Reference+TrainingStep.swift) for speed. Each is
// checked against the reference, parameter by parameter and velocity by velocity, by
// `fastStepMatchesTheReferenceStep` (ReferenceStepTests.swift), which runs every combination of
// dense/active-column/per-image input, classical/Nesterov momentum and 1/2 threads named below.
//
// 1. The thread split (`TrainingStep`, `Pass.neurons`, `Pass.examples`). Every thread of the
//    team runs the whole step on its own part: layer 0's forward by neurons (each thread keeps its
//    columns of W₀ᵀ in its core's cache from batch to batch), the layers above, the loss and ∂x by
//    examples, then ∂W, ∂b and the update by neurons again (they sum over the whole batch, so a
//    split by examples would need a reduction). Two barriers separate the three. Reference:
//    `referenceTrainingStep`; tests: the `threads` 2 cases, and `twoThreadsTrainLikeOne`
//    (SparseInputTests.swift).
// 2. Momentum through sgemm's β (`gradientAndUpdate`). Classical momentum needs v = μv + g; the
//    weight-gradient product dzᵀ·x writes into v with β = μ, so BLAS does the accumulation and
//    no gradient is ever stored (`denseBackward`'s `beta`, then `sgd_momentum_update`). Reference:
//    the update loop of `referenceTrainingStep`; tests: the `nesterov` false cases.
// 3. Skipping blank pixels (`firstLayerForward`, `firstLayerGradientAndUpdate`,
//    TrainingStep+FirstLayer.swift; SparseInputKernels.swift). When the batch holds only its
//    non-blank pixel columns, layer 0 multiplies by the matching rows of W₀ᵀ (gathered into
//    `workspace.compactWeight`), computes its weight gradient in that compact shape and scatters
//    it back fused with the momentum step (`sgd_momentum_sparse_rows_update`; Nesterov scatters
//    into the gradient scratch). Reference: `referenceTrainingStep` on the full input; tests: the
//    `activeColumns` cases, `skippingBlankPixelsTrainsLikeTheDensePath` and
//    `sparseMomentumUpdateEqualsScatterThenUpdate` (SparseInputTests.swift).
// 4. Bias and activation in one pass over z (`bias_activation_forward`, in `denseForward`).
//    Reference: `referenceForwardLayers`; tests: every activation of `fastStepMatchesTheReferenceStep`
//    and KernelTests.swift.
// 5. Softmax, loss and ∂L/∂logits in one pass (LossKernels.swift). Reference:
//    `referenceLossAndGradient`; tests: both losses of `fastStepMatchesTheReferenceStep`.
// 6. The per-image sparse first layer (TrainingStep+FirstLayer.swift, PerImageSparseKernels.swift).
//    One MNIST image has ~151 non-zero pixels (distorted ~198) where its batch of 128 has ~521
//    (~689) active columns, so layer 0 is computed image by image over each image's own ink:
//    z₀[r, :] = b₀ + Σ_{p ∈ ink(r)} x[r, p] · W₀ᵀ[p, :] by image, and
//    ∂W₀ᵀ[p, :] = Σ_{r : x[r, p] ≠ 0} x[r, p] · ∂z₀[r, :] by pixel, fused with the momentum step.
//    For those rows to be contiguous, training holds layer 0's weights, velocity and gradient
//    scratch transposed, `W₀ᵀ [in, out]` (`ParameterBuffers` transposes exactly when it copies
//    in and out, so checkpoints keep `[out, in]` and resuming stays bit-identical); every form
//    of the first layer (dense, active columns, per image) works on W₀ᵀ. `Trainer.loadBatch`
//    builds each batch's ink lists and takes this path when the batch's non-zero pixels are
//    fewer than `Trainer.perImageShare` of rows × active columns. Reference:
//    `referenceTrainingStep`; tests: the `perImage` cases of `fastStepMatchesTheReferenceStep`,
//    the gradient checks (GradientCheckTests.swift), and PerImageSparseTests.swift (each kernel
//    against a plain loop, `perImagePathTrainsLikeTheDensePath`).

/// One training step's work, shared by the threads of the workspace's team: `MLP.trainingStep`
/// runs on the caller as part 0, and `run(part:)` runs it on the workers for the other parts. A
/// class made once per run, so that handing it to the team allocates nothing; `rows` and
/// `rule` change from batch to batch.
final class TrainingStep: TeamJob {
    let layout: [LayerLayout]
    let architecture: Architecture
    let workspace: Workspace
    /// The parameters, velocity and gradient scratch, updated in place.
    let buffers: ParameterBuffers
    /// Examples in the current batch.
    var rows = 0
    /// The current batch's learning rate, momentum and weight decay.
    var rule: StepRule

    /// The step of `architecture` on the batches loaded into `workspace`, updating `buffers`.
    init(architecture: Architecture, workspace: Workspace, buffers: ParameterBuffers, rule: StepRule) {
        self.architecture = architecture
        layout = LayerLayout.layout(of: architecture)
        self.workspace = workspace
        self.buffers = buffers
        self.rule = rule
    }

    /// What the forward and backward functions read.
    var pass: Pass {
        Pass(
            parameters: UnsafePointer(buffers.parameters), layout: layout, architecture: architecture,
            workspace: workspace, rows: rows)
    }

    /// A worker's part of the step (the caller's is part 0).
    func run(part: Int) { _ = MLP.trainingStep(self, part: part) }

    /// The batch's summed loss and hits, from every part's share (after the second barrier).
    func batchResult() -> (lossSum: Double, correct: Int) {
        var result = (lossSum: 0.0, correct: 0)
        for part in 0..<workspace.team.size {
            result.lossSum += workspace.lossSums[part]
            result.correct += workspace.corrects[part]
        }
        return result
    }

    /// ∂L/∂Wᵢ, ∂L/∂bᵢ and the SGD step of part `part`'s block of layer `i`'s neurons (rows of
    /// Wᵢ, entries of bᵢ). Classical momentum: the gradients go straight into the velocity
    /// (β = μ), then `w −= lr · (v + λw)`-style steps; Nesterov: into the gradient scratch, then
    /// `sgd_nesterov_update`. Layer 0 (columns of W₀ᵀ): `firstLayerGradientAndUpdate`.
    func gradientAndUpdate(layer i: Int, part: Int) {
        let neurons = pass.neurons(i, part: part)
        guard !neurons.isEmpty else { return }
        let (target, beta) =
            rule.nesterov ? (buffers.gradient ?? buffers.velocity, Float(0)) : (buffers.velocity, rule.momentum)
        if i == 0 { return firstLayerGradientAndUpdate(neurons: neurons, into: target, beta: beta) }
        let layer = layout[i]
        let (w, v) = (buffers.parameters, buffers.velocity)
        let weights = layer.weightOffset + neurons.lowerBound * layer.inputs
        let biases = layer.biasOffset + neurons.lowerBound
        pass.denseBackward(layer: i, examples: 0..<0, neurons: neurons, into: target, beta: beta)
        let count = neurons.count
        if rule.nesterov {
            sgd_nesterov_update(
                w + weights, velocity: v + weights, gradient: target + weights, count: count * layer.inputs,
                learningRate: rule.learningRate, momentum: rule.momentum, weightDecay: rule.weightDecay)
            sgd_nesterov_update(
                w + biases, velocity: v + biases, gradient: target + biases, count: count,
                learningRate: rule.learningRate, momentum: rule.momentum, weightDecay: 0)
        } else {
            sgd_momentum_update(
                w + weights, velocity: v + weights, count: count * layer.inputs,
                learningRate: rule.learningRate, weightDecay: rule.weightDecay)
            sgd_momentum_update(
                w + biases, velocity: v + biases, count: count, learningRate: rule.learningRate, weightDecay: 0)
        }
    }
}
