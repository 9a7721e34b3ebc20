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
    /// The run would need more memory than the machine has (`availableBytes`, physical).
    case doesNotFit(TrainingMemory, availableBytes: Int)

    public var description: String {
        switch self {
        case .badArchitecture(let why): return "cannot build the network: \(why)"
        case .badSettings(let why): return "bad training settings: \(why)"
        case .badExamples(let why): return "bad training examples: \(why)"
        case .activationHasNoGradient(let activation):
            return
                "cannot train with the \(activation.rawValue) activation: it has no gradient (its derivative is 0 almost everywhere); use it for inference only"
        case .nonFiniteLoss(let epoch, let batch):
            return
                "training diverged: the loss is not finite at epoch \(epoch), batch \(batch); try a lower learning rate (the state before that batch is kept)"
        case .badResumeState(let why): return "cannot resume training: \(why)"
        case .doesNotFit(let m, let available):
            let d = TrainingMemory.describe
            return
                "training would need about \(d(m.totalBytes)) of memory (\(TrainingMemory.describeCount(m.parameterCount)) parameters: "
                + "\(d(m.parameterBytes)); workspace \(d(m.workspaceBytes)); data \(d(m.dataBytes))), more than "
                + "this machine's \(d(available)); choose fewer or narrower hidden layers or a smaller batch"
        }
    }
}
