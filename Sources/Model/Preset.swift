/// The named recipes of `digits train --preset`: an architecture's hidden layers and the
/// training settings, chosen by measurement (README, "Distortions and presets").
///
/// - `fast`, the default: 784-256-128-10 with the default `TrainingSettings()` (elastic
///   distortions, batch 128, Nesterov SGD, warm-up then cosine decay).
/// - `accurate`: 784-800-800-10, the same recipe over 30 epochs.
public enum Preset: String, CaseIterable, Codable, Sendable {
    case fast, accurate

    /// The hidden-layer widths, input side first.
    public var hiddenSizes: [Int] {
        switch self {
        case .fast: Architecture().hiddenSizes
        case .accurate: [800, 800]
        }
    }

    /// The training settings.
    public var settings: TrainingSettings {
        var s = TrainingSettings()
        if self == .accurate { s.epochs = 30 }
        return s
    }
}
