// A dense layer as a forward and a backward function (llm.c's matmul_forward/matmul_backward),
// for x [rows, in], W [out, in], b [out], z [rows, out]:
//   forward   z = x · Wᵀ + b, then a = f(z) for a hidden layer
//   backward  ∂L/∂x = ∂L/∂z · W     [rows, in]
//             ∂L/∂W = ∂L/∂zᵀ · x    [out, in]
//             ∂L/∂b = Σ_rows ∂L/∂z  [out]
//   and through the activation below: ∂L/∂z₍ᵢ₋₁₎ = ∂L/∂a₍ᵢ₋₁₎ ⊙ f′(z₍ᵢ₋₁₎)
// Reference+TrainingStep.swift writes the same formulas as plain loops; ReferenceStepTests
// checks the training step built from these against it.

extension Pass {
    /// Layer `i`'s forward pass on the block `examples` × `neurons` of its z:
    /// `z[examples, neurons] = x[examples] · Wᵢ[neurons]ᵀ + bᵢ[neurons]`
    /// (`[examples, in] × [in, neurons]`), then `a = f(z)` for a hidden layer (the output layer's
    /// softmax comes with the loss). x is the batch (layer 0) or f(z) of layer i − 1. (The
    /// training step runs layer 0 itself, on its transposed weights: `firstLayerForward`,
    /// TrainingStep+FirstLayer.swift.)
    func denseForward(layer i: Int, examples: Range<Int>, neurons: Range<Int>) {
        guard !examples.isEmpty, !neurons.isEmpty else { return }
        let layer = layout[i]
        let width = workspace.layerInputWidth(i)
        let x = workspace.layerInput(i) + examples.lowerBound * width
        let w = parameters + layer.weightOffset + neurons.lowerBound * layer.inputs
        let start = examples.lowerBound * layer.outputs + neurons.lowerBound
        let (z, bias) = (workspace.preActivation(i) + start, parameters + layer.biasOffset + neurons.lowerBound)
        gemm(
            .no, .yes, m: examples.count, n: neurons.count, k: width,
            alpha: 1, x, w, beta: 0, z, ldc: layer.outputs)
        if i == layout.count - 1 {
            bias_forward(z, bias: bias, rows: examples.count, width: neurons.count, stride: layer.outputs)
        } else {
            bias_activation_forward(
                z, workspace.activation(i) + start, bias: bias, rows: examples.count, width: neurons.count,
                stride: layer.outputs, activation: architecture.activation, slope: architecture.leakySlope)
        }
    }

    /// Layer `i`'s backward pass from its ∂L/∂z (`workspace.gradient(i)`), by the chain rule:
    ///
    /// - ∂x: for the rows `examples`, `∂L/∂x = ∂L/∂z · Wᵢ` (`[examples, out] × [out, in]`) into
    ///   `workspace.gradient(i − 1)` (nothing for layer 0: the input needs no gradient);
    /// - ∂W, ∂b: for the neurons `neurons`, over the whole batch (sums over its examples),
    ///   `∂L/∂Wᵢ = ∂L/∂zᵀ · x` (`[neurons, rows] × [rows, in]`) and `∂L/∂bᵢ = Σ_rows ∂L/∂z`, into
    ///   `gradient` (laid out as the parameters) as `gradient = beta · gradient + ∂L/∂θ`.
    ///
    /// The training step asks for ∂x per block of examples and for ∂W, ∂b per block of neurons
    /// (either range may be empty): the thread split of TrainingStep+Optimisations.swift.
    /// With `beta` = μ and `gradient` the velocity, it leaves `μv + ∂L/∂θ` (the momentum
    /// fusion, ibid.). Not for layer 0 (`firstLayerGradientAndUpdate` serves it).
    func denseBackward(
        layer i: Int, examples: Range<Int>, neurons: Range<Int>, into gradient: UnsafeMutablePointer<Float>?,
        beta: Float
    ) {
        let layer = layout[i]
        if i > 0, !examples.isEmpty {
            gemm(
                .no, .no, m: examples.count, n: layer.inputs, k: layer.outputs,
                alpha: 1, workspace.gradient(i) + examples.lowerBound * layer.outputs,
                parameters + layer.weightOffset, beta: 0,
                workspace.gradient(i - 1) + examples.lowerBound * layer.inputs)
        }
        guard let gradient, !neurons.isEmpty, rows > 0 else { return }
        let dz = workspace.gradient(i) + neurons.lowerBound  // [rows, neurons], rows layer.outputs apart
        let weights = layer.weightOffset + neurons.lowerBound * layer.inputs
        bias_backward(
            dz, gradient + layer.biasOffset + neurons.lowerBound, rows: rows, width: neurons.count,
            stride: layer.outputs, beta: beta)
        gemm(
            .yes, .no, m: neurons.count, n: layer.inputs, k: rows,
            alpha: 1, dz, lda: layer.outputs, workspace.layerInput(i), beta: beta, gradient + weights)
    }

    /// Through hidden layer `i`'s activation, for the rows `examples`: its ∂L/∂a, left in
    /// `workspace.gradient(i)` by `denseBackward` of layer i + 1, becomes
    /// `∂L/∂zᵢ = ∂L/∂aᵢ ⊙ f′(zᵢ)` in place.
    func activationBackward(layer i: Int, examples: Range<Int>) {
        guard !examples.isEmpty else { return }
        let width = layout[i].outputs
        let start = examples.lowerBound * width
        activation_backward(
            workspace.gradient(i) + start, z: workspace.preActivation(i) + start,
            a: workspace.activation(i) + start, count: examples.count * width,
            activation: architecture.activation, slope: architecture.leakySlope)
    }

    /// The loss of the rows `examples` and ∂L/∂logits, into `workspace.gradient(last)`: the
    /// softmax of the last layer's z, then cross-entropy or squared error. The loss is the
    /// batch's mean, so the gradient is scaled by 1/`rows`. Returns the summed loss of the rows
    /// and how many of them it classified right.
    func lossAndGradient(examples: Range<Int>) -> (lossSum: Double, correct: Int) {
        let last = layout.count - 1
        let classes = architecture.classCount
        let first = examples.lowerBound
        let (logits, labels, gradient) = (
            workspace.preActivation(last) + first * classes, workspace.labels + first,
            workspace.gradient(last) + first * classes
        )
        let scale = 1 / Float(rows)
        switch architecture.loss {
        case .crossEntropy:
            return softmax_cross_entropy_forward_backward(
                logits, labels: labels, gradient, rows: examples.count, classes: classes, gradientScale: scale)
        case .meanSquaredError:
            return softmax_mse_forward_backward(
                logits, labels: labels, gradient, rows: examples.count, classes: classes, gradientScale: scale)
        }
    }
}
