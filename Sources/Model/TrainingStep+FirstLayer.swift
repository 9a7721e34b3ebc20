// The training step's first layer, on layer 0's weights as training holds them, transposed:
// `W₀ᵀ [in, out]` (`ParameterBuffers`), for a part's block of neurons (columns of W₀ᵀ). The batch
// comes in one of three forms (`Workspace.firstLayerInput`, chosen per batch by
// `Trainer.loadBatch`), each with its own products, all computing
//
//   forward   z₀ = x · W₀ᵀ + b₀                      [rows, in] × [in, neurons]
//   backward  ∂L/∂W₀ᵀ = xᵀ · ∂L/∂z₀, ∂L/∂b₀ = Σ_rows ∂L/∂z₀, then the SGD step
//
// - dense: every pixel, by sgemm;
// - active columns: only the pixels non-zero in some image of the batch, by sgemm on the gathered
//   rows of W₀ᵀ (SparseInputKernels.swift);
// - per image: each image's own non-zero pixels, by the register-tiled kernels of
//   PerImageSparseKernels.swift.
// Reference: `referenceTrainingStep` on the full input; tests: ReferenceStepTests (every form),
// SparseInputTests and PerImageSparseTests.

extension TrainingStep {
    /// Layer 0's forward pass for the neurons `neurons` of every example of the batch:
    /// `z₀[:, neurons] = x · W₀ᵀ[:, neurons] + b₀[neurons]`, then `a₀ = f(z₀)`.
    func firstLayerForward(neurons: Range<Int>) {
        guard rows > 0, !neurons.isEmpty else { return }
        let layer = layout[0]
        let (out, count) = (layer.outputs, neurons.count)
        let weights = UnsafePointer(buffers.parameters) + layer.weightOffset + neurons.lowerBound  // rows `out` apart
        let z = workspace.preActivation(0) + neurons.lowerBound  // [rows, count], rows `out` apart
        switch workspace.firstLayerInput {
        case .dense:
            gemm(
                .no, .no, m: rows, n: count, k: layer.inputs, alpha: 1, workspace.input, weights, ldb: out,
                beta: 0, z, ldc: out)
        case .activeColumns:
            let active = workspace.activeCount
            let compact = workspace.compactWeight + neurons.lowerBound * active  // [active, count]
            gather_rows_forward(
                weights, stride: out, columns: workspace.activeColumns, active: active, compact, neurons: count)
            gemm(.no, .no, m: rows, n: count, k: active, alpha: 1, workspace.input, compact, beta: 0, z, ldc: out)
        case .perImage:
            sparse_rows_forward(
                counts: workspace.inkCounts, pixels: workspace.inkPixels, values: workspace.inkValues,
                listStride: layer.inputs, rows: rows, weights, weightStride: out, neurons: count, z, zStride: out)
        }
        let bias = UnsafePointer(buffers.parameters) + layer.biasOffset + neurons.lowerBound
        if layout.count == 1 {
            bias_forward(z, bias: bias, rows: rows, width: count, stride: out)
        } else {
            bias_activation_forward(
                z, workspace.activation(0) + neurons.lowerBound, bias: bias, rows: rows, width: count, stride: out,
                activation: architecture.activation, slope: architecture.leakySlope)
        }
    }

    /// Layer 0's bias and weight gradients for the neurons `neurons`, over the whole batch, into
    /// `target` as `target = beta · target + ∂L/∂θ` (laid out as `buffers`, so ∂L/∂W₀ᵀ
    /// transposed), and, for classical momentum (`rule.nesterov` false, `target` the velocity,
    /// `beta` = μ), the SGD step of those weights and biases fused where the form allows. Nesterov
    /// (`beta` 0): only the gradients; the caller steps.
    func firstLayerGradientAndUpdate(neurons: Range<Int>, into target: UnsafeMutablePointer<Float>, beta: Float) {
        let layer = layout[0]
        let (out, count, inputs) = (layer.outputs, neurons.count, layer.inputs)
        let dz = UnsafePointer(workspace.gradient(0)) + neurons.lowerBound  // [rows, count], rows `out` apart
        let weights = layer.weightOffset + neurons.lowerBound  // block of W₀ᵀ, rows `out` apart
        let biases = layer.biasOffset + neurons.lowerBound
        let (w, v) = (buffers.parameters, buffers.velocity)
        let classical = !rule.nesterov
        bias_backward(dz, target + biases, rows: rows, width: count, stride: out, beta: beta)
        switch workspace.firstLayerInput {
        case .dense:
            gemm(
                .yes, .no, m: inputs, n: count, k: rows, alpha: 1, workspace.input, dz, ldb: out, beta: beta,
                target + weights, ldc: out)
            if classical {
                for p in 0..<inputs {
                    sgd_momentum_update(
                        w + weights + p * out, velocity: v + weights + p * out, count: count,
                        learningRate: rule.learningRate, weightDecay: rule.weightDecay)
                }
            }
        case .activeColumns:
            let active = workspace.activeCount
            let compact = workspace.compactGradient + neurons.lowerBound * active  // [active, count]
            gemm(.yes, .no, m: active, n: count, k: rows, alpha: 1, workspace.input, dz, ldb: out, beta: 0, compact)
            if classical {
                sgd_momentum_sparse_rows_update(
                    w + weights, velocity: v + weights, compactGradient: compact, columns: workspace.activeColumns,
                    active: active, inputs: inputs, neurons: count, stride: out, learningRate: rule.learningRate,
                    momentum: rule.momentum, weightDecay: rule.weightDecay)
            } else {
                scatter_rows_backward(
                    compact, columns: workspace.activeColumns, active: active, target + weights, inputs: inputs,
                    neurons: count, stride: out)
            }
        case .perImage:
            if classical {
                sparse_columns_momentum_update(
                    counts: workspace.pixelCounts, rows: workspace.pixelRows, values: workspace.pixelValues,
                    listStride: workspace.capacity, width: inputs, dz, dzStride: out, neurons: count, w + weights,
                    velocity: v + weights, stride: out, learningRate: rule.learningRate, momentum: rule.momentum,
                    weightDecay: rule.weightDecay)
            } else {
                sparse_columns_backward(
                    counts: workspace.pixelCounts, rows: workspace.pixelRows, values: workspace.pixelValues,
                    listStride: workspace.capacity, width: inputs, dz, dzStride: out, neurons: count,
                    target + weights, targetStride: out, beta: beta)
            }
        }
        if classical {
            sgd_momentum_update(
                w + biases, velocity: v + biases, count: count, learningRate: rule.learningRate, weightDecay: 0)
        } else {
            for p in 0..<inputs {
                let row = weights + p * out
                sgd_nesterov_update(
                    w + row, velocity: v + row, gradient: target + row, count: count,
                    learningRate: rule.learningRate, momentum: rule.momentum, weightDecay: rule.weightDecay)
            }
            sgd_nesterov_update(
                w + biases, velocity: v + biases, gradient: target + biases, count: count,
                learningRate: rule.learningRate, momentum: rule.momentum, weightDecay: 0)
        }
    }
}
