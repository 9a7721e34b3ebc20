/// The parameters and momentum of a training run while its batches are trained, in memory that
/// every thread of the step reads and writes in place: `Trainer.run` copies them in from its
/// `TrainingState` when it starts and back whenever the state is looked at (an epoch's end,
/// stopping, an error). Allocated in `init`, freed in `deinit`.
///
/// - `parameters` `[count]`: laid out as `MLP.parameters`, except that layer 0's weights are
///   held transposed, `W₀ᵀ [in, out]` instead of `W₀ [out, in]` (so that one input pixel's
///   weights are one contiguous row: the per-image sparse first layer, PerImageSparseKernels.swift);
///   transposing is exact, so copying in and out loses nothing and a resumed run stays
///   bit-identical;
/// - `velocity` `[count]`: the momentum buffers, laid out alike (layer 0 transposed too);
/// - `gradient` `[count]` (Nesterov only, else nil): scratch for the raw gradient, laid out
///   alike, which classical momentum accumulates straight into `velocity` instead.
final class ParameterBuffers {
    /// Floats in each buffer.
    let count: Int
    let parameters: UnsafeMutablePointer<Float>
    let velocity: UnsafeMutablePointer<Float>
    let gradient: UnsafeMutablePointer<Float>?
    /// Layer 0, whose weights the buffers hold transposed.
    let firstLayer: LayerLayout

    /// Buffers holding copies of `parameters` and `velocity` (of the same count) of a network of
    /// `architecture`, layer 0's weights transposed, with the gradient scratch if `nesterov`.
    init(architecture: Architecture, parameters: [Float], velocity: [Float], nesterov: Bool) {
        count = parameters.count
        firstLayer = LayerLayout.layout(of: architecture)[0]
        self.parameters = .allocateAligned(count)
        self.velocity = .allocateAligned(count)
        self.parameters.initialize(from: parameters, count: count)
        self.velocity.initialize(from: velocity, count: min(count, velocity.count))
        if velocity.count < count {
            (self.velocity + velocity.count).initialize(repeating: 0, count: count - velocity.count)
        }
        gradient = nesterov ? .allocateAligned(count) : nil
        gradient?.initialize(repeating: 0, count: count)
        let (rows, columns) = (firstLayer.outputs, firstLayer.inputs)
        guard firstLayer.biasOffset <= count else { return }
        parameters.withUnsafeBufferPointer { source in
            transpose_forward(
                source.baseAddress! + firstLayer.weightOffset, rows: rows, columns: columns,
                self.parameters + firstLayer.weightOffset)
        }
        if velocity.count >= firstLayer.biasOffset {
            velocity.withUnsafeBufferPointer { source in
                transpose_forward(
                    source.baseAddress! + firstLayer.weightOffset, rows: rows, columns: columns,
                    self.velocity + firstLayer.weightOffset)
            }
        }
    }

    deinit {
        parameters.deallocate()
        velocity.deallocate()
        gradient?.deallocate()
    }

    /// Copies the parameters and the velocity back into `state` (`latest.parameters` and
    /// `velocity`, of `count` floats each), in place, layer 0's weights transposed back to
    /// `[out, in]`.
    func copy(into state: inout TrainingState) {
        let (rows, columns, offset) = (firstLayer.inputs, firstLayer.outputs, firstLayer.weightOffset)
        for (source, inState) in [(parameters, true), (velocity, false)] {
            func copyBack(_ target: inout [Float]) {
                target.withUnsafeMutableBufferPointer {
                    guard let base = $0.baseAddress else { return }
                    base.update(from: source, count: min(count, $0.count))
                    guard firstLayer.biasOffset <= min(count, $0.count) else { return }
                    transpose_forward(source + offset, rows: rows, columns: columns, base + offset)
                }
            }
            if inState { copyBack(&state.latest.parameters) } else { copyBack(&state.velocity) }
        }
    }
}

/// Transposes a matrix: `target[j, i] = source[i, j]` for `source` `[rows, columns]` and
/// `target` `[columns, rows]` (exact: the values are only moved). Blocks of 16 × 16 keep both
/// sides' cache lines in use.
func transpose_forward(
    _ source: UnsafePointer<Float>, rows: Int, columns: Int, _ target: UnsafeMutablePointer<Float>
) {
    for i0 in stride(from: 0, to: rows, by: 16) {
        for j0 in stride(from: 0, to: columns, by: 16) {
            for i in i0..<min(i0 + 16, rows) {
                for j in j0..<min(j0 + 16, columns) { target[j * rows + i] = source[i * columns + j] }
            }
        }
    }
}
