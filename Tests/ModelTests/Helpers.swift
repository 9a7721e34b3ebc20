@testable import Model

/// Small deterministic test data made in code.
enum TestData {
    /// `count` examples of `width` pixels in `classes` classes: class c lights up pixels whose
    /// index modulo `classes` is c (plus noise), so a network can learn it.
    static func blobs(count: Int, width: Int, classes: Int, seed: UInt64) -> Examples {
        var random = RandomState(seed: seed)
        var images = [UInt8](repeating: 0, count: count * width)
        var labels = [UInt8](repeating: 0, count: count)
        for n in 0..<count {
            let label = random.nextInt(below: classes)
            labels[n] = UInt8(label)
            for p in 0..<width {
                let base = p % classes == label ? 160 : 20
                images[n * width + p] = UInt8(base + random.nextInt(below: 90))
            }
        }
        return Examples(images: images, labels: labels)
    }

    /// `count` values uniform in [-1, 1).
    static func uniform(_ count: Int, seed: UInt64) -> [Float] {
        var random = RandomState(seed: seed)
        return (0..<count).map { _ in Float(random.nextUniform() * 2 - 1) }
    }
}

/// A network of `architecture` with He/Glorot weights and biases uniform in [-0.1, 0.1) (not
/// zero, so that every parameter matters), drawn from `seed`.
func testNetwork(_ architecture: Architecture, seed: UInt64) -> MLP {
    var random = RandomState(seed: seed)
    var network = MLP(architecture: architecture, random: &random)
    for layer in network.layout {
        for i in layer.biasRange { network.parameters[i] = Float(random.nextUniform() * 0.2 - 0.1) }
    }
    return network
}

/// Loads a batch into `workspace` as the trainer does: `inputs` `[rows, inputSize]` dense (every
/// column), or sparse (only the columns non-zero in some row, with the active-column list the
/// first layer's skipping path reads), or, with `perImage`, as the ink and pixel lists of each
/// row's non-zero inputs (PerImageSparseKernels.swift), built by plain loops here.
func load(_ inputs: [Float], labels: [UInt8], into workspace: Workspace, sparse: Bool, perImage: Bool = false) {
    let (rows, width) = (labels.count, inputs.count / max(1, labels.count))
    let active =
        sparse
        ? (0..<width).filter { j in (0..<rows).contains { inputs[$0 * width + j] != 0 } } : Array(0..<width)
    workspace.activeCount = active.count
    for (c, j) in active.enumerated() { workspace.activeColumns[c] = Int32(j) }
    for r in 0..<rows {
        for (c, j) in active.enumerated() { workspace.input[r * active.count + c] = inputs[r * width + j] }
        workspace.labels[r] = labels[r]
    }
    guard perImage else { return }
    for p in 0..<width { workspace.pixelCounts[p] = 0 }
    for r in 0..<rows {
        var n = 0
        for p in 0..<width where inputs[r * width + p] != 0 {
            let x = inputs[r * width + p]
            (workspace.inkPixels[r * width + n], workspace.inkValues[r * width + n]) = (Int32(p), x)
            n += 1
            let k = Int(workspace.pixelCounts[p])
            let slot = p * workspace.capacity + k
            (workspace.pixelRows[slot], workspace.pixelValues[slot]) = (Int32(r), x)
            workspace.pixelCounts[p] = Int32(k + 1)
        }
        workspace.inkCounts[r] = Int32(n)
    }
    workspace.firstLayerInput = .perImage
}

/// The gradient of the mean loss over `inputs` `[rows, inputSize]`, by the fast backward pass
/// on a team of `threads` (dense, sparse or per-image first layer): one step with learning rate 0 and
/// momentum 0 leaves exactly the gradient in the velocity.
func fastGradient(
    _ network: MLP, inputs: [Float], labels: [UInt8], threads: Int = 1, sparse: Bool = false,
    perImage: Bool = false
) -> [Float] {
    let rows = labels.count
    let workspace = Workspace(architecture: network.architecture, capacity: rows, team: WorkerTeam(size: threads))
    load(inputs, labels: labels, into: workspace, sparse: sparse, perImage: perImage)
    return fastSteps(
        network, velocity: [Float](repeating: 0, count: network.parameters.count), workspace: workspace,
        rows: rows, rule: StepRule(learningRate: 0, momentum: 0, nesterov: false, weightDecay: 0), steps: 1
    ).velocity
}

/// `steps` fast training steps (`MLP.trainingStep`) on the batch of `rows` examples loaded into
/// `workspace`, from `network` and `velocity`, as `Trainer.run` takes them; returns the
/// parameters and velocity after.
func fastSteps(
    _ network: MLP, velocity: [Float], workspace: Workspace, rows: Int, rule: StepRule, steps: Int
) -> (parameters: [Float], velocity: [Float]) {
    let buffers = ParameterBuffers(
        architecture: network.architecture, parameters: network.parameters, velocity: velocity,
        nesterov: rule.nesterov)
    let step = TrainingStep(architecture: network.architecture, workspace: workspace, buffers: buffers, rule: rule)
    step.rows = rows
    for _ in 0..<steps { _ = MLP.trainingStep(step) }
    var state = TrainingState(
        settings: TrainingSettings(), latest: network, best: network, velocity: velocity, history: [],
        progress: TrainingProgress(epochStartRandom: RandomState(seed: 0)))
    buffers.copy(into: &state)
    return (state.latest.parameters, state.velocity)
}

/// Trains two runs on `examples` that differ only in their settings (`settings`, `other`), and
/// returns both final states and the largest difference of their final parameters.
func trainSideBySide(
    _ architecture: Architecture, _ settings: TrainingSettings, _ other: TrainingSettings, examples: Examples
) throws -> (a: TrainingState, b: TrainingState, difference: Float) {
    var a = try Trainer(architecture: architecture, settings: settings, examples: examples)
    var b = try Trainer(architecture: architecture, settings: other, examples: examples)
    _ = try a.run()
    _ = try b.run()
    let difference = zip(a.state.latest.parameters, b.state.latest.parameters).map { abs($0 - $1) }.max() ?? 1
    return (a.state, b.state, difference)
}

/// Largest |a − b| / max(|a|, |b|, floor) over the elements.
func largestRelativeError(_ a: [Double], _ b: [Double], floor: Double = 1e-3) -> Double {
    zip(a, b).map { abs($0 - $1) / max(abs($0), abs($1), floor) }.max() ?? 0
}
