import Testing
@testable import Model

@Test func constantScheduleKeepsTheRate() {
    var settings = TrainingSettings()
    settings.schedule = .constant
    #expect(settings.learningRate(afterSteps: 0, stepsPerEpoch: 10) == 0.05)
    #expect(settings.learningRate(afterSteps: 99, stepsPerEpoch: 10) == 0.05)
}

@Test func cosineScheduleFallsToZero() {
    var settings = TrainingSettings()  // cosine over 10 epochs
    settings.learningRate = 1
    #expect(settings.learningRate(afterSteps: 0, stepsPerEpoch: 10) == 1)
    #expect(abs(settings.learningRate(afterSteps: 50, stepsPerEpoch: 10) - 0.5) < 1e-6)
    #expect(settings.learningRate(afterSteps: 100, stepsPerEpoch: 10) < 1e-6)
}

@Test func stepScheduleMultipliesEveryKEpochs() {
    var settings = TrainingSettings()
    settings.learningRate = 1
    settings.schedule = .step(every: 2, factor: 0.5)
    #expect(settings.learningRate(afterSteps: 19, stepsPerEpoch: 10) == 1)
    #expect(settings.learningRate(afterSteps: 20, stepsPerEpoch: 10) == 0.5)
    #expect(settings.learningRate(afterSteps: 45, stepsPerEpoch: 10) == 0.25)
}

@Test func warmUpRisesLinearlyThenFollowsTheSchedule() {
    var settings = TrainingSettings()
    settings.learningRate = 1
    settings.warmupEpochs = 1
    #expect(abs(settings.learningRate(afterSteps: 0, stepsPerEpoch: 10) - 0.1) < 1e-6)
    #expect(abs(settings.learningRate(afterSteps: 9, stepsPerEpoch: 10) - 1) < 1e-6)
    #expect(abs(settings.learningRate(afterSteps: 10, stepsPerEpoch: 10) - 1) < 1e-6)
    #expect(abs(settings.learningRate(afterSteps: 55, stepsPerEpoch: 10) - 0.5) < 1e-6)
}
