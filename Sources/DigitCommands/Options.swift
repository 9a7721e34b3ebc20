import ArgumentParser
import FileIO
import IDX
import Model

/// `--data DIR`: where the data set in the MNIST layout is.
struct DataOptions: ParsableArguments {
    @Option(
        name: .customLong("data"),
        help: ArgumentHelp(
            "Directory of the data set in the MNIST layout (the four IDX files, .gz or not).",
            valueName: "dir"),
        completion: .directory)
    var directory = "data/mnist"

    func validate() throws {
        if directory.isEmpty { throw ValidationError("--data must name a directory, found an empty path") }
    }

    /// The files in the data directory: the inputs that no output may replace.
    var files: [String] {
        DirectoryListing.names(in: directory).map { PathParts(directory + "/x").sibling($0) }
    }

    /// Loads `split`, or fails with a hint on how to get the data when its files are missing.
    func load(_ split: MNISTSplit) throws -> MNISTDataset {
        let kind = FileType.of(directory)
        if kind != .directory && kind != .missing {
            throw CommandFailure(
                message:
                    "\(directory): is \(kind.phrase), expected the directory of a data set in the MNIST layout (--data)"
            )
        }
        let result = Result { () throws(IDXError) in try MNISTDataset(directory: directory, split: split) }
        guard case .failure(let error) = result else { return try result.get() }
        guard case .missingFiles(let directory, let split, let missing) = error else { throw error }
        let names = missing.map { "\($0)[.gz]" }.joined(separator: ", ")
        throw CommandFailure(
            message: "no \(split.rawValue) data in \(directory) (looked for \(names)); "
                + "fetch MNIST with `scripts/download-mnist.sh \(directory)`")
    }
}

/// `--model FILE`: the checkpoint to write or read.
struct ModelFileOption: ParsableArguments {
    @Option(
        name: .customLong("model"),
        help: ArgumentHelp("The checkpoint file (safetensors).", valueName: "file"),
        completion: .file(extensions: ["safetensors"]))
    var path = "models/mnist.safetensors"

    func validate() throws {
        if path.isEmpty { throw ValidationError("--model must name a file, found an empty path") }
    }

    /// The network the checkpoint keeps (its last epoch's or its best).
    func loadNetwork() throws -> MLP {
        try Checkpoint.load(from: path).state.best
    }
}

/// The hidden activation, spelled as on the command line.
enum ActivationChoice: String, ExpressibleByArgument, CaseIterable {
    case identity, sigmoid, tanh, relu
    case leakyReLU = "leaky-relu"
    case gelu, step

    var activation: Activation {
        switch self {
        case .identity: .identity
        case .sigmoid: .sigmoid
        case .tanh: .tanh
        case .relu: .relu
        case .leakyReLU: .leakyReLU
        case .gelu: .gelu
        case .step: .step
        }
    }
}

/// The loss, spelled as on the command line.
enum LossChoice: String, ExpressibleByArgument, CaseIterable {
    case crossEntropy = "cross-entropy"
    case mse

    var loss: Loss { self == .mse ? .meanSquaredError : .crossEntropy }
}

/// The learning-rate schedule, spelled as on the command line.
enum ScheduleChoice: String, ExpressibleByArgument, CaseIterable {
    case constant, step, cosine
}

/// The shape of the network: hidden layers, activation, loss.
struct NetworkOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Hidden-layer widths (1 to \(Architecture.maximumWidth), at most \(Architecture.maximumHiddenLayers) layers), comma-separated, or `none` for softmax regression (no hidden layer). Default: the preset's.",
            valueName: "widths"))
    var hidden: String?

    @Option(help: "Activation of the hidden layers.")
    var activation = ActivationChoice.relu

    @Option(parsing: .unconditional, help: ArgumentHelp("Slope of leaky-relu for negative inputs.", valueName: "x"))
    var leakySlope: Float = Architecture().leakySlope

    @Option(help: "Loss: softmax cross-entropy, or mean squared error of the softmax against one-hot targets.")
    var loss = LossChoice.crossEntropy

    /// The hidden widths parsed from `--hidden`, or the preset's.
    func hiddenSizes(_ preset: Preset) throws -> [Int] {
        guard let hidden else { return preset.hiddenSizes }
        let text = hidden.trimmingSpaces()
        if text.lowercased() == "none" || text.isEmpty { return [] }
        let limit = Architecture.maximumWidth
        let widths = try text.split(separator: ",", omittingEmptySubsequences: false).map { part in
            guard let width = Int(String(part).trimmingSpaces()), width > 0, width <= limit else {
                throw ValidationError(
                    "--hidden takes comma-separated widths from 1 to \(limit), or `none`; found '\(hidden)'")
            }
            return width
        }
        if widths.count > Architecture.maximumHiddenLayers {
            throw ValidationError(
                "--hidden takes at most \(Architecture.maximumHiddenLayers) hidden layers, found \(widths.count)")
        }
        return widths
    }

    func validate() throws {
        _ = try hiddenSizes(.fast)
        guard leakySlope.isFinite else { throw ValidationError("--leaky-slope must be a finite number") }
        if activation == .step {
            throw ValidationError("--activation step has no gradient, so it cannot be trained; choose another")
        }
    }

    /// The architecture for MNIST-shaped inputs (784 pixels, 10 classes), hidden layers from
    /// `--hidden` or the preset.
    func architecture(_ preset: Preset) throws -> Architecture {
        Architecture(
            inputSize: MNISTDataset.pixelsPerImage, hiddenSizes: try hiddenSizes(preset),
            classCount: MNISTDataset.classCount, activation: activation.activation,
            leakySlope: leakySlope, loss: loss.loss)
    }
}

/// The optimiser and the run: every `TrainingSettings` field but the distortions
/// (`AugmentationOptions`) and the blank-column skip (always on). An option not given takes the
/// preset's value (`--preset`, default `fast`).
struct RecipeOptions: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help:
            "Passes over the training images, 1 to \(TrainingSettings.maximumEpochs) (fast: \(Preset.fast.settings.epochs), accurate: \(Preset.accurate.settings.epochs))."
    )
    var epochs: Int?

    @Option(
        parsing: .unconditional,
        help: "Images per minibatch, at most the images trained on (default \(Preset.fast.settings.batchSize)).")
    var batchSize: Int?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Peak learning rate (default \(Preset.fast.settings.learningRate)).", valueName: "x"))
    var learningRate: Float?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Momentum, 0 for plain SGD (default \(Preset.fast.settings.momentum)).", valueName: "x"))
    var momentum: Float?

    @Flag(
        inversion: .prefixedNo,
        help: "Nesterov momentum instead of classical (default: \(Preset.fast.settings.nesterov ? "on" : "off")).")
    var nesterov: Bool?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "L2 weight decay on the weights, not the biases (default \(Preset.fast.settings.weightDecay)).",
            valueName: "x"))
    var weightDecay: Float?

    @Option(
        help:
            "Learning-rate schedule: constant; step (× --step-factor every --step-every epochs); cosine (to 0 over the run; the default)."
    )
    var schedule: ScheduleChoice?

    @Option(parsing: .unconditional, help: ArgumentHelp("With --schedule step: epochs between decays.", valueName: "n"))
    var stepEvery = LearningRateSchedule.defaultStepEvery

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("With --schedule step: the factor applied at each decay.", valueName: "x"))
    var stepFactor = LearningRateSchedule.defaultStepFactor

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Epochs of linear learning-rate warm-up, may be fractional (default \(Preset.fast.settings.warmupEpochs), at most 15% of --epochs).",
            valueName: "x"))
    var warmup: Double?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Training images held out (the last ones) to measure each epoch, fit the temperature and, with --keep best, pick the epoch; 0 for none (default \(Preset.fast.settings.validationCount)).",
            valueName: "n"))
    var validation: Int?

    @Option(
        help: ArgumentHelp(
            "Which network to keep: best (the epoch with the best validation accuracy) or last (the last epoch's, for a schedule that anneals to 0; default \((Preset.fast.settings.keep ?? .best).rawValue)).",
            valueName: "best|last"))
    var keep: KeptNetwork?

    @Option(
        parsing: .unconditional,
        help:
            "Seed of the initial weights, the shuffles and the distortions: the same seed gives the same checkpoint (default 0)."
    )
    var seed: UInt64?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Threads that share the training work, 1 to \(TrainingSettings.maximumThreads) (default \(TrainingSettings().threads); more than the cores only slows it).",
            valueName: "n"))
    var threads: Int?

    func validate() throws {
        if let problem = settings(.fast).problem() {
            throw ValidationError(problem)
        }
    }

    /// The preset's settings with every option given here put in.
    func settings(_ preset: Preset) -> TrainingSettings {
        var s = preset.settings
        if let epochs { s.epochs = epochs }
        if let batchSize { s.batchSize = batchSize }
        if let learningRate { s.learningRate = learningRate }
        if let momentum { s.momentum = momentum }
        if let nesterov { s.nesterov = nesterov }
        if let weightDecay { s.weightDecay = weightDecay }
        switch schedule {
        case nil: break
        case .constant: s.schedule = .constant
        case .cosine: s.schedule = .cosine
        case .step: s.schedule = .step(every: stepEvery, factor: stepFactor)
        }
        // The preset's warm-up, unless given, is at most 15% of the run (PyTorch's OneCycle).
        s.warmupEpochs = warmup ?? min(s.warmupEpochs, Double(s.epochs) * 0.15)
        // The preset's plain final epochs are for its own length: the same share of this run's
        // (`--plain-final-epochs`, if given, replaces them afterwards).
        if let n = s.augmentation?.plainFinalEpochs, s.epochs != preset.settings.epochs {
            let share = Double(n) / Double(max(1, preset.settings.epochs))
            s.augmentation?.plainFinalEpochs = min(s.epochs, Int((share * Double(s.epochs)).rounded()))
        }
        if let validation { s.validationCount = validation }
        if let keep { s.keep = keep }
        if let seed { s.seed = seed }
        if let threads { s.threads = threads }
        return s
    }
}

extension String {
    /// The string without leading and trailing spaces.
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
