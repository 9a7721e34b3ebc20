import Model

/// What a checkpoint says about itself, as (name, value) rows for people: the architecture, every
/// training setting, and how far the run went. `digits info` prints them; `digits report` puts
/// them in its settings table.
public func checkpointFacts(_ state: TrainingState, path: String) -> [(name: String, value: String)] {
    let a = state.best.architecture
    let s = state.settings
    let p = state.progress
    var rows: [(name: String, value: String)] = [
        ("checkpoint", path),
        ("layer sizes", a.sizesDescription + (a.hiddenSizes.isEmpty ? " (no hidden layer: softmax regression)" : "")),
        ("hidden activation", a.activation.rawValue + (a.activation == .leakyReLU ? " (slope \(a.leakySlope))" : "")),
        ("loss", a.loss.rawValue),
        ("parameters", Format.grouped(state.best.parameters.count)),
        ("input scaling", "pixel × \(state.best.inputScaling.scale) + \(state.best.inputScaling.offset)"),
        (
            "epochs",
            "\(p.epochsDone) of \(s.epochs) done"
                + (p.batchesDone > 0 ? ", and \(p.batchesDone) batches of the next (resumable)" : "")
        ),
        ("batch size", String(s.batchSize)),
        ("learning rate (peak)", "\(s.learningRate)"),
        ("momentum", "\(s.momentum)" + (s.nesterov ? " (Nesterov)" : " (classical)")),
        ("weight decay", "\(s.weightDecay)"),
        ("schedule", scheduleName(s.schedule)),
        ("warm-up epochs", "\(s.warmupEpochs)"),
        ("seed", String(s.seed)),
        ("validation images", Format.grouped(s.validationCount) + " (the last of the training split)"),
        ("threads", String(s.threads)),
        ("distortions", (s.augmentation ?? .none).summary),
        (
            "softmax temperature",
            Format.fixed(Double(state.best.temperature), 3)
                + (state.best.temperature == 1 ? " (not fitted)" : " (fitted on the validation images)")
        ),
    ]
    let kept = s.keep == .last ? "last epoch" : "best epoch"
    if p.bestEpoch > 0 { rows.append((kept, String(p.bestEpoch))) }
    if p.bestValidationAccuracy >= 0 {
        rows.append(("validation accuracy (\(kept))", Format.percent(p.bestValidationAccuracy)))
    }
    return rows
}

/// The schedule as the command line spells it, e.g. `cosine` or `step (×0.1 every 3 epochs)`.
public func scheduleName(_ schedule: LearningRateSchedule) -> String {
    switch schedule {
    case .constant: "constant"
    case .cosine: "cosine"
    case .step(let every, let factor): "step (×\(factor) every \(every) epochs)"
    }
}
