/// What training reports after each epoch: the record of one epoch in a run's history (kept in
/// the checkpoint, printed by `digits train`, drawn by the report's learning curves).
public struct EpochStatistics: Codable, Equatable, Sendable {
    /// The epoch, from 1.
    public var epoch: Int
    /// Mean training loss per example over the epoch's batches (as trained), in the run's loss
    /// (`Architecture.loss`: cross-entropy in nats, or the squared error).
    public var loss: Double
    /// Share, in [0, 1], of the epoch's training examples classified right, counted on the batches as they
    /// were trained (before each batch's update).
    public var trainAccuracy: Double
    /// Accuracy, in [0, 1], on the validation examples after the epoch (nil without validation).
    public var validationAccuracy: Double?
    /// Seconds spent on the epoch's batches (gathering and distorting each, forward, backward,
    /// update), without the shuffle and the validation.
    public var seconds: Double
    /// Training examples per second.
    public var samplesPerSecond: Double
    /// Learning rate of the epoch's last step.
    public var learningRate: Float

    /// A record from its fields (see the properties for units).
    public init(
        epoch: Int, loss: Double, trainAccuracy: Double, validationAccuracy: Double?, seconds: Double,
        samplesPerSecond: Double, learningRate: Float
    ) {
        self.epoch = epoch
        self.loss = loss
        self.trainAccuracy = trainAccuracy
        self.validationAccuracy = validationAccuracy
        self.seconds = seconds
        self.samplesPerSecond = samplesPerSecond
        self.learningRate = learningRate
    }
}
