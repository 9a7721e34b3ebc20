import Testing
@testable import Model

@Test func pixelsAndScaledInputsGiveTheSameProbabilities() throws {
    var random = RandomState(seed: 12)
    let network = MLP(architecture: Architecture(inputSize: 16, hiddenSizes: [8], classCount: 3), random: &random)
    // More examples than one inference batch, to cross a batch boundary.
    let count = MLP.inferenceBatch + 7
    let pixels = (0..<(count * 16)).map { _ in UInt8(random.nextInt(below: 256)) }
    let fromPixels = try network.predict(pixels)
    let fromScaled = try network.predict(scaled: pixels.map { Float($0) * (1 / 255) })
    #expect(fromPixels.count == count * 3)
    #expect(zip(fromPixels, fromScaled).allSatisfy { abs($0 - $1) < 1e-6 })
    for r in 0..<count {
        let sum = fromPixels[(r * 3)..<(r * 3 + 3)].reduce(0, +)
        #expect(abs(sum - 1) < 1e-5)
    }
    let classified = try network.classify(Array(pixels[0..<32]))
    #expect(classified.count == 2)
    let first = Array(fromPixels[0..<3])
    #expect(classified[0].probabilities == first)
    #expect(first[classified[0].label] == first.max())
}

@Test func inputOfTheWrongSizeIsRefused() {
    var random = RandomState(seed: 1)
    let network = MLP(architecture: Architecture(inputSize: 4, hiddenSizes: [], classCount: 2), random: &random)
    #expect(throws: InferenceError.badInputSize(expectedMultipleOf: 4, found: 6)) {
        _ = try network.predict([UInt8](repeating: 0, count: 6))
    }
    #expect((try? network.predict([])) == [])
}
