// The forward pass of inference (and of validation during training), in two parts that each split
// across the workspace's team: the first layer by neurons (each thread multiplies the batch by its
// own rows of W₀, which stay in its core's cache from one batch to the next), the layers above by
// examples (each thread takes a block of the batch's rows through every layer; these weights are
// small enough for both threads to read). The training step splits its forward pass the same way
// (TrainingStep+Optimisations.swift).

extension MLP {
    /// The forward pass of the `rows` examples in `workspace.input`, split across
    /// `workspace.team`: every layer's z and f(z) into the workspace; the last layer's z (the
    /// logits, `[rows, classCount]`) is left in `workspace.preActivation(layerCount - 1)`.
    static func forward(
        _ parameters: UnsafePointer<Float>, layout: [LayerLayout], architecture: Architecture,
        workspace: Workspace, rows: Int
    ) {
        let pass = Pass(
            parameters: parameters, layout: layout, architecture: architecture, workspace: workspace, rows: rows)
        workspace.team.run(FirstLayerForward(pass: pass))
        workspace.team.run(UpperLayersForward(pass: pass))
    }
}

/// The first layer's forward pass; part p takes a block of its neurons.
struct FirstLayerForward: TeamJob {
    let pass: Pass

    func run(part: Int) {
        pass.denseForward(layer: 0, examples: 0..<pass.rows, neurons: pass.neurons(0, part: part))
    }
}

/// The forward pass of the layers above the first; part p takes a block of the examples.
struct UpperLayersForward: TeamJob {
    let pass: Pass

    func run(part: Int) {
        let examples = pass.examples(part: part)
        for i in 1..<pass.layerCount {
            pass.denseForward(layer: i, examples: examples, neurons: 0..<pass.layout[i].outputs)
        }
    }
}
