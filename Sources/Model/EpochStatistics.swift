/// What training reports after each epoch.
public struct EpochStatistics: Codable, Equatable, Sendable {
    /// The epoch, from 1.
    public var epoch: Int
    /// Mean training loss over the epoch's batches (as trained).
    public var loss: Double
    /// Share of the epoch's training examples classified right, counted on the batches as they
    /// were trained (before each batch's update).
    public var trainAccuracy: Double
    /// Accuracy on the validation examples after the epoch (nil without validation).
    public var validationAccuracy: Double?
    /// Seconds spent training in the epoch (shuffle, gather, forward, backward, update), without
    /// validation.
    public var seconds: Double
    /// Training examples per second.
    public var samplesPerSecond: Double
    /// Learning rate of the epoch's last step.
    public var learningRate: Float
}
