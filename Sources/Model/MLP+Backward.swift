/// How one training step updates the parameters (see `TrainingSettings` for the meaning).
struct StepRule {
    var learningRate: Float
    var momentum: Float
    var nesterov: Bool
    var weightDecay: Float
}

extension MLP {
    /// One step of minibatch SGD on the `rows` examples in `workspace.input`/`labels`:
    /// forward, loss, backward and update, layer by layer from the output.
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
        let layout = self.layout
        let activation = architecture.activation
        let slope = architecture.leakySlope
        let loss = architecture.loss
        let architecture = self.architecture
        return parameters.withUnsafeMutableBufferPointer { parameterBuffer in
            velocity.withUnsafeMutableBufferPointer { velocityBuffer in
                gradient.withUnsafeMutableBufferPointer { gradientBuffer in
                    let w = parameterBuffer.baseAddress!
                    let v = velocityBuffer.baseAddress!
                    MLP.forward(w, layout: layout, architecture: architecture, workspace: workspace, rows: rows)

                    // Loss and ∂L/∂logits, written over the logits.
                    let last = layout.count - 1
                    let logits = workspace.preActivation(last)
                    let classes = layout[last].outputs
                    let scale = 1 / Float(rows)  // the loss is the batch mean
                    let result = switch loss {
                    case .crossEntropy:
                        softmax_cross_entropy_forward_backward(
                            logits, labels: workspace.labels, logits, rows: rows, classes: classes,
                            gradientScale: scale)
                    case .meanSquaredError:
                        softmax_mse_forward_backward(
                            logits, labels: workspace.labels, logits, rows: rows, classes: classes,
                            gradientScale: scale)
                    }
                    guard result.lossSum.isFinite else { return result }

                    // Backward: dz holds ∂L/∂z of layer i, [rows, out_i].
                    var dz = logits
                    for i in stride(from: last, through: 0, by: -1) {
                        let layer = layout[i]
                        let input = workspace.layerInput(i)
                        // With Nesterov the raw gradient goes to scratch; otherwise BLAS adds it
                        // to μ·v directly (beta = μ), so v = μv + g without another pass.
                        let nesterov = rule.nesterov
                        let target = nesterov ? gradientBuffer.baseAddress! : v
                        let beta: Float = nesterov ? 0 : rule.momentum
                        var weightUpdated = false
                        if i == 0 && workspace.isSparse {
                            // dW₀[:, active] = dzᵀ · x_active : [out, rows] × [rows, active];
                            // the other columns' gradient is zero.
                            let active = workspace.activeCount
                            let columns = workspace.activeColumns
                            gemm(.yes, .no, m: layer.outputs, n: active, k: rows,
                                 alpha: 1, dz, input, beta: 0, workspace.compactGradient)
                            if nesterov {
                                scatter_columns_backward(
                                    workspace.compactGradient, columns: columns, active: active,
                                    target + layer.weightOffset, outputs: layer.outputs,
                                    width: layer.inputs, beta: 0)
                            } else {
                                // W₀ is not needed further back: scatter, momentum and step in one pass.
                                let (w0, v0, g0) = (w + layer.weightOffset, v + layer.weightOffset, workspace.compactGradient)
                                forEachRowBlock(layer.outputs, threads: workspace.threads) { block in
                                    let first = block.lowerBound
                                    sgd_momentum_sparse_update(
                                        w0 + first * layer.inputs, velocity: v0 + first * layer.inputs,
                                        compactGradient: g0 + first * active, columns: columns,
                                        active: active, outputs: block.count, width: layer.inputs,
                                        learningRate: rule.learningRate, momentum: rule.momentum,
                                        weightDecay: rule.weightDecay)
                                }
                                weightUpdated = true
                            }
                        } else {
                            // dW = dzᵀ · x : [out, rows] × [rows, in]
                            gemm(.yes, .no, m: layer.outputs, n: layer.inputs, k: rows,
                                 alpha: 1, dz, input, beta: beta, target + layer.weightOffset)
                        }
                        bias_backward(dz, target + layer.biasOffset, rows: rows,
                                      width: layer.outputs, beta: beta)
                        if i > 0 {
                            // ∂L/∂x = dz · W : [rows, out] × [out, in]; then through f'.
                            let dx = dz == workspace.gradientA ? workspace.gradientB : workspace.gradientA
                            gemm(.no, .no, m: rows, n: layer.inputs, k: layer.outputs,
                                 alpha: 1, dz, w + layer.weightOffset, beta: 0, dx)
                            activation_backward(
                                dx, z: workspace.preActivation(i - 1), a: workspace.activation(i - 1),
                                count: rows * layer.inputs, activation: activation, slope: slope)
                            dz = dx
                        }
                        // This layer's W is no longer needed by the backward pass: update it.
                        if nesterov {
                            sgd_nesterov_update(
                                w + layer.weightOffset, velocity: v + layer.weightOffset,
                                gradient: target + layer.weightOffset, count: layer.inputs * layer.outputs,
                                learningRate: rule.learningRate, momentum: rule.momentum,
                                weightDecay: rule.weightDecay)
                            sgd_nesterov_update(
                                w + layer.biasOffset, velocity: v + layer.biasOffset,
                                gradient: target + layer.biasOffset, count: layer.outputs,
                                learningRate: rule.learningRate, momentum: rule.momentum, weightDecay: 0)
                        } else {
                            if !weightUpdated {
                                sgd_momentum_update(
                                    w + layer.weightOffset, velocity: v + layer.weightOffset,
                                    count: layer.inputs * layer.outputs,
                                    learningRate: rule.learningRate, weightDecay: rule.weightDecay)
                            }
                            sgd_momentum_update(
                                w + layer.biasOffset, velocity: v + layer.biasOffset,
                                count: layer.outputs, learningRate: rule.learningRate, weightDecay: 0)
                        }
                    }
                    return result
                }
            }
        }
    }
}
