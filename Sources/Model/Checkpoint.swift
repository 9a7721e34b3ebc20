import Foundation

/// A training run saved as a safetensors file: the kept network, for inference (and for Python:
/// `safetensors.numpy.load_file`), plus everything needed to resume training exactly.
///
/// Tensors (all F32, row-major):
/// - `layers.{i}.weight` `[out, in]`, `layers.{i}.bias` `[out]`: the kept network (the last
///   epoch's, or the best by validation accuracy: `TrainingSettings.keep`), layer 0 on the input
///   side.
/// - `resume.layers.{i}.weight` / `.bias`: the network after the last step.
/// - `resume.momentum.{i}.weight` / `.bias`: the SGD momentum buffers.
///
/// Metadata (strings; JSON text where structured): `format` = `digits-mlp`, `format_version` =
/// `1`, `architecture` (input size, hidden sizes, classes, activation, leaky slope, loss),
/// `input_scaling` (`input = pixel · scale + offset`), `training` (every setting), `epochs_done`,
/// `best_epoch`, `validation_accuracy`, `history` (one object per epoch), `resume_state` (the
/// position in the run and the generator state), `temperature` (the kept network's softmax
/// temperature, fitted on the validation split after the last epoch; absent means 1).
public struct Checkpoint: Equatable, Sendable {
    /// The `format` metadata value of a digits checkpoint.
    public static let formatName = "digits-mlp"
    /// The format version written and read.
    public static let formatVersion = 1

    /// The saved run; `state.best` is the network to use.
    public var state: TrainingState

    /// Wraps a training state.
    public init(state: TrainingState) {
        self.state = state
    }

    /// Writes `state` to `path` atomically (temporary file, flush, rename): a crash leaves the
    /// previous file or the new one. Refuses a state with NaN or infinite parameters.
    public static func save(_ state: TrainingState, to path: String) throws(CheckpointError) {
        for (name, values) in [
            ("best", state.best.parameters), ("latest", state.latest.parameters),
            ("momentum", state.velocity),
        ]
        where !values.allSatisfy(\.isFinite) {
            throw .refusedToWrite(path: path, reason: "the \(name) parameters hold NaN or infinite values")
        }
        do {
            try Checkpoint(state: state).safeTensors().write(to: path)
        } catch {
            throw .file(error)
        }
    }

    /// Reads and validates the checkpoint at `path`.
    public static func load(from path: String) throws(CheckpointError) -> Checkpoint {
        let file: SafeTensors
        do {
            file = try SafeTensors(contentsOf: path)
        } catch {
            throw .file(error)
        }
        return try Checkpoint(file, path: path)
    }

    /// The checkpoint as named tensors and metadata.
    public func safeTensors() -> SafeTensors {
        var tensors: [SafeTensors.NamedTensor] = []
        for (prefix, values) in [
            ("layers", state.best.parameters), ("resume.layers", state.latest.parameters),
            ("resume.momentum", state.velocity),
        ] {
            for (i, layer) in state.best.layout.enumerated() {
                tensors.append(
                    .init(
                        name: "\(prefix).\(i).weight",
                        tensor: .init(
                            shape: [layer.outputs, layer.inputs], values: Array(values[layer.weightRange]))))
                tensors.append(
                    .init(
                        name: "\(prefix).\(i).bias",
                        tensor: .init(
                            shape: [layer.outputs], values: Array(values[layer.biasRange]))))
            }
        }
        let p = state.progress
        let metadata: [String: String] = [
            "format": Checkpoint.formatName,
            "format_version": String(Checkpoint.formatVersion),
            "architecture": jsonText(state.best.architecture),
            "input_scaling": jsonText(state.best.inputScaling),
            "training": jsonText(state.settings),
            "epochs_done": String(p.epochsDone),
            "best_epoch": String(p.bestEpoch),
            "validation_accuracy": String(p.bestValidationAccuracy),
            "history": jsonText(state.history),
            "resume_state": jsonText(p),
            "temperature": String(state.best.temperature),
        ]
        return SafeTensors(tensors: tensors, metadata: metadata)
    }

    /// Rebuilds a checkpoint from a decoded file, checking every part against the architecture.
    public init(_ file: SafeTensors, path: String) throws(CheckpointError) {
        let format = file.metadata["format"]
        guard format == Checkpoint.formatName else { throw .notACheckpoint(path: path, found: format) }
        let version = file.metadata["format_version"] ?? "(none)"
        guard version == String(Checkpoint.formatVersion) else {
            throw .unsupportedVersion(path: path, found: version)
        }
        let architecture: Architecture = try decodeMetadata(file, "architecture", path: path)
        if let problem = architecture.problem {
            throw .badMetadata(path: path, key: "architecture", reason: problem)
        }
        let scaling: InputScaling = try decodeMetadata(file, "input_scaling", path: path)
        guard scaling.scale.isFinite, scaling.offset.isFinite else {
            throw .badMetadata(path: path, key: "input_scaling", reason: "scale and offset must be finite")
        }
        let settings: TrainingSettings = try decodeMetadata(file, "training", path: path)
        let history: [EpochStatistics] = try decodeMetadata(file, "history", path: path)
        let progress: TrainingProgress = try decodeMetadata(file, "resume_state", path: path)

        // Every tensor the architecture needs is checked before the network is allocated: the
        // sizes come from the file's metadata, and only tensors the file really holds bound them.
        let tensors = Dictionary(file.tensors.map { ($0.name, $0.tensor) }, uniquingKeysWith: { first, _ in first })
        let sizes = architecture.layerSizes
        for prefix in ["layers", "resume.layers", "resume.momentum"] {
            for i in 0..<architecture.layerCount {
                for (kind, shape) in [("weight", [sizes[i + 1], sizes[i]]), ("bias", [sizes[i + 1]])] {
                    let name = "\(prefix).\(i).\(kind)"
                    guard let tensor = tensors[name] else {
                        throw .missingTensor(path: path, name: name, expectedShape: shape)
                    }
                    guard tensor.shape == shape, tensor.values.count == SafeTensors.elementCount(of: shape) else {
                        throw .shapeMismatch(path: path, name: name, expected: shape, found: tensor.shape)
                    }
                }
            }
        }

        var best = MLP(architecture: architecture, inputScaling: scaling)
        var latest = best
        if let text = file.metadata["temperature"] {
            guard let temperature = Float(text), temperature.isFinite, temperature > 0 else {
                throw .badMetadata(
                    path: path, key: "temperature",
                    reason: "expected a positive number, found \(jsonQuoted(String(text.prefix(40))))")
            }
            best.temperature = temperature
        }
        var velocity = best.parameters
        var expected = Set<String>()
        for (prefix, target) in [("layers", 0), ("resume.layers", 1), ("resume.momentum", 2)] {
            for (i, layer) in best.layout.enumerated() {
                for (kind, range) in [("weight", layer.weightRange), ("bias", layer.biasRange)] {
                    let name = "\(prefix).\(i).\(kind)"
                    expected.insert(name)
                    guard let tensor = tensors[name] else { continue }  // present, of this size: checked above
                    guard tensor.values.allSatisfy(\.isFinite) else {
                        throw .nonFiniteValue(path: path, name: name)
                    }
                    switch target {
                    case 0: best.parameters.replaceSubrange(range, with: tensor.values)
                    case 1: latest.parameters.replaceSubrange(range, with: tensor.values)
                    default: velocity.replaceSubrange(range, with: tensor.values)
                    }
                }
            }
        }
        if let extra = file.tensors.first(where: { !expected.contains($0.name) }) {
            throw .unexpectedTensor(path: path, name: extra.name)
        }
        if let problem = settings.problem() {
            throw .inconsistentState(path: path, reason: problem)
        }
        // The running figures are added to after every batch: they must be counts a run can reach.
        let (examplesSeen, overflow) = progress.batchesDone.multipliedReportingOverflow(by: settings.batchSize)
        guard progress.epochsDone >= 0, progress.epochsDone <= settings.epochs, progress.batchesDone >= 0,
            history.count == progress.epochsDone, !overflow, progress.epochCorrect >= 0,
            progress.epochCorrect <= examplesSeen
        else {
            throw .inconsistentState(
                path: path,
                reason: "\(progress.epochsDone) epochs done of \(settings.epochs), "
                    + "\(history.count) in the history, \(progress.batchesDone) batches into the next "
                    + "with \(progress.epochCorrect) examples right")
        }
        state = TrainingState(
            settings: settings, latest: latest, best: best, velocity: velocity, history: history,
            progress: progress)
    }
}

/// `value` as compact JSON text with sorted keys.
private func jsonText<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    guard let data = try? encoder.encode(value) else { return "null" }
    return String(decoding: data, as: UTF8.self)
}

/// Decodes the JSON metadata entry `key` of `file` as a `T`.
private func decodeMetadata<T: Decodable>(_ file: SafeTensors, _ key: String, path: String) throws(CheckpointError) -> T
{
    guard let text = file.metadata[key] else {
        throw .badMetadata(path: path, key: key, reason: "missing")
    }
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    do {
        return try decoder.decode(T.self, from: Data(text.utf8))
    } catch let DecodingError.keyNotFound(key2, _) {
        throw .badMetadata(
            path: path, key: key,
            reason: "no \(jsonQuoted(key2.stringValue)) in \(jsonQuoted(String(text.prefix(120))))")
    } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
        let at = context.codingPath.map(\.stringValue).joined(separator: ".")
        throw .badMetadata(path: path, key: key, reason: "wrong type at '\(at)'")
    } catch let DecodingError.dataCorrupted(context) {
        let at = context.codingPath.map(\.stringValue).joined(separator: ".")
        throw .badMetadata(path: path, key: key, reason: at.isEmpty ? "not valid JSON" : "bad value at '\(at)'")
    } catch {
        throw .badMetadata(path: path, key: key, reason: "does not decode")
    }
}
