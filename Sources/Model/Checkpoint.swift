import Foundation

/// A trained model and, optionally, everything needed to resume its training, as named tensors
/// and string metadata in a safetensors file (the file format itself is `SafeTensors`).
///
/// Tensors (all F32):
/// - `layers.{i}.weight` `[out, in]`, `layers.{i}.bias` `[out]`: the BEST network (what
///   inference and Python use);
/// - `resume.layers.{i}.weight` / `.bias`: the latest network; `resume.momentum.{i}.weight` /
///   `.bias`: the momentum buffers (only in checkpoints that can resume).
///
/// Metadata (strings; JSON with sorted snake_case keys where structured): `format` =
/// "digits-mlp", `format_version` = "1", `architecture`, `input_scaling`, `training` (the
/// settings), `epochs_done`, `validation_accuracy`, `history` (per-epoch statistics) and
/// `resume_state` (position in the run; the generator state as decimal strings).
///
///     try Checkpoint(state: trainer.state).save(to: "models/mnist.safetensors")
///     let model = try Checkpoint.load(from: "models/mnist.safetensors").model
public struct Checkpoint: Equatable, Sendable {
    /// The best network.
    public var model: MLP
    /// The settings it was trained with (nil if unknown).
    public var settings: TrainingSettings?
    /// Statistics of every finished epoch.
    public var history: [EpochStatistics]
    /// The best network's validation accuracy (nil if not measured).
    public var validationAccuracy: Double?
    /// What resuming needs beyond the best network (nil for a model-only checkpoint).
    public var resume: ResumeData?

    /// The latest network, momentum and position of a run.
    public struct ResumeData: Equatable, Sendable {
        /// The latest network's parameters, laid out as `MLP.parameters`.
        public var latestParameters: [Float]
        /// Momentum buffers, laid out as `MLP.parameters`.
        public var velocity: [Float]
        /// Where the run stands.
        public var progress: TrainingProgress
    }

    /// A checkpoint of a training run that can resume it.
    public init(state: TrainingState) {
        model = state.best
        settings = state.settings
        history = state.history
        validationAccuracy = state.progress.bestValidationAccuracy >= 0 ? state.progress.bestValidationAccuracy : nil
        resume = ResumeData(latestParameters: state.latest.parameters, velocity: state.velocity,
                            progress: state.progress)
    }

    /// A model-only checkpoint.
    public init(model: MLP, settings: TrainingSettings? = nil, history: [EpochStatistics] = [],
                validationAccuracy: Double? = nil) {
        self.model = model
        self.settings = settings
        self.history = history
        self.validationAccuracy = validationAccuracy
        resume = nil
    }

    /// The training state to resume from, if the checkpoint holds one.
    public var trainingState: TrainingState? {
        guard let resume, let settings,
              let latest = MLP(architecture: model.architecture, inputScaling: model.inputScaling,
                               parameters: resume.latestParameters)
        else { return nil }
        return TrainingState(settings: settings, latest: latest, best: model, velocity: resume.velocity,
                             history: history, progress: resume.progress)
    }

    /// Writes the checkpoint to `path` atomically.
    public func save(to path: String) throws(CheckpointError) {
        let file = try encoded(path: path)
        do { try file.write(to: path) } catch { throw .file(error) }
    }

    /// Reads and validates the checkpoint at `path`.
    public static func load(from path: String) throws(CheckpointError) -> Checkpoint {
        let file: SafeTensors
        do { file = try SafeTensors(contentsOf: path) } catch { throw .file(error) }
        return try Checkpoint(file, path: path)
    }
}

/// Names of the tensors of layer `i`.
enum TensorName {
    static func weight(_ i: Int, prefix: String = "") -> String { "\(prefix)layers.\(i).weight" }
    static func bias(_ i: Int, prefix: String = "") -> String { "\(prefix)layers.\(i).bias" }
    static let resumePrefix = "resume."
    static func momentumWeight(_ i: Int) -> String { "resume.momentum.\(i).weight" }
    static func momentumBias(_ i: Int) -> String { "resume.momentum.\(i).bias" }
}
