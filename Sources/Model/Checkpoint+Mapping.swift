import Foundation

// Checkpoint ⇄ SafeTensors: which tensors and metadata entries a checkpoint is made of, and the
// checks a file must pass to become a Checkpoint again.

/// The position of a run as stored in the `resume_state` metadata. The generator words are
/// decimal strings, since JSON readers (Python's included, via float) may round 64-bit integers.
struct ResumeStateJSON: Codable {
    var epochsDone: Int
    var batchesDone: Int
    var randomState: [String]
    var bestEpoch: Int
    var bestValidationAccuracy: Double
    var epochLossSum: Double
    var epochCorrect: Int
    var epochSeconds: Double
}

extension Checkpoint {
    static let formatName = "digits-mlp"
    static let formatVersion = "1"

    /// The checkpoint as named tensors and metadata; `path` only names the file in errors.
    func encoded(path: String) throws(CheckpointError) -> SafeTensors {
        var tensors: [SafeTensors.NamedTensor] = []
        func add(_ name: String, _ values: ArraySlice<Float>, _ shape: [Int]) {
            tensors.append(.init(name: name, tensor: .init(shape: shape, values: Array(values))))
        }
        func addLayers(_ parameters: [Float], weightName: (Int) -> String, biasName: (Int) -> String) {
            for (i, layer) in model.layout.enumerated() {
                add(weightName(i), parameters[layer.weightRange], [layer.outputs, layer.inputs])
                add(biasName(i), parameters[layer.biasRange], [layer.outputs])
            }
        }
        addLayers(model.parameters, weightName: { TensorName.weight($0) }, biasName: { TensorName.bias($0) })
        var metadata = [
            "format": Checkpoint.formatName,
            "format_version": Checkpoint.formatVersion,
            "epochs_done": String(history.count),
        ]
        if let validationAccuracy { metadata["validation_accuracy"] = String(validationAccuracy) }
        do {
            metadata["architecture"] = try json(model.architecture)
            metadata["input_scaling"] = try json(model.inputScaling)
            metadata["history"] = try json(history)
            if let settings { metadata["training"] = try json(settings) }
            if let resume {
                addLayers(resume.latestParameters,
                          weightName: { TensorName.weight($0, prefix: TensorName.resumePrefix) },
                          biasName: { TensorName.bias($0, prefix: TensorName.resumePrefix) })
                addLayers(resume.velocity, weightName: TensorName.momentumWeight, biasName: TensorName.momentumBias)
                let p = resume.progress
                metadata["epochs_done"] = String(p.epochsDone)
                metadata["resume_state"] = try json(ResumeStateJSON(
                    epochsDone: p.epochsDone, batchesDone: p.batchesDone,
                    randomState: p.epochStartRandom.state.map { String($0) }, bestEpoch: p.bestEpoch,
                    bestValidationAccuracy: p.bestValidationAccuracy, epochLossSum: p.epochLossSum,
                    epochCorrect: p.epochCorrect, epochSeconds: p.epochSeconds))
            }
        } catch {
            throw .encodingFailed(path: path, reason: "\(error)")
        }
        return SafeTensors(tensors: tensors, metadata: metadata)
    }

    /// A checkpoint from the tensors and metadata of the file at `path`, checked: format name
    /// and version, decodable metadata, and exactly the tensors the architecture demands.
    init(_ file: SafeTensors, path: String) throws(CheckpointError) {
        let metadata = file.metadata
        guard metadata["format"] == Checkpoint.formatName else {
            throw .wrongFormat(path: path, found: metadata["format"])
        }
        guard metadata["format_version"] == Checkpoint.formatVersion else {
            throw .unsupportedVersion(path: path, found: metadata["format_version"])
        }
        let architecture: Architecture = try decode(metadata, "architecture", path: path)
        if let problem = architecture.problem { throw .badArchitecture(path: path, reason: problem) }
        let scaling: InputScaling = try decode(metadata, "input_scaling", path: path)
        let settings: TrainingSettings? = metadata["training"] == nil
            ? nil : try decode(metadata, "training", path: path)
        let history: [EpochStatistics] = metadata["history"] == nil
            ? [] : try decode(metadata, "history", path: path)
        let resumeState: ResumeStateJSON? = metadata["resume_state"] == nil
            ? nil : try decode(metadata, "resume_state", path: path)

        let layout = LayerLayout.layout(of: architecture)
        var expected: Set<String> = []
        func parameters(weightName: (Int) -> String, biasName: (Int) -> String) throws(CheckpointError) -> [Float] {
            var values = [Float](repeating: 0, count: layout.last?.biasRange.upperBound ?? 0)
            for (i, layer) in layout.enumerated() {
                for (name, shape, range) in [
                    (weightName(i), [layer.outputs, layer.inputs], layer.weightRange),
                    (biasName(i), [layer.outputs], layer.biasRange),
                ] {
                    expected.insert(name)
                    guard let tensor = file[name] else { throw .missingTensor(path: path, name: name) }
                    guard tensor.shape == shape, tensor.values.count == range.count else {
                        throw .wrongShape(path: path, name: name, expected: shape, found: tensor.shape)
                    }
                    values.replaceSubrange(range, with: tensor.values)
                }
            }
            return values
        }
        let best = try parameters(weightName: { TensorName.weight($0) }, biasName: { TensorName.bias($0) })
        var resume: ResumeData?
        if let resumeState {
            let latest = try parameters(weightName: { TensorName.weight($0, prefix: TensorName.resumePrefix) },
                                        biasName: { TensorName.bias($0, prefix: TensorName.resumePrefix) })
            let velocity = try parameters(weightName: TensorName.momentumWeight, biasName: TensorName.momentumBias)
            let words = resumeState.randomState.compactMap { UInt64($0) }
            guard words.count == resumeState.randomState.count, let random = RandomState(state: words) else {
                throw .badMetadata(path: path, key: "resume_state",
                                   reason: "random_state must be four decimal UInt64 words, not all zero")
            }
            var progress = TrainingProgress(epochStartRandom: random)
            progress.epochsDone = resumeState.epochsDone
            progress.batchesDone = resumeState.batchesDone
            progress.bestEpoch = resumeState.bestEpoch
            progress.bestValidationAccuracy = resumeState.bestValidationAccuracy
            progress.epochLossSum = resumeState.epochLossSum
            progress.epochCorrect = resumeState.epochCorrect
            progress.epochSeconds = resumeState.epochSeconds
            resume = ResumeData(latestParameters: latest, velocity: velocity, progress: progress)
        }
        if let unknown = file.tensors.first(where: { !expected.contains($0.name) }) {
            throw .unknownTensor(path: path, name: unknown.name)
        }
        guard let model = MLP(architecture: architecture, inputScaling: scaling, parameters: best) else {
            throw .badArchitecture(path: path, reason: "parameter count does not fit")
        }
        self.model = model
        self.settings = settings
        self.history = history
        self.validationAccuracy = metadata["validation_accuracy"].flatMap(Double.init)
        self.resume = resume
    }
}

/// `value` as JSON text with sorted snake_case keys.
private func json<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// The metadata entry `key` decoded from JSON, or a `badMetadata` error naming it.
private func decode<T: Decodable>(_ metadata: [String: String], _ key: String, path: String) throws(CheckpointError) -> T {
    guard let text = metadata[key] else { throw .badMetadata(path: path, key: key, reason: "missing") }
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    do {
        return try decoder.decode(T.self, from: Data(text.utf8))
    } catch {
        throw .badMetadata(path: path, key: key, reason: "not the expected JSON (\(error))")
    }
}
