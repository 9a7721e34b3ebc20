/// What every part of a forward or training pass works on, passed as one value: the parameters
/// (laid out as `MLP.parameters`), where each layer's sit, the network's shape, the workspace
/// holding the batch and every layer's z, f(z) and ∂L/∂z, and the batch's number of examples.
struct Pass {
    let parameters: UnsafePointer<Float>
    let layout: [LayerLayout]
    let architecture: Architecture
    let workspace: Workspace
    /// Examples in the batch (rows of the workspace's buffers in use).
    let rows: Int

    /// The number of layers.
    var layerCount: Int { layout.count }

    /// The rows a part of the workspace's team takes when a phase is split by examples.
    func examples(part: Int) -> Range<Int> { workspace.team.block(part, of: rows) }

    /// The neurons of layer `i` a part of the team takes when a phase is split by neurons. The
    /// first layer's blocks start at multiples of `firstLayerAlignment` floats.
    func neurons(_ i: Int, part: Int) -> Range<Int> {
        workspace.team.block(part, of: layout[i].outputs, alignment: i == 0 ? Pass.firstLayerAlignment : 1)
    }

    /// The alignment, in floats, of the first layer's neuron blocks: 16 floats are 64 bytes, a
    /// cache line (and an AVX-512 register), so the two threads never write the same line of z₀.
    static let firstLayerAlignment = 16
}
