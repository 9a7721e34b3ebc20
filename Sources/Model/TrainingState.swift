/// Everything a training run needs to continue exactly where it stopped: the latest and the best
/// networks, the momentum buffers, the history and the position in the run.
///
/// Resuming from a state saved mid-epoch gives bit-identical weights to never having stopped
/// (on the same machine with the same `threads` setting: the worker team cuts each batch's
/// matrix products into one block per thread, each a single-threaded BLAS call, and the rounding
/// depends on the blocks' shapes and on the CPU's BLAS kernels): the epoch's shuffle is redrawn from the generator
/// state saved at the epoch's start, and the run skips the batches already done.
public struct TrainingState: Equatable, Sendable {
    /// The settings of the run.
    public var settings: TrainingSettings
    /// The network after the last step.
    public var latest: MLP
    /// The network to use: the one with the best validation accuracy after an epoch, or the
    /// latest after the last epoch with `settings.keep` = `.last` or without validation (the
    /// initial network before the first epoch ends).
    public var best: MLP
    /// Momentum buffers, shaped like `latest.parameters`.
    public var velocity: [Float]
    /// Statistics of every finished epoch.
    public var history: [EpochStatistics]
    /// Where the run stands.
    public var progress: TrainingProgress

    /// Whether every epoch is done.
    public var isFinished: Bool { progress.epochsDone >= settings.epochs }
}

/// The position of a training run and the running figures of its unfinished epoch.
public struct TrainingProgress: Codable, Equatable, Sendable {
    /// Epochs finished.
    public var epochsDone: Int = 0
    /// Batches finished in the current (unfinished) epoch.
    public var batchesDone: Int = 0
    /// The generator state at the start of the current epoch, before its shuffle.
    public var epochStartRandom: RandomState
    /// The epoch (from 1) whose network is `best`; 0 before the first epoch ends.
    public var bestEpoch: Int = 0
    /// Validation accuracy of `best`, the kept network (−1 before the first epoch ends or without
    /// validation).
    public var bestValidationAccuracy: Double = -1
    /// Loss summed over the current epoch's examples so far.
    public var epochLossSum: Double = 0
    /// Examples classified right in the current epoch so far.
    public var epochCorrect: Int = 0
    /// Training seconds spent in the current epoch so far.
    public var epochSeconds: Double = 0

    /// The position at the start of a run.
    public init(epochStartRandom: RandomState) {
        self.epochStartRandom = epochStartRandom
    }
}

/// What the per-batch callback receives.
public struct BatchProgress: Sendable {
    /// The epoch being trained, from 1.
    public var epoch: Int
    /// Batches of this epoch done.
    public var batchesDone: Int
    /// Batches in the epoch.
    public var batchCount: Int
    /// Mean loss over this epoch's examples so far.
    public var runningLoss: Double
}
