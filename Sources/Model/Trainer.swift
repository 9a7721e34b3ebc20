/// Trains an `MLP` by minibatch SGD, one epoch after another, resumably.
///
///     var trainer = try Trainer(architecture: Architecture(), settings: TrainingSettings(),
///                               examples: mnistTraining)
///     let finished = try trainer.run(epochEnd: { print($0) }, shouldStop: { interrupted })
///     let model = trainer.state.best
///
/// Each epoch: shuffle the training examples (all but the last `validationCount`) with the
/// seeded generator; for each batch (with `settings.augmentation`) distort its images anew, then
/// gather the pixels straight into the input buffer while scaling them, then forward, loss,
/// backward and update; then measure validation accuracy (on undistorted images) and keep a
/// copy of the network if it is the best so far (or always, with `settings.keep` = `.last`).
/// After the last epoch, fit the kept network's softmax temperature on the validation examples
/// (`TemperatureFit`).
public struct Trainer: Sendable {
    /// The run so far; `state.best` is the model to use.
    public private(set) var state: TrainingState
    /// The examples trained on, the validation examples last.
    public let examples: Examples

    /// A new run: weights initialised from `settings.seed`.
    public init(
        architecture: Architecture, settings: TrainingSettings, examples: Examples,
        inputScaling: InputScaling = InputScaling()
    ) throws(TrainingError) {
        if let problem = architecture.problem { throw .badArchitecture(problem) }
        if !architecture.activation.isTrainable { throw .activationHasNoGradient(architecture.activation) }
        if let problem = settings.problem(exampleCount: examples.count) { throw .badSettings(problem) }
        try Self.checkMemory(architecture: architecture, settings: settings, examples: examples)
        var random = RandomState(seed: settings.seed)
        let network = MLP(architecture: architecture, inputScaling: inputScaling, random: &random)
        let state = TrainingState(
            settings: settings, latest: network, best: network,
            velocity: [Float](repeating: 0, count: network.parameters.count), history: [],
            progress: TrainingProgress(epochStartRandom: random))
        try self.init(resuming: state, examples: examples)
    }

    /// Continues a run from `state` (e.g. loaded from a checkpoint) on the same `examples`.
    public init(resuming state: TrainingState, examples: Examples) throws(TrainingError) {
        let architecture = state.latest.architecture
        if let problem = architecture.problem { throw .badArchitecture(problem) }
        if !architecture.activation.isTrainable { throw .activationHasNoGradient(architecture.activation) }
        if examples.count == 0 {
            throw .badExamples("there are no training images (the data set holds 0), expected at least one")
        }
        if examples.images.count != examples.count * architecture.inputSize {
            throw .badExamples(
                "expected \(examples.count) images of \(architecture.inputSize) pixels (\(examples.count * architecture.inputSize) bytes), found \(examples.images.count) bytes"
            )
        }
        if let bad = examples.labels.first(where: { Int($0) >= architecture.classCount }) {
            throw .badExamples("labels must be below \(architecture.classCount), found \(bad)")
        }
        if let problem = state.settings.problem(exampleCount: examples.count) { throw .badSettings(problem) }
        if let augmentation = state.settings.augmentation, augmentation.kind != .none,
            Trainer.imageSide(architecture.inputSize) == nil
        {
            throw .badSettings(
                "distortions need square images of at most 64 × 64 pixels; the input has \(architecture.inputSize) pixels"
            )
        }
        try Self.checkMemory(architecture: architecture, settings: state.settings, examples: examples)
        let p = state.progress
        if state.velocity.count != state.latest.parameters.count || state.best.layout != state.latest.layout
            || p.epochsDone < 0 || p.epochsDone > state.settings.epochs || p.batchesDone < 0
            || p.batchesDone > (examples.count - state.settings.validationCount + state.settings.batchSize - 1)
                / state.settings.batchSize
        {
            throw .badResumeState("the saved state does not fit these settings and examples")
        }
        self.state = state
        self.examples = examples
    }

    /// Refuses, before anything is allocated, a run whose `TrainingMemory` estimate exceeds the
    /// machine's physical memory.
    private static func checkMemory(
        architecture: Architecture, settings: TrainingSettings, examples: Examples
    ) throws(TrainingError) {
        let estimate = TrainingMemory(
            architecture: architecture, batchSize: settings.batchSize, exampleCount: examples.count)
        if let available = TrainingMemory.physicalMemoryBytes, estimate.totalBytes > available {
            throw .doesNotFit(estimate, availableBytes: available)
        }
    }

    /// Trains until every epoch is done or `shouldStop` returns true (checked after every
    /// batch). Returns whether the run finished. Either way `state` can be resumed.
    ///
    /// - `progress`: called after every batch (keep it cheap).
    /// - `epochEnd`: called after every epoch with its statistics.
    /// - Throws `TrainingError.nonFiniteLoss` if the loss becomes NaN or infinite; `state` is
    ///   then the one before the offending batch.
    public mutating func run(
        progress: ((BatchProgress) -> Void)? = nil,
        epochEnd: ((EpochStatistics) -> Void)? = nil,
        shouldStop: (() -> Bool)? = nil
    ) throws(TrainingError) -> Bool {
        let settings = state.settings
        // The team splits each batch's work itself, so BLAS runs single-threaded inside each of
        // its threads (restored afterwards for inference).
        let team = WorkerTeam(size: settings.threads)
        let blasThreads = BLAS.threads
        BLAS.setThreads(1)
        defer { BLAS.setThreads(blasThreads) }
        let trainCount = examples.count - settings.validationCount
        let batchCount = (trainCount + settings.batchSize - 1) / settings.batchSize
        let validation = settings.validationCount > 0 ? examples.slice(trainCount..<examples.count) : nil
        let skipBlank = settings.skipBlankInputs && state.latest.inputScaling.offset == 0
        // Allocated once per run; the batch loop below allocates nothing.
        let workspace = Workspace(architecture: state.latest.architecture, capacity: settings.batchSize, team: team)
        var order = [Int32](repeating: 0, count: trainCount)
        let rule0 = StepRule(
            learningRate: 0, momentum: settings.momentum, nesterov: settings.nesterov,
            weightDecay: settings.weightDecay)
        // While batches are trained, the parameters and momentum live in `buffers`, which every
        // thread of the step updates in place; `state` gets them back before it is looked at.
        let buffers = ParameterBuffers(
            architecture: state.latest.architecture, parameters: state.latest.parameters, velocity: state.velocity,
            nesterov: settings.nesterov)
        defer { buffers.copy(into: &state) }
        let step = TrainingStep(
            architecture: state.latest.architecture, workspace: workspace, buffers: buffers, rule: rule0)
        let augmentation = settings.augmentation ?? .none
        let side = Trainer.imageSide(state.latest.architecture.inputSize) ?? 0
        let batchRows = (0..<Int32(settings.batchSize)).map { $0 }  // the distorted batch's own order

        while state.progress.epochsDone < settings.epochs {
            let epoch = state.progress.epochsDone + 1
            var random = state.progress.epochStartRandom
            for i in 0..<trainCount { order[i] = Int32(i) }
            random.shuffle(&order)
            let nextEpochRandom = random
            step.rule = rule0
            let distortions =
                !augmentation.distorts(epoch: epoch, of: settings.epochs)
                ? nil
                : EpochDistortions(
                    augmentation: augmentation, side: side, seed: settings.seed, epoch: epoch, rows: batchRows)

            for batch in state.progress.batchesDone..<batchCount {
                let watch = Stopwatch()
                let first = batch * settings.batchSize
                let rows = min(settings.batchSize, trainCount - first)
                loadBatch(
                    order, first: first, rows: rows, into: workspace, skipBlank: skipBlank,
                    distortions: distortions)
                step.rule.learningRate = settings.learningRate(
                    afterSteps: (epoch - 1) * batchCount + batch, stepsPerEpoch: batchCount)
                step.rows = rows
                let result = MLP.trainingStep(step)
                state.progress.epochSeconds += watch.seconds
                guard result.lossSum.isFinite else { throw .nonFiniteLoss(epoch: epoch, batch: batch + 1) }
                state.progress.batchesDone = batch + 1
                state.progress.epochLossSum += result.lossSum
                state.progress.epochCorrect += result.correct
                progress?(
                    BatchProgress(
                        epoch: epoch, batchesDone: batch + 1, batchCount: batchCount,
                        runningLoss: state.progress.epochLossSum / Double(min(trainCount, first + rows))))
                if batch + 1 < batchCount, shouldStop?() == true { return false }
            }
            buffers.copy(into: &state)
            finishEpoch(
                epoch, trainCount: trainCount, batchCount: batchCount, validation: validation,
                nextEpochRandom: nextEpochRandom, learningRate: step.rule.learningRate, team: team)
            epochEnd?(state.history[state.history.count - 1])
            if state.progress.epochsDone < settings.epochs, shouldStop?() == true { return false }
        }
        return true
    }

    /// Copies the examples `order[first..<first + rows]` into the workspace: their labels, and
    /// their pixels scaled, distorted first with `distortions` (BatchDistortion.swift). With
    /// `skipBlank`, only the pixel columns non-zero somewhere in the (distorted) batch are
    /// copied, if that skips at least a tenth of them (SparseInputKernels.swift). Each thread of
    /// the workspace's team distorts and copies a block of the rows.
    private func loadBatch(
        _ order: [Int32], first: Int, rows: Int, into workspace: Workspace, skipBlank: Bool,
        distortions: EpochDistortions?
    ) {
        let width = state.latest.architecture.inputSize
        let scaling = state.latest.inputScaling
        examples.images.withUnsafeBufferPointer { images in
            order.withUnsafeBufferPointer { order in
                let (images, indices) = (images.baseAddress!, order.baseAddress! + first)
                for r in 0..<rows { workspace.labels[r] = examples.labels[Int(indices[r])] }
                guard let distortions else {
                    return gather(
                        images, indices: indices, rows: rows, width: width, scaling: scaling,
                        into: workspace, skipBlank: skipBlank)
                }
                let fieldStorage = distortions.pool?.fields ?? []  // empty: allocates nothing
                fieldStorage.withUnsafeBufferPointer { fields in
                    workspace.team.run(
                        BatchDistortion(
                            images: images, indices: indices, rows: rows, side: distortions.side,
                            augmentation: distortions.augmentation, pool: distortions.pool,
                            fields: distortions.pool == nil ? nil : fields.baseAddress,
                            seed: distortions.seed, epoch: distortions.epoch, workspace: workspace,
                            inkScale: skipBlank ? scaling.scale : nil))
                }
                distortions.rows.withUnsafeBufferPointer { identity in
                    gather(
                        workspace.distorted, indices: identity.baseAddress!, rows: rows, width: width,
                        scaling: scaling, into: workspace, skipBlank: skipBlank, inkListsBuilt: true)
                }
            }
        }
    }

    /// Loads images `indices[0..<rows]` of `images` `[count, width]` into the workspace in the
    /// form the first layer reads fastest (`FirstLayerInput`): every pixel scaled into its input;
    /// or, with `skipBlank`, only the batch's active columns if that skips at least a tenth of
    /// them (SparseInputKernels.swift); or each image's own non-zero pixels, as ink and pixel
    /// lists (PerImageSparseKernels.swift), when those hold fewer than `perImageShare` of the
    /// products' multiply-adds (`[rows, active]`) of the active columns.
    ///
    /// `inkListsBuilt`: the ink lists are already in the workspace (`BatchDistortion` builds
    /// each image's while it is still in the core's cache).
    private func gather(
        _ images: UnsafePointer<UInt8>, indices: UnsafePointer<Int32>, rows: Int, width: Int,
        scaling: InputScaling, into workspace: Workspace, skipBlank: Bool, inkListsBuilt: Bool = false
    ) {
        workspace.activeCount = width
        if skipBlank {
            let active = active_columns_forward(
                images, indices: indices, rows: rows, width: width,
                mask: workspace.columnMask, columns: workspace.activeColumns)
            let lists = InkLists(
                images: images, indices: indices, rows: rows, width: width, scaling: scaling, workspace: workspace)
            if !inkListsBuilt { workspace.team.run(lists) }
            let nonZero = (0..<rows).reduce(0) { $0 + Int(workspace.inkCounts[$1]) }
            if Double(nonZero) < Trainer.perImageShare * Double(rows * active) {
                workspace.team.run(PixelLists(lists: lists))
                workspace.firstLayerInput = .perImage
                return
            }
            if active * 10 < width * 9 { workspace.activeCount = active }
        }
        workspace.team.run(
            PixelGather(
                images: images, indices: indices, rows: rows, width: width, scaling: scaling,
                workspace: workspace))
    }

    /// The per-image path is taken when a batch's non-zero pixels number fewer than this share
    /// of `rows × active columns`. Measured (one thread, CPU time, S800's block of 400 neurons,
    /// batch 128, forward and fused weight gradient, non-zero pixels at random places among the
    /// active columns): the per-image kernels cost 0.81× the active-column sgemm at share 0.29
    /// (200 of 689 columns per image), 1.21× at 0.44; 0.91× at 0.29 and 1.20× at 0.38 for 521
    /// columns: break-even near 0.33–0.37. MNIST's batches sit at 0.29, distorted or not (~151 of
    /// ~521, ~198 of ~689), and its clustered strokes favour the per-image path more than random
    /// places do.
    static let perImageShare = 0.35

    /// The side of a square image of `pixels` pixels (at most 64), or nil.
    static func imageSide(_ pixels: Int) -> Int? {
        let side = Int(Double(pixels).squareRoot().rounded())
        return side * side == pixels && side >= 2 && side <= 64 ? side : nil
    }

    /// Records the finished epoch, validates, keeps the network (the best so far, or this
    /// epoch's with `keep` = `.last`) and moves to the next epoch.
    private mutating func finishEpoch(
        _ epoch: Int, trainCount: Int, batchCount: Int, validation: Examples?,
        nextEpochRandom: RandomState, learningRate: Float, team: WorkerTeam
    ) {
        let p = state.progress
        let accuracy = validation.map { state.latest.accuracy(on: $0, team: team) }
        let keepsLatest = state.settings.keep == .last || accuracy == nil
        if keepsLatest || accuracy! > p.bestValidationAccuracy {
            // Copy in place so that `latest` keeps its own storage (no copy-on-write later).
            state.best.parameters.withUnsafeMutableBufferPointer { best in
                state.latest.parameters.withUnsafeBufferPointer { latest in
                    for i in 0..<latest.count { best[i] = latest[i] }
                }
            }
            state.progress.bestEpoch = epoch
            state.progress.bestValidationAccuracy = accuracy ?? -1
        }
        state.history.append(
            EpochStatistics(
                epoch: epoch, loss: p.epochLossSum / Double(trainCount),
                trainAccuracy: Double(p.epochCorrect) / Double(trainCount), validationAccuracy: accuracy,
                seconds: p.epochSeconds, samplesPerSecond: Double(trainCount) / p.epochSeconds,
                learningRate: learningRate))
        state.progress.epochsDone = epoch
        if epoch == state.settings.epochs, let validation,
            let logits = try? state.best.predict(validation.images, team: team, softmax: false)
        {
            state.best.temperature = TemperatureFit.fit(
                logits: logits, labels: validation.labels, classes: state.best.architecture.classCount)
        }
        state.progress.batchesDone = 0
        state.progress.epochStartRandom = nextEpochRandom
        state.progress.epochLossSum = 0
        state.progress.epochCorrect = 0
        state.progress.epochSeconds = 0
    }
}

/// What an epoch's batches are distorted with.
private struct EpochDistortions {
    let augmentation: Augmentation
    let side: Int
    let seed: UInt64
    let epoch: Int
    /// The epoch's elastic fields (nil unless elastic).
    let pool: DisplacementPool?
    /// `[batchSize]` 0, 1, 2, …: the distorted batch is gathered in its own order.
    let rows: [Int32]

    init(augmentation: Augmentation, side: Int, seed: UInt64, epoch: Int, rows: [Int32]) {
        (self.augmentation, self.side, self.seed, self.epoch, self.rows) = (augmentation, side, seed, epoch, rows)
        pool =
            augmentation.kind == .elastic
            ? DisplacementPool(side: side, sigma: augmentation.elasticSigma, seed: seed, epoch: epoch) : nil
    }
}

/// Builds the ink lists of a batch (`ink_lists_forward`); part p takes a block of the rows.
private struct InkLists: TeamJob {
    let images: UnsafePointer<UInt8>
    /// `[rows]` the batch's images.
    let indices: UnsafePointer<Int32>
    let rows: Int
    let width: Int
    let scaling: InputScaling
    let workspace: Workspace

    func run(part: Int) {
        let block = workspace.team.block(part, of: rows)
        let first = block.lowerBound
        _ = ink_lists_forward(
            images, indices: indices + first, rows: block.count, width: width, scale: scaling.scale,
            counts: workspace.inkCounts + first, pixels: workspace.inkPixels + first * width,
            values: workspace.inkValues + first * width)
    }
}

/// Builds the pixel lists of a batch from its ink lists (`pixel_lists_forward`); part p takes a
/// block of the pixels.
private struct PixelLists: TeamJob {
    let lists: InkLists

    func run(part: Int) {
        let workspace = lists.workspace
        let block = workspace.team.block(part, of: lists.width)
        pixel_lists_forward(
            inkCounts: workspace.inkCounts, inkPixels: workspace.inkPixels, inkValues: workspace.inkValues,
            rows: lists.rows, width: lists.width, first: block.lowerBound, end: block.upperBound,
            capacity: workspace.capacity, counts: workspace.pixelCounts, pixelRows: workspace.pixelRows,
            pixelValues: workspace.pixelValues)
    }
}

/// Copies a batch's pixels into `workspace.input`, scaled (only the active columns if the
/// workspace is sparse); part p takes a block of the batch's rows.
private struct PixelGather: TeamJob {
    let images: UnsafePointer<UInt8>
    /// `[rows]` the batch's images.
    let indices: UnsafePointer<Int32>
    let rows: Int
    let width: Int
    let scaling: InputScaling
    let workspace: Workspace

    func run(part: Int) {
        let block = workspace.team.block(part, of: rows)
        let active = workspace.activeCount
        let (x, r) = (workspace.input + block.lowerBound * active, indices + block.lowerBound)
        if workspace.isSparse {
            gather_columns_scaled_forward(
                images, indices: r, columns: workspace.activeColumns, active: active, x,
                rows: block.count, width: width, scale: scaling.scale)
        } else {
            gather_scaled_forward(
                images, indices: r, x, rows: block.count, width: width, scale: scaling.scale,
                offset: scaling.offset)
        }
    }
}
