/// What every part of a forward or training pass works on, passed as one value: the parameters
/// (laid out as `MLP.parameters`), where each layer's sit, the network's shape, the workspace
/// holding the batch and every layer's z, f(z) and ∂L/∂z, and the batch's number of examples.
/// Shared by the parts of a pass, which write disjoint memory.
struct Pass: @unchecked Sendable {
    let parameters: UnsafePointer<Float>
    let layout: [LayerLayout]
    let architecture: Architecture
    let workspace: Workspace
    /// Examples in the batch (rows of the workspace's buffers in use).
    let rows: Int

    /// The number of layers.
    var layerCount: Int { layout.count }
}
