import ArgumentParser
import Model

/// `digits train --resume` continues a run with the settings stored in its checkpoint; options
/// given on the command line that contradict them are a usage error (exit 2) naming each one (an option
/// given with the stored value is fine, and `--threads` may change: it does not change the run).
extension Train {
    /// Throws a usage error (exit 2) listing every explicit option that differs from `state`.
    func checkResumeConflicts(_ state: TrainingState) throws {
        let given = explicitOptions()
        let stored = state.settings
        let options = recipe.settings(.fast)  // only explicit options are compared, so any preset fills the rest
        let a = state.latest.architecture
        var conflicts: [String] = []
        func check(_ option: String, _ differs: Bool, _ value: String, _ storedValue: String) {
            if given.contains(option) && differs {
                conflicts.append("--\(option)\(value.isEmpty ? "" : " " + value) (the run has \(storedValue))")
            }
        }
        let hidden = (try? network.hiddenSizes(.fast)) ?? []
        check(
            "hidden", hidden != a.hiddenSizes, network.hidden ?? "",
            a.hiddenSizes.isEmpty ? "none" : a.hiddenSizes.map(String.init).joined(separator: ","))
        check(
            "activation", network.activation.activation != a.activation, network.activation.rawValue,
            a.activation.rawValue)
        check("leaky-slope", network.leakySlope != a.leakySlope, "\(network.leakySlope)", "\(a.leakySlope)")
        check("loss", network.loss.loss != a.loss, network.loss.rawValue, a.loss.rawValue)
        check("batch-size", options.batchSize != stored.batchSize, "\(options.batchSize)", "\(stored.batchSize)")
        check(
            "learning-rate", options.learningRate != stored.learningRate, "\(options.learningRate)",
            "\(stored.learningRate)")
        check("momentum", options.momentum != stored.momentum, "\(options.momentum)", "\(stored.momentum)")
        check(
            "nesterov", options.nesterov != stored.nesterov, "",
            stored.nesterov ? "Nesterov momentum" : "classical momentum")
        check(
            "weight-decay", options.weightDecay != stored.weightDecay, "\(options.weightDecay)", "\(stored.weightDecay)"
        )
        check(
            "schedule", !sameScheduleKind(options.schedule, stored.schedule), recipe.schedule?.rawValue ?? "",
            scheduleName(stored.schedule))
        if case .step(let every, let factor) = stored.schedule {
            check("step-every", recipe.stepEvery != every, "\(recipe.stepEvery)", "\(every)")
            check("step-factor", recipe.stepFactor != factor, "\(recipe.stepFactor)", "\(factor)")
        }
        check(
            "warmup", options.warmupEpochs != stored.warmupEpochs, "\(options.warmupEpochs)", "\(stored.warmupEpochs)")
        check(
            "validation", options.validationCount != stored.validationCount, "\(options.validationCount)",
            "\(stored.validationCount)")
        check("seed", options.seed != stored.seed, "\(options.seed)", "\(stored.seed)")
        check(
            "keep", (options.keep ?? .best) != (stored.keep ?? .best), (options.keep ?? .best).rawValue,
            (stored.keep ?? .best).rawValue)
        // The distortion options, put onto the stored distortions: only the ones given can differ.
        let storedDistortions = stored.augmentation ?? .none
        let distortions = distortion.apply(to: stored).augmentation ?? .none
        check(
            "augment", distortions.kind != storedDistortions.kind, distortions.kind.rawValue,
            storedDistortions.kind.rawValue)
        for (option, value, storedValue) in [
            ("rotation", distortions.rotationDegrees, storedDistortions.rotationDegrees),
            ("scale", distortions.scale, storedDistortions.scale),
            ("shear", distortions.shear, storedDistortions.shear),
            ("shift", distortions.shiftPixels, storedDistortions.shiftPixels),
            ("elastic", distortions.elasticPixels, storedDistortions.elasticPixels),
            ("elastic-sigma", distortions.elasticSigma, storedDistortions.elasticSigma),
        ] {
            check(option, value != storedValue, "\(value)", "\(storedValue)")
        }
        let (plain, storedPlain) = (distortions.plainFinalEpochs ?? 0, storedDistortions.plainFinalEpochs ?? 0)
        check("plain-final-epochs", plain != storedPlain, "\(plain)", "\(storedPlain)")

        if given.contains("epochs") && options.epochs != stored.epochs {
            if state.isFinished && options.epochs > stored.epochs {
                throw CommandFailure(
                    message:
                        "\(model.path): the run finished its \(stored.epochs) epochs, and --resume cannot extend it to "
                        + "\(options.epochs): its learning-rate schedule (\(scheduleName(stored.schedule))) was laid out for "
                        + "\(stored.epochs) epochs; train a new run with --epochs \(options.epochs) (with another --model, or --overwrite)",
                    exitCode: 2)
            }
            conflicts.append("--epochs \(options.epochs) (the run has \(stored.epochs))")
        }
        guard conflicts.isEmpty else {
            throw CommandFailure(
                message:
                    "\(model.path): --resume continues the run with its stored settings, and these options contradict them: "
                    + conflicts.joined(separator: ", ") + "; drop them, or start a new run without --resume",
                exitCode: 2)
        }
    }

    /// Whether two schedules are of the same kind (their step parameters are checked apart).
    private func sameScheduleKind(_ a: LearningRateSchedule, _ b: LearningRateSchedule) -> Bool {
        switch (a, b) {
        case (.constant, .constant), (.cosine, .cosine), (.step, .step): true
        default: false
        }
    }
}

/// The long options spelled on the command line (`--epochs 3` and `--epochs=3` both give
/// `epochs`), up to a `--` that ends the options.
func explicitOptions(_ arguments: [String] = CommandLine.arguments) -> Set<String> {
    var names = Set<String>()
    for argument in arguments.dropFirst() {
        if argument == "--" { break }
        guard argument.hasPrefix("--") else { continue }
        names.insert(String(argument.dropFirst(2).prefix { $0 != "=" }))
    }
    return names
}
