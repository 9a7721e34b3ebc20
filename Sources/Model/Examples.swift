/// Labelled examples as training and evaluation take them: raw pixels and class labels.
///
/// Model knows no files; the caller fills this from wherever the images come from (IDX files
/// for MNIST). `images` is `[count, width]` row-major bytes, `labels` `[count]`.
public struct Examples: Equatable, Sendable {
    /// `[count, width]` pixel values 0...255.
    public var images: [UInt8]
    /// `[count]` class labels.
    public var labels: [UInt8]
    /// Number of examples.
    public var count: Int { labels.count }
    /// Pixels per example.
    public var width: Int { labels.isEmpty ? 0 : images.count / labels.count }

    /// Examples from `images` `[labels.count, width]` and `labels`; the image count must be a
    /// whole multiple of the label count (checked by training as `TrainingError.badExamples`).
    public init(images: [UInt8], labels: [UInt8]) {
        self.images = images
        self.labels = labels
    }

    /// Examples `range` of these, e.g. the last 5,000 for validation.
    public func slice(_ range: Range<Int>) -> Examples {
        Examples(images: Array(images[(range.lowerBound * width)..<(range.upperBound * width)]),
                 labels: Array(labels[range]))
    }
}

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

/// Why training stopped or could not start.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    /// The architecture cannot be built.
    case badArchitecture(String)
    /// The settings are unusable for these examples.
    case badSettings(String)
    /// The examples do not fit the architecture.
    case badExamples(String)
    /// The activation has no gradient, so the network cannot be trained with it.
    case activationHasNoGradient(Activation)
    /// The loss became NaN or infinite; the state is the one before the batch.
    case nonFiniteLoss(epoch: Int, batch: Int)
    /// The resume state does not belong to these settings or examples.
    case badResumeState(String)

    public var description: String {
        switch self {
        case .badArchitecture(let why): return "cannot build the network: \(why)"
        case .badSettings(let why): return "bad training settings: \(why)"
        case .badExamples(let why): return "bad training examples: \(why)"
        case .activationHasNoGradient(let activation):
            return "cannot train with the \(activation.rawValue) activation: it has no gradient (its derivative is 0 almost everywhere); use it for inference only"
        case .nonFiniteLoss(let epoch, let batch):
            return "training diverged: the loss is not finite at epoch \(epoch), batch \(batch); try a lower learning rate (the state before that batch is kept)"
        case .badResumeState(let why): return "cannot resume training: \(why)"
        }
    }
}
