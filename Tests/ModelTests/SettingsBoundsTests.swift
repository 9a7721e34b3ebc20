import Foundation
import Testing
@testable import Model

/// The bounds of every setting, the memory estimate and the saved generator state: checked in the
/// model itself, whatever calls it.
@Suite struct SettingsBoundsTests {
    @Test func everySettingHasARange() {
        var s = TrainingSettings()
        #expect(s.problem() == nil)
        s.epochs = .max
        #expect(s.problem() == "epochs must be from 1 to 100000, found 9223372036854775807")
        s = TrainingSettings()
        s.batchSize = .max
        #expect(s.problem()?.hasPrefix("batch size must be from 1 to 1048576") == true)
        s = TrainingSettings()
        s.threads = 1000
        #expect(s.problem() == "threads must be from 1 to 64, found 1000")
        s = TrainingSettings()
        s.validationCount = -1
        #expect(s.problem() == "validation count must be 0 or more (images held out), found -1")
        s = TrainingSettings()
        s.learningRate = .infinity
        #expect(s.problem()?.contains("larger than a Float holds") == true)
        // With the examples known: the batch is at most the examples trained on.
        s = TrainingSettings()
        s.batchSize = 1000
        s.validationCount = 100
        #expect(s.problem(exampleCount: 600) == "batch size must be from 1 to 500 (the images trained on), found 1000")
        #expect(s.problem(exampleCount: 100)?.hasPrefix("validation count must be from 0 to 99") == true)
    }

    @Test func architectureSizesAreBounded() {
        #expect(
            Architecture(hiddenSizes: Array(repeating: 1, count: 65)).problem == "at most 64 hidden layers, found 65")
        #expect(
            Architecture(hiddenSizes: [65_537]).problem?.hasPrefix("hidden layer widths must be from 1 to 65536")
                == true)
        #expect(Architecture(inputSize: 6_000_000_000).problem?.hasPrefix("input size must be from 1 to 65536") == true)
    }

    @Test func memoryEstimateCountsEveryBufferAndNeverOverflows() {
        let small = TrainingMemory(
            architecture: Architecture(hiddenSizes: [256, 128]), batchSize: 64, exampleCount: 60_000)
        #expect(small.parameterCount == 784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10)
        #expect(small.parameterBytes == small.parameterCount * 4 * 9)
        #expect(small.dataBytes == 60_000 * (784 + 5))
        #expect(small.totalBytes < 100_000_000)
        let huge = TrainingMemory(
            architecture: Architecture(hiddenSizes: Array(repeating: 65_536, count: 64)), batchSize: .max,
            exampleCount: .max)
        #expect(huge.totalBytes == .max)
        #expect(TrainingMemory.describe(1_500_000_000) == "1.5 GB")
        #expect(TrainingMemory.describeCount(4_347_133_962) == "4.3 billion")
    }

    @Test func trainerRefusesARunThatCannotFit() throws {
        let examples = Examples(images: [UInt8](repeating: 0, count: 784 * 2), labels: [0, 1])
        var settings = TrainingSettings()
        settings.batchSize = 1
        settings.validationCount = 0
        #expect {
            try Trainer(
                architecture: Architecture(hiddenSizes: [65_536, 65_536]), settings: settings, examples: examples)
        } throws: { error in
            guard case TrainingError.doesNotFit(let estimate, _)? = error as? TrainingError else { return false }
            return estimate.parameterCount > 4_000_000_000
        }
    }

    @Test func allZeroGeneratorStateDoesNotDecode() throws {
        let zero = Data(#"{"state":[0,0,0,0]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RandomState.self, from: zero) }
        let short = Data(#"{"state":[1,2,3]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RandomState.self, from: short) }
        let saved = try JSONEncoder().encode(RandomState(seed: 7))
        #expect(try JSONDecoder().decode(RandomState.self, from: saved) == RandomState(seed: 7))
    }
}
