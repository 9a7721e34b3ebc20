// The forward pass, in two parts that each split across the workspace's team: the first layer by
// neurons (each thread multiplies the batch by its own rows of W₀, which stay in its core's
// cache from one batch to the next), the layers above by examples (each thread takes a block of
// the batch's rows through every layer; these weights are small enough for both threads to read).

extension MLP {
    /// The forward pass of the `rows` examples in `workspace.input`, split across
    /// `workspace.team`: every layer's z and f(z) into the workspace; the last layer's z (the
    /// logits, `[rows, classCount]`) is left in `workspace.preActivation(layerCount - 1)`.
    static func forward(
        _ parameters: UnsafePointer<Float>, layout: [LayerLayout], architecture: Architecture,
        workspace: Workspace, rows: Int
    ) {
        let pass = ForwardPass(
            parameters: parameters, layout: layout, architecture: architecture, workspace: workspace, rows: rows)
        workspace.team.run(FirstLayerForward(pass: pass))
        workspace.team.run(UpperLayersForward(pass: pass))
    }

    /// Layer 0's z and f(z) for its neurons `neurons` (a block of columns of z), over all `rows`
    /// examples: `z[:, neurons] = x · W₀[neurons, :]ᵀ + b₀[neurons]`, `[rows, in] × [in, neurons]`.
    /// If `workspace.isSparse`, the input holds only the active columns, and the matching columns
    /// of W₀'s rows `neurons` are first copied to `workspace.compactWeight` (`[out₀, active]`).
    static func forwardFirstLayer(
        _ parameters: UnsafePointer<Float>, layout: [LayerLayout], architecture: Architecture,
        workspace: Workspace, rows: Int, neurons: Range<Int>
    ) {
        guard !neurons.isEmpty, rows > 0 else { return }
        let layer = layout[0]
        let width = workspace.layerInputWidth(0)
        var weight = parameters + layer.weightOffset + neurons.lowerBound * layer.inputs
        if workspace.isSparse {
            let compact = workspace.compactWeight + neurons.lowerBound * width
            gather_columns_forward(
                weight, columns: workspace.activeColumns, active: width, compact, outputs: neurons.count,
                width: layer.inputs)
            weight = UnsafePointer(compact)
        }
        let z = workspace.preActivation(0) + neurons.lowerBound
        gemm(
            .no, .yes, m: rows, n: neurons.count, k: width,
            alpha: 1, workspace.input, weight, beta: 0, z, ldc: layer.outputs)
        addBiasAndActivate(
            layer: 0, parameters: parameters, layout: layout, architecture: architecture, workspace: workspace,
            rows: 0..<rows, neurons: neurons)
    }

    /// Layers 1, 2, … for the examples `rows` (a block of the batch's rows), after layer 0.
    static func forwardUpperLayers(
        _ parameters: UnsafePointer<Float>, layout: [LayerLayout], architecture: Architecture,
        workspace: Workspace, rows: Range<Int>
    ) {
        guard !rows.isEmpty else { return }
        for (i, layer) in layout.enumerated().dropFirst() {
            // z = x · Wᵀ : [rows, in] × [in, out] (W stored [out, in], read transposed)
            gemm(
                .no, .yes, m: rows.count, n: layer.outputs, k: layer.inputs,
                alpha: 1, workspace.activation(i - 1) + rows.lowerBound * layer.inputs,
                parameters + layer.weightOffset, beta: 0, workspace.preActivation(i) + rows.lowerBound * layer.outputs)
            addBiasAndActivate(
                layer: i, parameters: parameters, layout: layout, architecture: architecture, workspace: workspace,
                rows: rows, neurons: 0..<layer.outputs)
        }
    }

    /// z += b and a = f(z) for the block `rows` × `neurons` of layer `i` (the output layer: only
    /// z += b, the softmax comes with the loss).
    private static func addBiasAndActivate(
        layer i: Int, parameters: UnsafePointer<Float>, layout: [LayerLayout], architecture: Architecture,
        workspace: Workspace, rows: Range<Int>, neurons: Range<Int>
    ) {
        let layer = layout[i]
        let start = rows.lowerBound * layer.outputs + neurons.lowerBound
        let (z, bias) = (workspace.preActivation(i) + start, parameters + layer.biasOffset + neurons.lowerBound)
        if i == layout.count - 1 {
            bias_forward(z, bias: bias, rows: rows.count, width: neurons.count, stride: layer.outputs)
        } else {
            bias_activation_forward(
                z, workspace.activation(i) + start, bias: bias, rows: rows.count, width: neurons.count,
                stride: layer.outputs, activation: architecture.activation, slope: architecture.leakySlope)
        }
    }
}

/// What the parts of a forward (or training) pass share: the parameters, the network's shape, the
/// workspace and the batch's number of examples.
struct ForwardPass {
    let parameters: UnsafePointer<Float>
    let layout: [LayerLayout]
    let architecture: Architecture
    let workspace: Workspace
    let rows: Int
}

/// The first layer's forward pass; part p takes a block of its neurons.
struct FirstLayerForward: TeamJob {
    let pass: ForwardPass

    func run(part: Int) {
        let p = pass
        MLP.forwardFirstLayer(
            p.parameters, layout: p.layout, architecture: p.architecture, workspace: p.workspace, rows: p.rows,
            neurons: p.workspace.team.block(part, of: p.layout[0].outputs, alignment: 16))
    }
}

/// The forward pass of the layers above the first; part p takes a block of the examples.
struct UpperLayersForward: TeamJob {
    let pass: ForwardPass

    func run(part: Int) {
        let p = pass
        MLP.forwardUpperLayers(
            p.parameters, layout: p.layout, architecture: p.architecture, workspace: p.workspace,
            rows: p.workspace.team.block(part, of: p.rows))
    }
}
