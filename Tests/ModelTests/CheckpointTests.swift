import Foundation
import Testing
@testable import Model

private func temporaryPath(_ name: String) -> String {
    let directory = FileManager.default.temporaryDirectory.path + "/digits-model-tests-\(getpid())"
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    return directory + "/" + name
}

private func smallTrainer(epochs: Int = 3) throws -> Trainer {
    var settings = TrainingSettings()
    settings.epochs = epochs
    settings.batchSize = 16
    settings.validationCount = 40
    settings.schedule = .step(every: 1, factor: 0.5)
    settings.seed = 8
    let architecture = Architecture(
        inputSize: 24, hiddenSizes: [12, 8], classCount: 4, activation: .leakyReLU,
        leakySlope: 0.05)
    return try Trainer(
        architecture: architecture, settings: settings,
        examples: TestData.blobs(count: 250, width: 24, classes: 4, seed: 5))
}

@Test func checkpointRoundTripsAndResumesIdentically() throws {
    var whole = try smallTrainer()
    #expect(try whole.run())

    var part = try smallTrainer()
    var batches = 0
    #expect(try part.run(progress: { _ in batches += 1 }, shouldStop: { batches == 20 }) == false)
    let path = temporaryPath("resume.safetensors")
    try Checkpoint.save(part.state, to: path)
    let loaded = try Checkpoint.load(from: path)
    #expect(loaded == Checkpoint(state: part.state))
    let state = loaded.state
    #expect(state == part.state)

    var resumed = try Trainer(resuming: state, examples: part.examples)
    #expect(try resumed.run())
    #expect(resumed.state.latest.parameters == whole.state.latest.parameters)
    #expect(resumed.state.best.parameters == whole.state.best.parameters)

    // The inference tensors are the best network, under the plain names.
    let file = try SafeTensors(contentsOf: path)
    #expect(file["layers.0.weight"]?.shape == [12, 24])
    #expect(file["layers.2.bias"]?.values == Array(part.state.best.bias(2)))
    #expect(file.metadata["format"] == "digits-mlp")
    #expect(file.metadata["resume_state"]?.contains("\"epochStartRandom\"") == true)
}

@Test func savingRefusesNonFiniteParametersAndKeepsTheOldFile() throws {
    var trainer = try smallTrainer(epochs: 1)
    _ = try trainer.run()
    let path = temporaryPath("finite.safetensors")
    try Checkpoint.save(trainer.state, to: path)
    let before = try SafeTensors(contentsOf: path)
    var state = trainer.state
    state.latest.parameters[3] = .nan
    #expect(
        throws: CheckpointError.refusedToWrite(
            path: path, reason: "the latest parameters hold NaN or infinite values")
    ) {
        try Checkpoint.save(state, to: path)
    }
    #expect(try SafeTensors(contentsOf: path) == before)
}

/// The encoded tensors of a small trained checkpoint, to damage.
private func goodFile() throws -> SafeTensors {
    var trainer = try smallTrainer(epochs: 1)
    _ = try trainer.run()
    return Checkpoint(state: trainer.state).safeTensors()
}

private func loadError(_ file: SafeTensors) -> CheckpointError? {
    do { _ = try Checkpoint(file, path: "x.safetensors"); return nil } catch { return error }
}

@Test func checkpointRefusesWrongShape() throws {
    var file = try goodFile()
    let i = try #require(file.tensors.firstIndex { $0.name == "layers.1.weight" })
    file.tensors[i].tensor = .init(shape: [12, 8], values: file.tensors[i].tensor.values)
    #expect(
        loadError(file)
            == .shapeMismatch(path: "x.safetensors", name: "layers.1.weight", expected: [8, 12], found: [12, 8]))
}

@Test func checkpointRefusesMissingTensor() throws {
    var file = try goodFile()
    file.tensors.removeAll { $0.name == "resume.momentum.0.bias" }
    #expect(
        loadError(file) == .missingTensor(path: "x.safetensors", name: "resume.momentum.0.bias", expectedShape: [12]))
}

@Test func checkpointRefusesUnknownTensor() throws {
    var file = try goodFile()
    file.tensors.append(.init(name: "layers.9.weight", tensor: .init(shape: [1], values: [0])))
    #expect(loadError(file) == .unexpectedTensor(path: "x.safetensors", name: "layers.9.weight"))
}

@Test func checkpointRefusesTensorsOfAnotherArchitecture() throws {
    var file = try goodFile()
    file.metadata["architecture"] = file.metadata["architecture"]?.replacingOccurrences(
        of: "\"hiddenSizes\":[12,8]", with: "\"hiddenSizes\":[12,9]")
    let error = loadError(file)
    #expect(
        error == .shapeMismatch(path: "x.safetensors", name: "layers.1.weight", expected: [9, 12], found: [8, 12]))
    #expect(error?.description.hasPrefix("x.safetensors: ") == true)
}

@Test func checkpointRefusesOtherFormatsAndVersions() throws {
    var file = try goodFile()
    file.metadata["format_version"] = "2"
    #expect(loadError(file) == .unsupportedVersion(path: "x.safetensors", found: "2"))
    file.metadata["format"] = nil
    #expect(loadError(file) == .notACheckpoint(path: "x.safetensors", found: nil))
    var bad = try goodFile()
    bad.metadata["architecture"] = "{not json"
    guard case .badMetadata(_, "architecture", _) = loadError(bad) else {
        Issue.record("expected bad architecture metadata")
        return
    }
}

@Test func loadingAMissingFileNamesIt() {
    #expect(throws: CheckpointError.self) { _ = try Checkpoint.load(from: "/nonexistent/model.safetensors") }
    do { _ = try Checkpoint.load(from: "/nonexistent/model.safetensors") } catch {
        #expect(error.description.contains("/nonexistent/model.safetensors"))
    }
}

@Test func textFromTheFileCannotBreakTheOneLineMessage() throws {
    var file = try goodFile()
    file.metadata["format"] = "evil\nsecond line\u{1B}[2J"
    let message = try #require(loadError(file)).description
    #expect(!message.contains("\n") && !message.contains("\u{1B}"))
    #expect(message.contains(#""evil\nsecond line\u001b[2J""#))
    file.metadata["format"] = "digits-mlp"
    file.metadata["format_version"] = "7"
    #expect(try #require(loadError(file)).description.contains("format version 7,"))
}
