import Testing
@testable import Model

// The hand-written backward pass against central finite differences of the Float64 reference
// loss, for every trainable activation and both losses, with the first layer dense and sparse
// (blank pixel columns skipped).

@Test(arguments: Activation.allCases.filter(\.isTrainable), Loss.allCases)
func backwardMatchesFiniteDifferences(activation: Activation, loss: Loss) {
    let architecture = Architecture(
        inputSize: 6, hiddenSizes: [5, 4], classCount: 3, activation: activation,
        leakySlope: 0.1, loss: loss)
    let network = testNetwork(architecture, seed: 11)
    let rows = 4
    // Columns 1 and 4 are blank in every row, so the sparse path has columns to skip.
    var inputs = TestData.uniform(rows * 6, seed: 5)
    for r in 0..<rows { inputs[r * 6 + 1] = 0; inputs[r * 6 + 4] = 0 }
    let labels: [UInt8] = [0, 2, 1, 2]

    let parameters = network.parameters.map(Double.init)
    let x = inputs.map(Double.init)
    let epsilon = 1e-5
    var numeric = [Double](repeating: 0, count: parameters.count)
    for i in parameters.indices {
        var plus = parameters
        plus[i] += epsilon
        var minus = parameters
        minus[i] -= epsilon
        numeric[i] =
            (referenceLoss(architecture: architecture, parameters: plus, inputs: x, labels: labels)
                - referenceLoss(architecture: architecture, parameters: minus, inputs: x, labels: labels))
            / (2 * epsilon)
    }
    // One thread, and two (each takes half of the examples, then half of each layer's neurons).
    for threads in [1, 2] {
        for (sparse, perImage) in [(false, false), (true, false), (true, true)] {
            let analytic = fastGradient(
                network, inputs: inputs, labels: labels, threads: threads, sparse: sparse, perImage: perImage
            ).map(Double.init)
            let error = largestRelativeError(analytic, numeric)
            #expect(
                error < 1e-3,
                "\(activation) \(loss), \(threads) threads, sparse \(sparse) per image \(perImage): largest relative error \(error)"
            )
        }
    }
}

@Test func noHiddenLayerGradientMatches() {
    let architecture = Architecture(inputSize: 5, hiddenSizes: [], classCount: 4)
    var random = RandomState(seed: 2)
    let network = MLP(architecture: architecture, random: &random)
    let inputs = TestData.uniform(3 * 5, seed: 8)
    let labels: [UInt8] = [3, 0, 1]
    let analytic = fastGradient(network, inputs: inputs, labels: labels).map(Double.init)
    let parameters = network.parameters.map(Double.init)
    let numeric = parameters.indices.map { i -> Double in
        var plus = parameters, minus = parameters
        plus[i] += 1e-5
        minus[i] -= 1e-5
        let x = inputs.map(Double.init)
        return
            (referenceLoss(architecture: architecture, parameters: plus, inputs: x, labels: labels)
            - referenceLoss(architecture: architecture, parameters: minus, inputs: x, labels: labels)) / 2e-5
    }
    #expect(largestRelativeError(analytic, numeric) < 1e-3)
}

@Test(arguments: Activation.allCases.filter(\.isTrainable), Loss.allCases)
func fastForwardMatchesReference(activation: Activation, loss: Loss) throws {
    let architecture = Architecture(
        inputSize: 7, hiddenSizes: [6], classCount: 4, activation: activation, leakySlope: 0.2, loss: loss)
    var random = RandomState(seed: 4)
    let network = MLP(architecture: architecture, random: &random)
    let inputs = TestData.uniform(5 * 7, seed: 9)
    let fast = try network.predict(scaled: inputs).map(Double.init)
    let reference = referenceForward(
        architecture: architecture, parameters: network.parameters.map(Double.init),
        inputs: inputs.map(Double.init))
    #expect(zip(fast, reference).allSatisfy { abs($0 - $1) < 1e-5 })
}
