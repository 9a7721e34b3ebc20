import Foundation

/// Every setting of a training run. The defaults are plain minibatch SGD on undistorted images:
/// batch 64, learning rate 0.05 and momentum 0.9, cosine decay over 10 epochs, seed 0, the last
/// 5,000 training examples held out for validation, 2 threads. `digits train`'s recipes
/// (distortions, Nesterov, warm-up) are the `Preset`s.
public struct TrainingSettings: Codable, Equatable, Sendable {
    /// Passes over the training examples.
    public var epochs: Int = 10
    /// Examples per minibatch (the last batch of an epoch may be smaller).
    public var batchSize: Int = 64
    /// Peak learning rate.
    public var learningRate: Float = 0.05
    /// Momentum μ (0 for plain SGD).
    public var momentum: Float = 0.9
    /// Nesterov momentum instead of classical.
    public var nesterov: Bool = false
    /// L2 weight decay added to the weights' gradient (never the biases').
    public var weightDecay: Float = 0
    /// How the learning rate changes over the run.
    public var schedule: LearningRateSchedule = .cosine
    /// Epochs of linear warm-up from lr/steps to lr, before the schedule (may be fractional).
    public var warmupEpochs: Double = 0
    /// Seed of the generator behind initialisation and shuffling.
    public var seed: UInt64 = 0
    /// Which network a run keeps as the one to use (nil, as in checkpoints written before it
    /// existed: `.best`).
    public var keep: KeptNetwork? = nil
    /// Training examples held out for validation: the LAST this many (0 for none).
    public var validationCount: Int = 5000
    /// Threads that share each training step (see `WorkerTeam`; BLAS runs on one thread inside
    /// each of them). Weights are bit-identical from run to run for the same count.
    public var threads: Int = 2
    /// Skip pixel columns that are zero in every image of a batch in the first layer's matrix
    /// products (same result up to rounding, a third less arithmetic on MNIST; used only when
    /// the input scaling maps 0 to 0).
    public var skipBlankInputs: Bool = true
    /// How each training image is distorted, anew every epoch (nil, as in checkpoints written
    /// before distortions existed: none). Needs square images.
    public var augmentation: Augmentation? = nil

    /// The default recipe.
    public init() {}

    /// The most epochs a run may have.
    public static let maximumEpochs = 100_000
    /// The largest batch accepted before the examples are known (2^20); with them, a batch is
    /// at most the number of examples trained on.
    public static let maximumBatchSize = 1 << 20
    /// The most threads a run may use (more than the cores only slows it down).
    public static let maximumThreads = 64

    /// Why these settings can never train, or nil if they can on enough examples: every
    /// setting's allowed range, in words. New settings add their checks here.
    public func problem() -> String? {
        if !(1...Self.maximumEpochs).contains(epochs) {
            return "epochs must be from 1 to \(Self.maximumEpochs), found \(epochs)"
        }
        if !(1...Self.maximumBatchSize).contains(batchSize) {
            return batchSize < 1
                ? "batch size must be at least 1, found \(batchSize)"
                : "batch size must be from 1 to \(Self.maximumBatchSize) (and at most the training images), found \(batchSize)"
        }
        if !(learningRate.isFinite && learningRate > 0) {
            return "learning rate must be positive, found \(learningRate)"
                + (learningRate == .infinity ? " (larger than a Float holds, about 3.4e38)" : "")
        }
        if !(momentum >= 0 && momentum < 1) { return "momentum must be in [0, 1), found \(momentum)" }
        if !(weightDecay.isFinite && weightDecay >= 0) {
            return "weight decay must be ≥ 0 and finite, found \(weightDecay)"
        }
        if !(warmupEpochs >= 0 && warmupEpochs <= Double(epochs)) {
            return "warm-up must be between 0 and \(epochs) epochs (the run's length), found \(warmupEpochs)"
        }
        if let problem = schedule.problem { return problem }
        if validationCount < 0 {
            return "validation count must be 0 or more (images held out), found \(validationCount)"
        }
        if !(1...Self.maximumThreads).contains(threads) {
            return "threads must be from 1 to \(Self.maximumThreads), found \(threads)"
        }
        if let problem = augmentation?.problem { return problem }
        if let n = augmentation?.plainFinalEpochs, n > epochs {
            return "plain final epochs must be at most the run's \(epochs) epochs, found \(n)"
        }
        return nil
    }

    /// Why these settings cannot train on `exampleCount` examples, or nil if they can: the
    /// checks of `problem()`, then at least one example trained on and a batch no larger than
    /// the examples trained on.
    public func problem(exampleCount: Int) -> String? {
        if let problem = problem() { return problem }
        if validationCount >= exampleCount {
            return
                "validation count must be from 0 to \(exampleCount - 1) (fewer than the \(exampleCount) training images), found \(validationCount)"
        }
        let trained = exampleCount - validationCount
        if batchSize > trained {
            return "batch size must be from 1 to \(trained) (the images trained on), found \(batchSize)"
        }
        return nil
    }
}

/// Which network a run keeps: its best by validation accuracy, or its last.
///
/// Picking the best epoch by validation suits a run whose learning rate stays up. A schedule
/// that anneals to 0 ends on its most trained network, and on 5,000 validation images two
/// networks 0.1 points apart cannot be told apart (one error is 0.02 points): there the best
/// epoch is mostly the luckiest one, and choosing it loses more on the test set than it
/// gains (README, "Distortions, presets and calibrated confidence").
public enum KeptNetwork: String, Codable, CaseIterable, Sendable {
    /// The network of the epoch with the highest validation accuracy.
    case best
    /// The network after the last epoch.
    case last
}

/// The learning rate over a run, as a factor of the peak rate.
public enum LearningRateSchedule: Codable, Equatable, Sendable {
    /// The peak rate throughout.
    case constant
    /// The rate times `factor` every `every` epochs: lr · factor^⌊epoch / every⌋.
    case step(every: Int, factor: Float)
    /// Cosine decay per step from the peak to 0 at the end of the run (after any warm-up):
    /// lr · ½(1 + cos(π · progress)), as the PyTorch peer's script does
    /// (`../shared/peers/train_quality.py`, beside the checkout, not in this repository).
    case cosine

    /// The epochs between decays of a step schedule when none are given (`digits train
    /// --schedule step` without `--step-every`).
    public static let defaultStepEvery = 3
    /// The factor of each decay of a step schedule when none is given (without `--step-factor`):
    /// a tenth, the classic step decay.
    public static let defaultStepFactor: Float = 0.1

    /// Why this schedule cannot be used, or nil.
    var problem: String? {
        if case .step(let every, let factor) = self, every < 1 || !(factor > 0 && factor.isFinite) {
            return "step schedule needs every ≥ 1 epoch and a finite factor > 0, found every \(every) factor \(factor)"
        }
        return nil
    }
}

extension TrainingSettings {
    /// The learning rate for the step that follows `stepsTaken` steps, with `stepsPerEpoch`
    /// steps per epoch: linear warm-up `(s + 1) / warm-up steps`, then the schedule.
    public func learningRate(afterSteps stepsTaken: Int, stepsPerEpoch: Int) -> Float {
        let total = stepsPerEpoch * epochs
        let warm = Int(warmupEpochs * Double(stepsPerEpoch))
        if stepsTaken < warm { return learningRate * Float(stepsTaken + 1) / Float(warm) }
        switch schedule {
        case .constant:
            return learningRate
        case .step(let every, let factor):
            let epoch = stepsTaken / max(1, stepsPerEpoch)
            return learningRate * pow(factor, Float(epoch / every))
        case .cosine:
            let progress = Double(stepsTaken - warm) / Double(max(1, total - warm))
            return learningRate * Float(0.5 * (1 + cos(Double.pi * progress)))
        }
    }
}
