// The optimisations of the training step: where the fast step (MLP+TrainingStep.swift) departs
// from the textbook step (`referenceTrainingStep`, Reference+TrainingStep.swift) for speed. Each is
// checked against the reference, parameter by parameter and velocity by velocity, by
// `fastStepMatchesTheReferenceStep` (ReferenceStepTests.swift), which runs every combination of
// dense/sparse input, classical/Nesterov momentum and 1/2 threads named below.
//
// 1. The thread split (`TrainingStep`, `Pass.neurons`, `Pass.examples`). Every thread of the
//    team runs the whole step on its own part: layer 0's forward by neurons (each thread keeps its
//    rows of W₀ in its core's cache from batch to batch), the layers above, the loss and ∂x by
//    examples, then ∂W, ∂b and the update by neurons again (they sum over the whole batch, so a
//    split by examples would need a reduction). Two barriers separate the three. Reference:
//    `referenceTrainingStep`; tests: the `threads` 2 cases, and `twoThreadsTrainLikeOne`
//    (SparseInputTests.swift).
// 2. Momentum through sgemm's β (`gradientAndUpdate`). Classical momentum needs v = μv + g; the
//    weight-gradient product dzᵀ·x writes into v with β = μ, so BLAS does the accumulation and
//    no gradient is ever stored (`denseBackward`'s `beta`, then `sgd_momentum_update`). Reference:
//    the update loop of `referenceTrainingStep`; tests: the `nesterov` false cases.
// 3. Skipping blank pixels (`firstLayerWeights`, `firstLayerGradientAndUpdate`,
//    SparseInputKernels.swift). When the batch holds only its non-blank pixel columns, layer 0
//    multiplies by the matching columns of W₀ (gathered into `workspace.compactWeight`), computes
//    its weight gradient in that compact shape and scatters it back fused with the momentum step
//    (`sgd_momentum_sparse_update`; Nesterov scatters into the gradient scratch). Reference:
//    `referenceTrainingStep` on the full input; tests: the `sparse` true cases,
//    `skippingBlankPixelsTrainsLikeTheDensePath` and `sparseMomentumUpdateEqualsScatterThenUpdate`
//    (SparseInputTests.swift).
// 4. Bias and activation in one pass over z (`bias_activation_forward`, in `denseForward`).
//    Reference: `referenceForwardLayers`; tests: every activation of `fastStepMatchesTheReferenceStep`
//    and KernelTests.swift.
// 5. Softmax, loss and ∂L/∂logits in one pass (LossKernels.swift). Reference:
//    `referenceLossAndGradient`; tests: both losses of `fastStepMatchesTheReferenceStep`.

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
    /// `sgd_nesterov_update`. Layer 0 of a sparse batch: `firstLayerGradientAndUpdate`.
    func gradientAndUpdate(layer i: Int, part: Int) {
        let neurons = pass.neurons(i, part: part)
        guard !neurons.isEmpty else { return }
        let layer = layout[i]
        let (w, v) = (buffers.parameters, buffers.velocity)
        let weights = layer.weightOffset + neurons.lowerBound * layer.inputs
        let biases = layer.biasOffset + neurons.lowerBound
        let (target, beta) = rule.nesterov ? (buffers.gradient ?? v, Float(0)) : (v, rule.momentum)
        var weightsUpdated = false
        if i == 0 && workspace.isSparse {
            weightsUpdated = firstLayerGradientAndUpdate(
                neurons: neurons, into: target, beta: beta, row: workspace.spreadRow(part))
        } else {
            pass.denseBackward(layer: i, examples: 0..<0, neurons: neurons, into: target, beta: beta)
        }
        let count = neurons.count
        if rule.nesterov {
            sgd_nesterov_update(
                w + weights, velocity: v + weights, gradient: target + weights, count: count * layer.inputs,
                learningRate: rule.learningRate, momentum: rule.momentum, weightDecay: rule.weightDecay)
            sgd_nesterov_update(
                w + biases, velocity: v + biases, gradient: target + biases, count: count,
                learningRate: rule.learningRate, momentum: rule.momentum, weightDecay: 0)
        } else {
            if !weightsUpdated {
                sgd_momentum_update(
                    w + weights, velocity: v + weights, count: count * layer.inputs,
                    learningRate: rule.learningRate, weightDecay: rule.weightDecay)
            }
            sgd_momentum_update(
                w + biases, velocity: v + biases, count: count, learningRate: rule.learningRate, weightDecay: 0)
        }
    }

    /// Layer 0's bias gradient and weight gradient for the neurons `neurons` of a sparse batch:
    /// `dW₀[neurons, active] = dzᵀ · x_active` in the compact shape (the other columns' gradient
    /// is zero). Nesterov (`beta` 0): scattered into `target`. Classical: scattered, accumulated
    /// into the velocity and stepped in one pass over each row of W₀; returns true, the
    /// weights are then already updated. `row` is `[inputSize]` scratch of the calling thread.
    private func firstLayerGradientAndUpdate(
        neurons: Range<Int>, into target: UnsafeMutablePointer<Float>, beta: Float, row: UnsafeMutablePointer<Float>
    ) -> Bool {
        let layer = layout[0]
        let (count, width) = (neurons.count, workspace.activeCount)
        let dz = workspace.gradient(0) + neurons.lowerBound  // [rows, count], rows layer.outputs apart
        let weights = layer.weightOffset + neurons.lowerBound * layer.inputs
        bias_backward(
            dz, target + layer.biasOffset + neurons.lowerBound, rows: rows, width: count, stride: layer.outputs,
            beta: beta)
        let compact = workspace.compactGradient + neurons.lowerBound * width
        gemm(
            .yes, .no, m: count, n: width, k: rows, alpha: 1, dz, lda: layer.outputs, workspace.input, beta: 0, compact)
        if rule.nesterov {
            scatter_columns_backward(
                compact, columns: workspace.activeColumns, active: width, target + weights, outputs: count,
                width: layer.inputs, beta: 0)
            return false
        }
        sgd_momentum_sparse_update(
            buffers.parameters + weights, velocity: buffers.velocity + weights, compactGradient: compact,
            columns: workspace.activeColumns, active: width, outputs: count, width: layer.inputs,
            learningRate: rule.learningRate, momentum: rule.momentum, weightDecay: rule.weightDecay,
            row: row)
        return true
    }
}

extension Pass {
    /// Layer 0's weights for the neurons `neurons`, `[neurons, width]`: W₀'s rows, or, for a
    /// sparse batch, their active columns gathered into `workspace.compactWeight`.
    func firstLayerWeights(neurons: Range<Int>) -> UnsafePointer<Float> {
        let layer = layout[0]
        let weight = parameters + layer.weightOffset + neurons.lowerBound * layer.inputs
        guard workspace.isSparse else { return weight }
        let width = workspace.activeCount
        let compact = workspace.compactWeight + neurons.lowerBound * width
        gather_columns_forward(
            weight, columns: workspace.activeColumns, active: width, compact, outputs: neurons.count,
            width: layer.inputs)
        return UnsafePointer(compact)
    }
}
