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

@Test func smallPredictionsReuseWorkspacesAndGiveTheAnswersOfAFreshOne() async throws {
    var random = RandomState(seed: 5)
    let architecture = Architecture(inputSize: 16, hiddenSizes: [8, 4], classCount: 3)
    let network = MLP(architecture: architecture, random: &random)
    let other = MLP(architecture: architecture, random: &random)
    let images = (0..<40).map { _ in (0..<16).map { _ in UInt8(random.nextInt(below: 256)) } }
    // The reference: all at once, a batch over `InferenceWorkspaces.capacity` with its own workspace.
    let batch = try network.predict(images.flatMap { $0 })
    let expected = (0..<images.count).map { Array(batch[($0 * 3)..<($0 * 3 + 3)]) }
    #expect(images.count > InferenceWorkspaces.capacity)
    // One at a time, again and again, with another network of the same shape in between.
    for (image, probabilities) in zip(images, expected) {
        _ = try other.predict(image)
        let single = try network.predict(image)
        #expect(zip(single, probabilities).allSatisfy { abs($0 - $1) < 1e-6 })
    }
    #expect(InferenceWorkspaces.shared.count <= InferenceWorkspaces.kept)
    // Many at once on every thread: each call has a workspace of its own.
    let answers = try await withThrowingTaskGroup(of: (Int, [Float]).self) { group in
        for _ in 0..<4 {
            for (i, image) in images.enumerated() {
                group.addTask { (i, try network.predict(image)) }
            }
        }
        var answers: [(Int, [Float])] = []
        for try await answer in group { answers.append(answer) }
        return answers
    }
    #expect(answers.count == 4 * images.count)
    #expect(answers.allSatisfy { i, p in zip(p, expected[i]).allSatisfy { abs($0 - $1) < 1e-6 } })
    #expect(InferenceWorkspaces.shared.count <= InferenceWorkspaces.kept)
}
