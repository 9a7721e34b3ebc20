import Synchronization

/// One classified example: the most probable class and every class's probability.
public struct Classification: Equatable, Sendable {
    /// The most probable class.
    public var label: Int
    /// `[classCount]` softmax probabilities.
    public var probabilities: [Float]
}

/// Why inference refused its input.
public enum InferenceError: Error, CustomStringConvertible, Equatable {
    /// The input is not a whole number of examples of the network's input size.
    case badInputSize(expectedMultipleOf: Int, found: Int)

    public var description: String {
        switch self {
        case .badInputSize(let size, let found):
            return "expected a multiple of \(size) input values (one per pixel), found \(found)"
        }
    }
}

extension MLP {
    /// Examples per forward pass in inference: large enough for efficient matrix products.
    static let inferenceBatch = 1000

    /// Probabilities `[n, classCount]` for `pixels` `[n, inputSize]` (0...255), scaled by
    /// `inputScaling` as in training: softmax(logits / `temperature`), calibrated once the
    /// temperature is fitted.
    public func predict(_ pixels: [UInt8]) throws(InferenceError) -> [Float] {
        try predict(pixels, team: nil)
    }

    /// The logits `[n, classCount]` (the last layer's outputs, before any temperature or
    /// softmax) for `pixels` `[n, inputSize]` (0...255).
    public func logits(_ pixels: [UInt8]) throws(InferenceError) -> [Float] {
        try predict(pixels, team: nil, softmax: false)
    }

    /// `predict(_:)` (or, with `softmax` false, `logits(_:)`) with the forward pass split across
    /// `team` (nil: the calling thread, with BLAS's own threads).
    func predict(_ pixels: [UInt8], team: WorkerTeam?, softmax: Bool = true) throws(InferenceError) -> [Float] {
        try predict(count: pixels.count, team: team, softmax: softmax) { workspace, first, rows in
            pixels.withUnsafeBufferPointer { source in
                let base = source.baseAddress! + first * architecture.inputSize
                for i in 0..<(rows * architecture.inputSize) {
                    workspace.input[i] = Float(base[i]) * inputScaling.scale + inputScaling.offset
                }
            }
        }
    }

    /// Probabilities `[n, classCount]` (softmax(logits / `temperature`)) for inputs
    /// `[n, inputSize]` already scaled.
    public func predict(scaled inputs: [Float]) throws(InferenceError) -> [Float] {
        try predict(count: inputs.count) { workspace, first, rows in
            for i in 0..<(rows * architecture.inputSize) {
                workspace.input[i] = inputs[first * architecture.inputSize + i]
            }
        }
    }

    /// The most probable class and the probabilities of each image in `pixels` `[n, inputSize]`.
    public func classify(_ pixels: [UInt8]) throws(InferenceError) -> [Classification] {
        let probabilities = try predict(pixels)
        let classes = architecture.classCount
        return stride(from: 0, to: probabilities.count, by: classes).map { start in
            let row = Array(probabilities[start..<(start + classes)])
            let label = row.indices.max(by: { row[$0] < row[$1] }) ?? 0
            return Classification(label: label, probabilities: row)
        }
    }

    /// Share of `examples` whose most probable class is the label (0 for no examples, or for
    /// images that do not fit the network).
    public func accuracy(on examples: Examples) -> Double {
        accuracy(on: examples, team: nil)
    }

    /// `accuracy(on:)` with the forward pass split across `team` (training's validation).
    func accuracy(on examples: Examples, team: WorkerTeam?) -> Double {
        guard examples.count > 0, let probabilities = try? predict(examples.images, team: team) else { return 0 }
        let classes = architecture.classCount
        var correct = 0
        for r in 0..<examples.count {
            var best = 0
            for k in 1..<classes where probabilities[r * classes + k] > probabilities[r * classes + best] {
                best = k
            }
            if best == Int(examples.labels[r]) { correct += 1 }
        }
        return Double(correct) / Double(examples.count)
    }

    /// Runs the forward pass and the tempered softmax (or, with `softmax` false, nothing: the
    /// logits) over `count` input values in batches; `fill` writes `rows` examples starting at
    /// example `first` into the workspace's input buffer.
    private func predict(
        count: Int, team: WorkerTeam? = nil, softmax: Bool = true,
        fill: (Workspace, _ first: Int, _ rows: Int) -> Void
    ) throws(InferenceError) -> [Float] {
        let width = architecture.inputSize
        guard count % width == 0 else { throw .badInputSize(expectedMultipleOf: width, found: count) }
        let n = count / width
        let classes = architecture.classCount
        var output = [Float](repeating: 0, count: n * classes)
        let capacity = min(n, MLP.inferenceBatch)
        guard team == nil, capacity <= InferenceWorkspaces.capacity else {
            let workspace = Workspace(architecture: architecture, capacity: capacity, team: team ?? WorkerTeam(size: 1))
            forwardInBatches(n: n, softmax: softmax, in: workspace, into: &output, fill: fill)
            return output
        }
        InferenceWorkspaces.shared.withWorkspace(for: architecture) { workspace in
            forwardInBatches(n: n, softmax: softmax, in: workspace, into: &output, fill: fill)
        }
        return output
    }

    /// The body of `predict(count:team:softmax:fill:)`: the `n` examples through the network in
    /// `workspace`, batch by batch, their probabilities (or logits) into `output`
    /// `[n, classCount]`.
    private func forwardInBatches(
        n: Int, softmax: Bool, in workspace: Workspace, into output: inout [Float],
        fill: (Workspace, _ first: Int, _ rows: Int) -> Void
    ) {
        let classes = architecture.classCount
        let logits = workspace.preActivation(layout.count - 1)
        parameters.withUnsafeBufferPointer { w in
            output.withUnsafeMutableBufferPointer { out in
                var first = 0
                while first < n {
                    let rows = min(MLP.inferenceBatch, n - first)
                    fill(workspace, first, rows)
                    MLP.forward(
                        w.baseAddress!, layout: layout, architecture: architecture,
                        workspace: workspace, rows: rows)
                    let target = out.baseAddress! + first * classes
                    if !softmax {
                        target.update(from: logits, count: rows * classes)
                    } else {
                        if temperature != 1 {
                            let inverse = 1 / temperature
                            for i in 0..<(rows * classes) { logits[i] *= inverse }
                        }
                        softmax_forward(logits, target, rows: rows, classes: classes)
                    }
                    first += rows
                }
            }
        }
    }
}

/// Workspaces kept between calls of `predict` for a few examples (a picture the server or
/// `classify` reads), so that such a call neither allocates nor zeroes one: a workspace holds
/// the training step's scratch for the first layer too (for 784-256-128-10, 1.6 MB), which
/// cost about a tenth of a classification.
///
/// A call takes a workspace out for itself and puts it back when done, so calls on any number
/// of threads never share one; at most `kept` wait here between calls (more at once allocate
/// their own), so memory stays bounded. Batches over `capacity` examples allocate their own.
final class InferenceWorkspaces: Sendable {
    /// The one set that `predict` uses.
    static let shared = InferenceWorkspaces()
    /// The most examples a kept workspace holds.
    static let capacity = 16
    /// The most workspaces kept between calls (at least the cores that classify at once).
    static let kept = 4

    /// A workspace kept for the network shape `layerSizes`. Only the list holds it while it
    /// is parked, and only one caller after it is taken out: no two threads ever use it.
    private struct Parked: @unchecked Sendable {
        let layerSizes: [Int]
        let workspace: Workspace
    }

    private let parked = Mutex<[Parked]>([])

    /// The number of workspaces waiting for a call now.
    var count: Int { parked.withLock { $0.count } }

    /// Runs `body` with a workspace of `capacity` rows for `architecture`, used by no one else
    /// meanwhile (with the calling thread as its team), then keeps it for the next call.
    func withWorkspace(for architecture: Architecture, _ body: (Workspace) -> Void) {
        let sizes = architecture.layerSizes
        let reused = parked.withLock { parked -> Parked? in
            guard let i = parked.lastIndex(where: { $0.layerSizes == sizes }) else { return nil }
            return parked.remove(at: i)
        }
        let workspace = reused?.workspace ?? Workspace(architecture: architecture, capacity: Self.capacity)
        body(workspace)
        let returned = Parked(layerSizes: sizes, workspace: workspace)
        parked.withLock { parked in
            if parked.count >= Self.kept { parked.removeFirst() }
            parked.append(returned)
        }
    }
}
