extension MLP {
    /// The forward pass over `rows` examples already in `workspace.input`: every layer's z and
    /// f(z) into the workspace; the last layer's z (the logits, `[rows, classCount]`) is left in
    /// `workspace.preActivation(layerCount - 1)`.
    static func forward(
        _ parameters: UnsafePointer<Float>, layout: [LayerLayout], architecture: Architecture,
        workspace: Workspace, rows: Int
    ) {
        let activation = architecture.activation
        let slope = architecture.leakySlope
        for (i, layer) in layout.enumerated() {
            let z = workspace.preActivation(i)
            // z = x · Wᵀ : [rows, in] × [in, out] (W stored [out, in], read transposed)
            gemm(.no, .yes, m: rows, n: layer.outputs, k: layer.inputs,
                 alpha: 1, workspace.layerInput(i), parameters + layer.weightOffset, beta: 0, z)
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
