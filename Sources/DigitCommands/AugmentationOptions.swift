import ArgumentParser
import Model

/// The distortion kinds, spelled as on the command line.
extension Augmentation.Kind: ExpressibleByArgument {}

/// A training preset, spelled as on the command line.
extension Preset: ExpressibleByArgument {}

/// Which network a run keeps, spelled as on the command line.
extension KeptNetwork: ExpressibleByArgument {}

/// `--preset` and the distortion options of `digits train`. Options not given take the
/// preset's value (both presets distort with the PyTorch peer's ranges: `Augmentation()`).
struct AugmentationOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Recipe: fast (\(AugmentationOptions.describe(.fast))) or accurate (\(AugmentationOptions.describe(.accurate))). Options given explicitly override it.",
            valueName: "name"))
    var preset = Preset.fast

    @Option(
        help:
            "Distortions of the training images, new for every image every epoch: none, affine (rotation, scale, shear, shift), elastic (affine plus an elastic displacement field). Default: the preset's (fast: affine, accurate: elastic). Validation and test images are never distorted."
    )
    var augment: Augmentation.Kind?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Largest rotation, degrees (default \(Augmentation().rotationDegrees)).", valueName: "deg"))
    var rotation: Double?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Largest relative scale change: 0.12 scales by 0.88 to 1.12 (default \(Augmentation().scale)).",
            valueName: "x"))
    var scale: Double?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Largest horizontal shear (default \(Augmentation().shear)).", valueName: "x"))
    var shear: Double?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Largest shift along each axis, pixels (default \(Augmentation().shiftPixels)).", valueName: "px"))
    var shift: Double?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Largest elastic displacement along each axis, pixels (default \(Augmentation().elasticPixels)).",
            valueName: "px"))
    var elastic: Double?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Smoothness of the elastic field: σ of its Gaussian, pixels (default \(Augmentation().elasticSigma)).",
            valueName: "px"))
    var elasticSigma: Double?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Train the last this many epochs on the images as they are, so the network ends on the kind of images it is tested on (default: the preset's share of the run, fast \(AugmentationOptions.plainShare(.fast)), accurate \(AugmentationOptions.plainShare(.accurate)) epochs).",
            valueName: "n"))
    var plainFinalEpochs: Int?

    /// `settings` with the distortion options given here put in.
    func apply(to settings: TrainingSettings) -> TrainingSettings {
        var s = settings
        var a = s.augmentation ?? .none
        if let augment { a.kind = augment }
        if let rotation { a.rotationDegrees = rotation }
        if let scale { a.scale = scale }
        if let shear { a.shear = shear }
        if let shift { a.shiftPixels = shift }
        if let elastic { a.elasticPixels = elastic }
        if let elasticSigma { a.elasticSigma = elasticSigma }
        if let plainFinalEpochs { a.plainFinalEpochs = plainFinalEpochs }
        s.augmentation = a
        return s
    }

    func validate() throws {
        if let problem = apply(to: Preset.fast.settings).augmentation?.problem { throw ValidationError(problem) }
    }

    /// `3 of 18`: the preset's plain final epochs of its run, for --help.
    static func plainShare(_ preset: Preset) -> String {
        "\(preset.settings.augmentation?.plainFinalEpochs ?? 0) of \(preset.settings.epochs)"
    }

    /// What `preset` sets, for --help: `784-256-128-10, 20 epochs, batch 128, lr 0.1, …`.
    static func describe(_ preset: Preset) -> String {
        let s = preset.settings
        let sizes = ([784] + preset.hiddenSizes + [10]).map(String.init).joined(separator: "-")
        return
            "\(sizes), \(s.epochs) epochs, batch \(s.batchSize), \(s.nesterov ? "Nesterov " : "")lr \(s.learningRate) "
            + "momentum \(s.momentum), \(s.warmupEpochs) warm-up epochs then \(scheduleName(s.schedule)), "
            + "\(s.augmentation?.kind.rawValue ?? "no") distortions"
            + ((s.augmentation?.plainFinalEpochs ?? 0) > 0
                ? " but for the last \(s.augmentation?.plainFinalEpochs ?? 0) epochs" : "")
    }
}
