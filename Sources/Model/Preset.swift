/// The named recipes of `digits train --preset`: an architecture's hidden layers and the
/// training settings, chosen by measurement (README, "Distortions, presets and calibrated
/// confidence").
///
/// - `fast`, the default: 784-256-128-10; affine distortions (the peer's ranges), batch 128,
///   Nesterov SGD with momentum 0.9 and peak learning rate 0.1, 1.5 epochs of linear warm-up
///   then cosine decay, 18 epochs, the last 3 undistorted; the last epoch's network is kept.
///   (Measured, seeds 0–2, 20 epochs: 99.09% mean with affine distortions, 99.04% with elastic
///   ones on top: this small network gains nothing from them.)
/// - `accurate`: 784-800-800-10, the same schedule over 36 epochs, with elastic distortions,
///   the last 8 undistorted.
public enum Preset: String, CaseIterable, Codable, Sendable {
    /// 784-256-128-10, affine distortions, 18 epochs: the default (≥ 99.0% in seconds).
    case fast
    /// 784-800-800-10, elastic distortions, 36 epochs (target: ≥ 99.4% mean in ≤ 90 s).
    case accurate

    /// The hidden-layer widths, input side first.
    public var hiddenSizes: [Int] {
        switch self {
        case .fast: [256, 128]
        case .accurate: [800, 800]
        }
    }

    /// The training settings.
    public var settings: TrainingSettings {
        var s = TrainingSettings()
        s.epochs = self == .fast ? 18 : 36
        s.batchSize = 128
        s.learningRate = 0.1
        s.momentum = 0.9
        s.nesterov = true
        s.warmupEpochs = 1.5
        s.schedule = .cosine
        s.augmentation = Augmentation(kind: self == .fast ? .affine : .elastic)
        s.augmentation?.plainFinalEpochs = self == .fast ? 3 : 8
        s.keep = .last
        return s
    }
}
