import Foundation
import Testing
@testable import Model

/// `count` rows of random logits `[count, classes]` (deviation `spread`), and labels drawn from
/// softmax(logits / `truth`): a model whose calibrating temperature is `truth` by construction.
private func syntheticModel(count: Int, classes: Int = 10, spread: Double, truth: Double, seed: UInt64)
    -> (logits: [Float], labels: [UInt8])
{
    var random = RandomState(seed: seed)
    var logits = [Float](repeating: 0, count: count * classes)
    var labels = [UInt8](repeating: 0, count: count)
    for r in 0..<count {
        for k in 0..<classes { logits[r * classes + k] = Float(random.nextNormal() * spread) }
        let weights = (0..<classes).map { exp(Double(logits[r * classes + $0]) / truth) }
        var u = random.nextUniform() * weights.reduce(0, +)
        var label = classes - 1
        for k in 0..<classes {
            u -= weights[k]
            if u < 0 { label = k; break }
        }
        labels[r] = UInt8(label)
    }
    return (logits, labels)
}

@Test func aCalibratedModelKeepsTemperatureOne() {
    let (logits, labels) = syntheticModel(count: 20_000, spread: 3, truth: 1, seed: 1)
    let t = TemperatureFit.fit(logits: logits, labels: labels)
    #expect(abs(t - 1) < 0.05, "fitted \(t)")
}

@Test func anOverconfidentModelIsSoftenedAndItsNLLDrops() {
    let (logits, labels) = syntheticModel(count: 20_000, spread: 6, truth: 2.5, seed: 2)
    let t = TemperatureFit.fit(logits: logits, labels: labels)
    #expect(abs(t - 2.5) < 0.15, "fitted \(t)")
    let before = TemperatureFit.negativeLogLikelihood(logits: logits, labels: labels, temperature: 1)
    let after = TemperatureFit.negativeLogLikelihood(logits: logits, labels: labels, temperature: Double(t))
    #expect(after < before)
    // The fit is the minimum: a little either side is worse.
    for other in [Double(t) * 0.9, Double(t) * 1.1] {
        #expect(TemperatureFit.negativeLogLikelihood(logits: logits, labels: labels, temperature: other) > after)
    }
}

@Test func theExpectedCalibrationErrorWeighsEachBinsGap() {
    // Two images at confidence 0.95 (one right), two at 0.55 (both right), 2 classes.
    let probabilities: [Float] = [0.95, 0.05, 0.05, 0.95, 0.55, 0.45, 0.45, 0.55]
    let labels: [UInt8] = [0, 0, 0, 1]
    let bins = ReliabilityBins(probabilities: probabilities, labels: labels, classes: 2, bins: 10)
    #expect(bins.counts[9] == 2 && bins.counts[5] == 2 && bins.total == 4)
    #expect(abs(bins.accuracy[9] - 0.5) < 1e-12 && abs(bins.meanConfidence[5] - 0.55) < 1e-6)
    // ½ · |0.5 − 0.95| + ½ · |1 − 0.55| = 0.45
    #expect(abs(bins.expectedCalibrationError - 0.45) < 1e-6)
    #expect(ReliabilityBins(probabilities: [], labels: [], classes: 2).expectedCalibrationError == 0)
}

@Test func trainingFitsTheTemperatureAndPredictUsesIt() throws {
    var settings = TrainingSettings()
    settings.epochs = 3
    settings.batchSize = 16
    settings.validationCount = 60
    settings.seed = 4
    let examples = TestData.blobs(count: 300, width: 24, classes: 4, seed: 5)
    var trainer = try Trainer(
        architecture: Architecture(inputSize: 24, hiddenSizes: [12], classCount: 4), settings: settings,
        examples: examples)
    _ = try trainer.run()
    let network = trainer.state.best
    #expect(network.temperature != 1 && network.temperature > 0)
    let validation = examples.slice(240..<300)
    let logits = try network.logits(validation.images)
    #expect(network.temperature == TemperatureFit.fit(logits: logits, labels: validation.labels, classes: 4))
    let nll = { (t: Float) in
        TemperatureFit.negativeLogLikelihood(
            logits: logits, labels: validation.labels, classes: 4, temperature: Double(t))
    }
    #expect(nll(network.temperature) < nll(1))
    // predict is softmax(logits / T), and the checkpoint keeps T.
    let probabilities = try network.predict(validation.images)
    let row = (0..<4).map { exp(Double(logits[$0] / network.temperature)) }
    #expect(abs(Double(probabilities[0]) - row[0] / row.reduce(0, +)) < 1e-5)
    let saved = try Checkpoint(Checkpoint(state: trainer.state).safeTensors(), path: "memory")
    #expect(saved.state.best.temperature == network.temperature)
    #expect(saved.state.latest.temperature == 1)
}
