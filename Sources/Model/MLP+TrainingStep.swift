/// How one training step updates the parameters (see `TrainingSettings` for the meaning).
struct StepRule {
    var learningRate: Float
    var momentum: Float
    var nesterov: Bool
    var weightDecay: Float
}

extension MLP {
    /// One step of minibatch SGD on the `rows` examples in `workspace.input`/`labels`, in three
    /// parts that each split across `workspace.team` without further coordination:
    ///
    /// 1. the first layer's forward pass, per neuron (see MLP+Forward.swift);
    /// 2. per example: the forward pass of the layers above, the loss, and backward to ∂L/∂z of
    ///    every layer; each thread takes a block of the batch's rows (only reads the weights);
    /// 3. per neuron: the weight and bias gradients (sums over the batch) and the update; each
    ///    thread takes a block of every layer's neurons, i.e. rows of W and entries of b.
    ///
    /// - `velocity`: `[parameters.count]` momentum buffers, updated.
    /// - `gradient`: `[parameters.count]` scratch for the raw gradient; used only by Nesterov
    ///   (classical momentum accumulates the gradient straight into `velocity`).
    /// - Returns the summed loss over the rows and the number classified right (before the
    ///   update). If the loss is not finite the parameters are left untouched.
    mutating func trainingStep(
        workspace: Workspace, rows: Int, velocity: inout [Float], gradient: inout [Float],
        rule: StepRule
    ) -> (lossSum: Double, correct: Int) {
        let (layout, architecture, team) = (self.layout, self.architecture, workspace.team)
        return parameters.withUnsafeMutableBufferPointer { parameterBuffer in
            velocity.withUnsafeMutableBufferPointer { velocityBuffer in
                gradient.withUnsafeMutableBufferPointer { gradientBuffer in
                    let (w, v, scratch) = (
                        parameterBuffer.baseAddress!, velocityBuffer.baseAddress!, gradientBuffer.baseAddress
                    )
                    let pass = ForwardPass(
                        parameters: w, layout: layout, architecture: architecture, workspace: workspace, rows: rows)
                    team.run(FirstLayerForward(pass: pass))
                    team.run(ExampleStep(pass: pass))
                    var result = (lossSum: 0.0, correct: 0)
                    for part in 0..<team.size {
                        result.lossSum += workspace.lossSums[part]
                        result.correct += workspace.corrects[part]
                    }
                    guard result.lossSum.isFinite else { return result }
                    team.run(
                        NeuronUpdate(
                            parameters: w, velocity: v, scratch: scratch, layout: layout, workspace: workspace,
                            rows: rows, rule: rule))
                    return result
                }
            }
        }
    }

    /// The loss of the examples `rows` (a block of a batch of `batchRows`) and ∂L/∂logits, which
    /// goes to `workspace.gradient(last)`; the loss is the batch mean, so the gradient is scaled
    /// by 1/`batchRows`. Returns the summed loss of the block and how many it classified right.
    static func lossAndGradient(
        architecture: Architecture, workspace: Workspace, rows: Range<Int>, batchRows: Int
    ) -> (lossSum: Double, correct: Int) {
        let last = architecture.layerCount - 1
        let classes = architecture.classCount
        let first = rows.lowerBound
        let (logits, labels, gradient) = (
            workspace.preActivation(last) + first * classes, workspace.labels + first,
            workspace.gradient(last) + first * classes
        )
        let scale = 1 / Float(batchRows)
        switch architecture.loss {
        case .crossEntropy:
            return softmax_cross_entropy_forward_backward(
                logits, labels: labels, gradient, rows: rows.count, classes: classes, gradientScale: scale)
        case .meanSquaredError:
            return softmax_mse_forward_backward(
                logits, labels: labels, gradient, rows: rows.count, classes: classes, gradientScale: scale)
        }
    }

    /// Backpropagates ∂L/∂z of the examples `rows` from the last layer (left by the loss) down to
    /// the first hidden layer, each into `workspace.gradient(i)`:
    /// ∂L/∂a₍ᵢ₋₁₎ = ∂L/∂zᵢ · Wᵢ (`[rows, out] × [out, in]`), then through f'. The input layer's
    /// input gradient is never needed, so never computed.
    static func backward(
        _ parameters: UnsafePointer<Float>, layout: [LayerLayout], architecture: Architecture,
        workspace: Workspace, rows: Range<Int>
    ) {
        guard !rows.isEmpty else { return }
        let first = rows.lowerBound
        for i in stride(from: layout.count - 1, to: 0, by: -1) {
            let layer = layout[i]
            let dx = workspace.gradient(i - 1) + first * layer.inputs
            gemm(
                .no, .no, m: rows.count, n: layer.inputs, k: layer.outputs,
                alpha: 1, workspace.gradient(i) + first * layer.outputs, parameters + layer.weightOffset,
                beta: 0, dx)
            activation_backward(
                dx, z: workspace.preActivation(i - 1) + first * layer.inputs,
                a: workspace.activation(i - 1) + first * layer.inputs, count: rows.count * layer.inputs,
                activation: architecture.activation, slope: architecture.leakySlope)
        }
    }

    /// The SGD step of the neurons `neurons` of layer `i` (rows of Wᵢ, entries of bᵢ), from
    /// ∂L/∂zᵢ of the whole batch of `rows` examples: dW = dz[:, neurons]ᵀ · x
    /// (`[neurons, rows] × [rows, in]`), db = Σ over rows of dz[:, neurons], then the momentum step.
    /// `spreadRow` is `[in]` scratch of the calling thread.
    static func update(
        layer i: Int, neurons: Range<Int>, layout: [LayerLayout],
        parameters w: UnsafeMutablePointer<Float>, velocity v: UnsafeMutablePointer<Float>,
        scratch: UnsafeMutablePointer<Float>?, workspace: Workspace, rows: Int, rule: StepRule,
        spreadRow: UnsafeMutablePointer<Float>
    ) {
        guard !neurons.isEmpty else { return }
        let layer = layout[i]
        let count = neurons.count
        let dz = workspace.gradient(i) + neurons.lowerBound  // [rows, count], rows layer.outputs apart
        let (input, width) = (workspace.layerInput(i), workspace.layerInputWidth(i))
        let weights = layer.weightOffset + neurons.lowerBound * layer.inputs
        let biases = layer.biasOffset + neurons.lowerBound
        // With Nesterov the raw gradient goes to scratch; otherwise BLAS adds it to μ·v directly
        // (beta = μ), so v = μv + g without another pass.
        let (target, beta) = rule.nesterov ? (scratch!, Float(0)) : (v, rule.momentum)
        bias_backward(dz, target + biases, rows: rows, width: count, stride: layer.outputs, beta: beta)
        var weightsUpdated = false
        if i == 0 && workspace.isSparse {
            // dW₀[neurons, active] = dzᵀ · x_active; the other columns' gradient is zero.
            let columns = workspace.activeColumns
            let compact = workspace.compactGradient + neurons.lowerBound * width
            gemm(
                .yes, .no, m: count, n: width, k: rows,
                alpha: 1, dz, lda: layer.outputs, input, beta: 0, compact)
            if rule.nesterov {
                scatter_columns_backward(
                    compact, columns: columns, active: width, target + weights, outputs: count,
                    width: layer.inputs, beta: 0)
            } else {
                // Scatter, momentum and step in one pass over each row of W₀.
                sgd_momentum_sparse_update(
                    w + weights, velocity: v + weights, compactGradient: compact, columns: columns,
                    active: width, outputs: count, width: layer.inputs, learningRate: rule.learningRate,
                    momentum: rule.momentum, weightDecay: rule.weightDecay, row: spreadRow)
                weightsUpdated = true
            }
        } else {
            gemm(
                .yes, .no, m: count, n: layer.inputs, k: rows,
                alpha: 1, dz, lda: layer.outputs, input, beta: beta, target + weights)
        }
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
}

/// Per example, after the first layer's forward pass: the layers above it, the loss, and the
/// backward pass to ∂L/∂z of every layer; part p takes a block of the batch's rows and leaves its
/// loss and hits in `workspace.lossSums[p]`, `workspace.corrects[p]`.
struct ExampleStep: TeamJob {
    let pass: ForwardPass

    func run(part: Int) {
        let p = pass
        let block = p.workspace.team.block(part, of: p.rows)
        MLP.forwardUpperLayers(
            p.parameters, layout: p.layout, architecture: p.architecture, workspace: p.workspace, rows: block)
        (p.workspace.lossSums[part], p.workspace.corrects[part]) = MLP.lossAndGradient(
            architecture: p.architecture, workspace: p.workspace, rows: block, batchRows: p.rows)
        MLP.backward(p.parameters, layout: p.layout, architecture: p.architecture, workspace: p.workspace, rows: block)
    }
}

/// Per neuron: the gradients and the SGD step of every layer; part p takes a block of each
/// layer's neurons (`MLP.update`).
struct NeuronUpdate: TeamJob {
    let parameters: UnsafeMutablePointer<Float>
    let velocity: UnsafeMutablePointer<Float>
    let scratch: UnsafeMutablePointer<Float>?
    let layout: [LayerLayout]
    let workspace: Workspace
    let rows: Int
    let rule: StepRule

    func run(part: Int) {
        for (i, layer) in layout.enumerated() {
            MLP.update(
                layer: i, neurons: workspace.team.block(part, of: layer.outputs), layout: layout,
                parameters: parameters, velocity: velocity, scratch: scratch, workspace: workspace,
                rows: rows, rule: rule, spreadRow: workspace.spreadRow(part))
        }
    }
}
