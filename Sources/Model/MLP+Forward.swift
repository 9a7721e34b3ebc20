extension MLP {
    /// The forward pass over `rows` examples already in `workspace.input`: every layer's z and
    /// f(z) into the workspace; the last layer's z (the logits, `[rows, classCount]`) is left in
    /// `workspace.preActivation(layerCount - 1)`. If `workspace.isSparse`, the input holds only
    /// the active columns and the first layer uses the matching columns of W₀.
    static func forward(
        _ parameters: UnsafePointer<Float>, layout: [LayerLayout], architecture: Architecture,
        workspace: Workspace, rows: Int
    ) {
        let activation = architecture.activation
        let slope = architecture.leakySlope
        for (i, layer) in layout.enumerated() {
            let z = workspace.preActivation(i)
            if i == 0 && workspace.isSparse {
                // z = x_active · W₀[:, active]ᵀ : [rows, active] × [active, out]
                let active = workspace.activeCount
                let (w, columns, compact) = (parameters + layer.weightOffset, workspace.activeColumns, workspace.compactWeight)
                forEachRowBlock(layer.outputs, threads: workspace.threads) { rows in
                    gather_columns_forward(
                        w + rows.lowerBound * layer.inputs, columns: columns, active: active,
                        compact + rows.lowerBound * active, outputs: rows.count, width: layer.inputs)
                }
                gemm(.no, .yes, m: rows, n: layer.outputs, k: active,
                     alpha: 1, workspace.input, workspace.compactWeight, beta: 0, z)
            } else {
                // z = x · Wᵀ : [rows, in] × [in, out] (W stored [out, in], read transposed)
                gemm(.no, .yes, m: rows, n: layer.outputs, k: layer.inputs,
                     alpha: 1, workspace.layerInput(i), parameters + layer.weightOffset, beta: 0, z)
            }
            if i == layout.count - 1 {
                bias_forward(z, bias: parameters + layer.biasOffset, rows: rows, width: layer.outputs)
            } else {
                bias_activation_forward(
                    z, workspace.activation(i), bias: parameters + layer.biasOffset,
                    rows: rows, width: layer.outputs, activation: activation, slope: slope)
            }
        }
    }
}
