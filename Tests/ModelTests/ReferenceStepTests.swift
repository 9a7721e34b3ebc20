import Testing
@testable import Model

// The fast training step (fused kernels, sparse first layer, momentum through sgemm's β, the
// thread split) against the Float64 textbook step of Reference+TrainingStep.swift, parameter by
// parameter and velocity by velocity, for every activation, both losses, dense, sparse (active
// columns) and per-image sparse inputs, classical and Nesterov momentum, with weight decay, on 1
// and 2 threads.
//
// Tolerance: the fast step runs in Float32, so each value may differ from the Float64 one by
// rounding. After k steps every parameter and velocity must agree within
// `tolerance` = 2e-5 · k relative to max(|value|, 0.05); Float32's own precision is 6e-8, so
// this allows the accumulated rounding of the products (sums of up to 12 terms) and nothing
// like a wrong formula, which shows up at 1e-2 or more.

/// Inputs `[rows, width]` in [-1, 1) whose columns `blank` are zero in every row, so the fast
/// step can skip them.
private func inputs(rows: Int, width: Int, blank: Set<Int>, seed: UInt64) -> [Float] {
    var x = TestData.uniform(rows * width, seed: seed)
    for r in 0..<rows { for j in blank { x[r * width + j] = 0 } }
    return x
}

/// `steps` fast training steps on the same batch, as the trainer takes them: the batch loaded
/// dense (every column), sparse (only the columns non-zero in some row, with the matching
/// active-column list) or per image (each row's non-zero inputs as ink and pixel lists), on a
/// team of `threads`.
private func fastSteps(
    _ network: MLP, velocity: [Float], inputs: [Float], labels: [UInt8], rule: StepRule,
    threads: Int, form: FirstLayerInput, steps: Int
) -> (parameters: [Float], velocity: [Float]) {
    let workspace = Workspace(
        architecture: network.architecture, capacity: labels.count, team: WorkerTeam(size: threads))
    load(inputs, labels: labels, into: workspace, sparse: form != .dense, perImage: form == .perImage)
    return fastSteps(network, velocity: velocity, workspace: workspace, rows: labels.count, rule: rule, steps: steps)
}

/// Largest |fast − reference| / max(|reference|, 0.05).
private func largestError(_ fast: [Float], _ reference: [Double]) -> Double {
    zip(fast, reference).map { abs(Double($0) - $1) / max(abs($1), 0.05) }.max() ?? 0
}

private let combinations: [(form: FirstLayerInput, nesterov: Bool, threads: Int)] =
    [FirstLayerInput.dense, .activeColumns, .perImage].flatMap { f in
        [false, true].flatMap { n in [1, 2].map { (f, n, $0) } }
    }

@Test(arguments: Activation.allCases.filter(\.isTrainable), Loss.allCases)
func fastStepMatchesTheReferenceStep(activation: Activation, loss: Loss) {
    let architecture = Architecture(
        inputSize: 12, hiddenSizes: [7, 5], classCount: 4, activation: activation,
        leakySlope: 0.1, loss: loss)
    let network = testNetwork(architecture, seed: 3)
    let x = inputs(rows: 6, width: 12, blank: [0, 3, 4, 11], seed: 8)
    let labels: [UInt8] = [0, 3, 1, 2, 3, 0]
    // A velocity already under way, so that momentum matters from the first step.
    let velocity = TestData.uniform(network.parameters.count, seed: 21).map { $0 * 0.1 }

    for (form, nesterov, threads) in combinations {
        let rule = StepRule(learningRate: 0.1, momentum: 0.9, nesterov: nesterov, weightDecay: 0.01)
        for steps in [1, 3] {
            var parameters = network.parameters.map(Double.init)
            var referenceVelocity = velocity.map(Double.init)
            for _ in 0..<steps {
                _ = referenceTrainingStep(
                    architecture: architecture, parameters: &parameters, velocity: &referenceVelocity,
                    inputs: x.map(Double.init), labels: labels, rule: rule)
            }
            let fast = fastSteps(
                network, velocity: velocity, inputs: x, labels: labels, rule: rule, threads: threads,
                form: form, steps: steps)
            let tolerance = 2e-5 * Double(steps)
            let what = "\(activation) \(loss) \(form) nesterov \(nesterov) \(threads) threads, \(steps) steps"
            let parameterError = largestError(fast.parameters, parameters)
            let velocityError = largestError(fast.velocity, referenceVelocity)
            #expect(parameterError < tolerance, "\(what): parameters differ by \(parameterError)")
            #expect(velocityError < tolerance, "\(what): velocities differ by \(velocityError)")
        }
    }
}

@Test func referenceStepWithoutHiddenLayersMatches() {
    let architecture = Architecture(inputSize: 9, hiddenSizes: [], classCount: 3)
    var random = RandomState(seed: 5)
    let network = MLP(architecture: architecture, random: &random)
    let x = inputs(rows: 4, width: 9, blank: [2, 8], seed: 2)
    let labels: [UInt8] = [2, 0, 1, 1]
    let velocity = [Float](repeating: 0, count: network.parameters.count)
    for (form, nesterov, threads) in combinations {
        let rule = StepRule(learningRate: 0.2, momentum: 0.5, nesterov: nesterov, weightDecay: 0.001)
        var parameters = network.parameters.map(Double.init)
        var referenceVelocity = velocity.map(Double.init)
        _ = referenceTrainingStep(
            architecture: architecture, parameters: &parameters, velocity: &referenceVelocity,
            inputs: x.map(Double.init), labels: labels, rule: rule)
        let fast = fastSteps(
            network, velocity: velocity, inputs: x, labels: labels, rule: rule, threads: threads,
            form: form, steps: 1)
        #expect(largestError(fast.parameters, parameters) < 2e-5, "\(form) nesterov \(nesterov) \(threads)")
        #expect(largestError(fast.velocity, referenceVelocity) < 2e-5)
    }
}

/// The reference step's own gradient is the derivative of the reference loss: with learning
/// rate 0, momentum 0 and no decay, the velocity it leaves is ∂L/∂θ, which must match central
/// finite differences (so the reference is right, not merely agreeing with the fast step).
@Test(arguments: Activation.allCases.filter(\.isTrainable), Loss.allCases)
func referenceStepGradientMatchesFiniteDifferences(activation: Activation, loss: Loss) {
    let architecture = Architecture(
        inputSize: 5, hiddenSizes: [4], classCount: 3, activation: activation, leakySlope: 0.1, loss: loss)
    var random = RandomState(seed: 9)
    let network = MLP(architecture: architecture, random: &random)
    let x = TestData.uniform(3 * 5, seed: 4).map(Double.init)
    let labels: [UInt8] = [1, 0, 2]
    var parameters = network.parameters.map(Double.init)
    let original = parameters
    var gradient = [Double](repeating: 0, count: parameters.count)
    _ = referenceTrainingStep(
        architecture: architecture, parameters: &parameters, velocity: &gradient, inputs: x, labels: labels,
        rule: StepRule(learningRate: 0, momentum: 0, nesterov: false, weightDecay: 0))
    #expect(parameters == original)
    let numeric = original.indices.map { i -> Double in
        var plus = original, minus = original
        plus[i] += 1e-6
        minus[i] -= 1e-6
        return
            (referenceLoss(architecture: architecture, parameters: plus, inputs: x, labels: labels)
            - referenceLoss(architecture: architecture, parameters: minus, inputs: x, labels: labels)) / 2e-6
    }
    #expect(largestRelativeError(gradient, numeric) < 1e-5, "\(activation) \(loss)")
}
