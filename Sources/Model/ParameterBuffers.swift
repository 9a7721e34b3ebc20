/// The parameters and momentum of a training run while its batches are trained, in memory that
/// every thread of the step reads and writes in place: `Trainer.run` copies them in from its
/// `TrainingState` when it starts and back whenever the state is looked at (an epoch's end,
/// stopping, an error). Allocated in `init`, freed in `deinit`.
///
/// - `parameters` `[count]`: laid out as `MLP.parameters`;
/// - `velocity` `[count]`: the momentum buffers, laid out alike;
/// - `gradient` `[count]` (Nesterov only, else nil): scratch for the raw gradient, which
///   classical momentum accumulates straight into `velocity` instead.
final class ParameterBuffers {
    /// Floats in each buffer.
    let count: Int
    let parameters: UnsafeMutablePointer<Float>
    let velocity: UnsafeMutablePointer<Float>
    let gradient: UnsafeMutablePointer<Float>?

    /// Buffers holding copies of `parameters` and `velocity` (of the same count), with the
    /// gradient scratch if `nesterov`.
    init(parameters: [Float], velocity: [Float], nesterov: Bool) {
        count = parameters.count
        self.parameters = .allocate(capacity: count)
        self.velocity = .allocate(capacity: count)
        self.parameters.initialize(from: parameters, count: count)
        self.velocity.initialize(from: velocity, count: min(count, velocity.count))
        if velocity.count < count {
            (self.velocity + velocity.count).initialize(repeating: 0, count: count - velocity.count)
        }
        gradient = nesterov ? .allocate(capacity: count) : nil
        gradient?.initialize(repeating: 0, count: count)
    }

    deinit {
        parameters.deallocate()
        velocity.deallocate()
        gradient?.deallocate()
    }

    /// Copies the parameters and the velocity back into `state` (`latest.parameters` and
    /// `velocity`, of `count` floats each), in place.
    func copy(into state: inout TrainingState) {
        state.latest.parameters.withUnsafeMutableBufferPointer {
            $0.baseAddress?.update(from: parameters, count: min(count, $0.count))
        }
        state.velocity.withUnsafeMutableBufferPointer {
            $0.baseAddress?.update(from: velocity, count: min(count, $0.count))
        }
    }
}
