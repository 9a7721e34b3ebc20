import Testing
@testable import Model

/// XNOR: (0,0) → 1, (1,1) → 1, (0,1) → 0, (1,0) → 0; not linearly separable.
private let xnor = Examples(images: [0, 0, 255, 255, 0, 255, 255, 0], labels: [1, 1, 0, 0])

private func xnorSettings() -> TrainingSettings {
    var settings = TrainingSettings()
    settings.epochs = 400
    settings.batchSize = 4
    settings.learningRate = 0.1
    settings.validationCount = 0
    settings.threads = 1
    settings.seed = 3
    return settings
}

@Test func oneHiddenLayerLearnsXNOR() throws {
    let architecture = Architecture(inputSize: 2, hiddenSizes: [8], classCount: 2, activation: .tanh)
    var trainer = try Trainer(architecture: architecture, settings: xnorSettings(), examples: xnor)
    #expect(try trainer.run())
    #expect(trainer.state.best.accuracy(on: xnor) == 1)
    let labels = try trainer.state.best.classify(xnor.images).map(\.label)
    #expect(labels == [1, 1, 0, 0])
}

@Test func noHiddenLayerCannotLearnXNOR() throws {
    let architecture = Architecture(inputSize: 2, hiddenSizes: [], classCount: 2)
    var trainer = try Trainer(architecture: architecture, settings: xnorSettings(), examples: xnor)
    _ = try trainer.run()
    #expect(trainer.state.latest.accuracy(on: xnor) <= 0.75)
}

@Test func stepActivationIsRefusedForTraining() {
    let architecture = Architecture(inputSize: 2, hiddenSizes: [4], classCount: 2, activation: .step)
    #expect(throws: TrainingError.activationHasNoGradient(.step)) {
        _ = try Trainer(architecture: architecture, settings: xnorSettings(), examples: xnor)
    }
    #expect(TrainingError.activationHasNoGradient(.step).description.contains("no gradient"))
}

@Test func stepActivationStillPredicts() throws {
    let architecture = Architecture(inputSize: 2, hiddenSizes: [4], classCount: 2, activation: .step)
    var random = RandomState(seed: 1)
    let network = MLP(architecture: architecture, random: &random)
    let probabilities = try network.predict(xnor.images)
    #expect(probabilities.count == 8)
    #expect(probabilities.allSatisfy { $0 >= 0 && $0 <= 1 })
}

private func smallRun(epochs: Int = 3, nesterov: Bool = false) -> (Architecture, TrainingSettings, Examples) {
    var settings = TrainingSettings()
    settings.epochs = epochs
    settings.batchSize = 16
    settings.validationCount = 40
    settings.threads = 2
    settings.nesterov = nesterov
    settings.weightDecay = nesterov ? 1e-3 : 0
    settings.seed = 21
    let architecture = Architecture(inputSize: 24, hiddenSizes: [12, 8], classCount: 4)
    return (architecture, settings, TestData.blobs(count: 250, width: 24, classes: 4, seed: 5))
}

@Test func sameSeedGivesIdenticalWeights() throws {
    let (architecture, settings, examples) = smallRun()
    var a = try Trainer(architecture: architecture, settings: settings, examples: examples)
    var b = try Trainer(architecture: architecture, settings: settings, examples: examples)
    #expect(a.state.latest.parameters == b.state.latest.parameters)
    _ = try a.run()
    _ = try b.run()
    #expect(a.state.latest.parameters == b.state.latest.parameters)
    #expect(a.state.best.parameters == b.state.best.parameters)
    var other = settings
    other.seed = 22
    let c = try Trainer(architecture: architecture, settings: other, examples: examples)
    #expect(c.state.latest.parameters != a.state.latest.parameters)
}

@Test(arguments: [false, true])
func resumingMidEpochGivesIdenticalWeights(nesterov: Bool) throws {
    let (architecture, settings, examples) = smallRun(nesterov: nesterov)
    var whole = try Trainer(architecture: architecture, settings: settings, examples: examples)
    #expect(try whole.run())

    // Stop after the 5th batch of epoch 2 (batch 18 of the run: 14 batches per epoch), then
    // again at the end of epoch 2, resuming from the saved state each time.
    var parts = try Trainer(architecture: architecture, settings: settings, examples: examples)
    var batches = 0
    #expect(try parts.run(progress: { _ in batches += 1 }, shouldStop: { batches == 19 }) == false)
    #expect(parts.state.progress.epochsDone == 1 && parts.state.progress.batchesDone == 5)
    var resumed = try Trainer(resuming: parts.state, examples: examples)
    var epochs = 0
    #expect(try resumed.run(epochEnd: { _ in epochs += 1 }, shouldStop: { epochs == 1 }) == false)
    resumed = try Trainer(resuming: resumed.state, examples: examples)
    #expect(try resumed.run())

    #expect(resumed.state.latest.parameters == whole.state.latest.parameters)
    #expect(resumed.state.best.parameters == whole.state.best.parameters)
    #expect(resumed.state.velocity == whole.state.velocity)
    #expect(resumed.state.history.map(\.loss) == whole.state.history.map(\.loss))
    #expect(resumed.state.history.map(\.validationAccuracy) == whole.state.history.map(\.validationAccuracy))
}

@Test func trainingLearnsAndKeepsTheBestNetwork() throws {
    let (architecture, settings, examples) = smallRun(epochs: 4)
    var trainer = try Trainer(architecture: architecture, settings: settings, examples: examples)
    var reported: [EpochStatistics] = []
    _ = try trainer.run(epochEnd: { reported.append($0) })
    #expect(reported.count == 4 && reported == trainer.state.history)
    let state = trainer.state
    let best = try #require(state.history.compactMap(\.validationAccuracy).max())
    #expect(best > 0.9)
    #expect(state.progress.bestValidationAccuracy == best)
    #expect(state.best.accuracy(on: examples.slice(210..<250)) == best)
}

@Test func keepingTheLastNetworkKeepsTheLastEpochsWeights() throws {
    var (architecture, settings, examples) = smallRun(epochs: 4)
    settings.keep = .last
    var trainer = try Trainer(architecture: architecture, settings: settings, examples: examples)
    _ = try trainer.run()
    let state = trainer.state
    #expect(state.best.parameters == state.latest.parameters)
    #expect(state.progress.bestEpoch == 4)
    #expect(state.progress.bestValidationAccuracy == state.history.last?.validationAccuracy)
    // The same run keeping the best: the same training, only the choice differs.
    settings.keep = .best
    var best = try Trainer(architecture: architecture, settings: settings, examples: examples)
    _ = try best.run()
    #expect(best.state.latest.parameters == state.latest.parameters)
    #expect(best.state.progress.bestValidationAccuracy == state.history.compactMap(\.validationAccuracy).max())
}

@Test func divergenceStopsWithTheLastGoodState() throws {
    var (architecture, settings, examples) = smallRun()
    settings.learningRate = 1e30
    settings.schedule = .constant
    var trainer = try Trainer(architecture: architecture, settings: settings, examples: examples)
    var caught: TrainingError?
    do { _ = try trainer.run() } catch { caught = error }
    guard case .nonFiniteLoss = caught else {
        Issue.record("expected a non-finite loss, got \(String(describing: caught))")
        return
    }
    #expect(trainer.state.latest.parameters.allSatisfy { $0.isFinite })
}

@Test func settingsProblemsAreReported() {
    var settings = TrainingSettings()
    settings.batchSize = 0
    #expect(throws: TrainingError.self) {
        _ = try Trainer(
            architecture: Architecture(inputSize: 2, hiddenSizes: [], classCount: 2),
            settings: settings, examples: xnor)
    }
    #expect(throws: TrainingError.self) {
        _ = try Trainer(
            architecture: Architecture(inputSize: 3, hiddenSizes: [], classCount: 2),
            settings: xnorSettings(), examples: xnor)
    }
}
