import Model

/// What `digits train` tells as it trains: the opening line, the live bar's figures after each
/// batch, a summary line (and with `--json` a JSON line) per epoch, and the closing line. The
/// words are made here, apart from the loop in `Train.run`, so that unit tests can read them.
struct TrainingLog {
    /// Epochs in the run.
    let epochs: Int
    /// Images per batch.
    let batchSize: Int
    /// Images trained on per epoch (the held-out ones excluded).
    let trainCount: Int
    /// Whether each epoch also prints its JSON line on stdout (`--json`).
    let json: Bool
    private var bar = ProgressBar()
    private var epochClock = Stopwatch()
    /// The first batch done in this call of `Trainer.run`, less one (a resumed epoch starts midway).
    private var firstBatch: Int?

    /// The log of a run with `settings`, training on `trainCount` images per epoch.
    init(settings: TrainingSettings, trainCount: Int, json: Bool) {
        epochs = settings.epochs
        batchSize = settings.batchSize
        self.trainCount = trainCount
        self.json = json
    }

    /// Starts the clock of one call of `Trainer.run` (an epoch, or the rest of a resumed one).
    mutating func startEpoch() {
        epochClock = Stopwatch()
        firstBatch = nil
    }

    /// After each batch: redraws the bar with the epoch's figures so far.
    mutating func batchDone(_ p: BatchProgress) {
        let first = firstBatch ?? (p.batchesDone - 1)
        firstBatch = first
        let figures = Self.throughput(
            batchesDone: p.batchesDone, firstBatch: first, elapsed: epochClock.seconds,
            batchSize: batchSize, trainCount: trainCount)
        bar.update(
            label: "epoch \(p.epoch)/\(epochs)", done: p.batchesDone, total: p.batchCount, rate: figures.rate,
            loss: p.runningLoss, remaining: figures.remaining)
    }

    /// After each epoch: the bar gives way to the epoch's summary line (stderr), and with
    /// `--json` its JSON line (stdout).
    mutating func epochEnded(_ stats: EpochStatistics) {
        bar.clear()
        if json { Console.output(Self.epochJSON(stats).text) }
        Console.note(Self.epochLine(stats, epochs: epochs))
    }

    /// Erases the bar (before a message, or when the epoch's call returns).
    mutating func clearBar() {
        bar.clear()
    }

    /// Samples per second and seconds left in the epoch, `elapsed` seconds into this call of
    /// `Trainer.run`, `batchesDone` batches into the epoch, the first of them batch
    /// `firstBatch + 1`: the rate counts this call's batches only, and the last batch of an
    /// epoch may be short. Both are 0 before any time has passed.
    static func throughput(batchesDone: Int, firstBatch: Int, elapsed: Double, batchSize: Int, trainCount: Int)
        -> (rate: Double, remaining: Double)
    {
        let seen = min(batchesDone * batchSize, trainCount) - firstBatch * batchSize
        let rate = elapsed > 0 ? Double(seen) / elapsed : 0
        let left = Double(max(0, trainCount - batchesDone * batchSize))
        return (rate, rate > 0 ? left / rate : 0)
    }

    /// `epoch  3/18  loss 0.1234  train 96.50%  validation 97.10%  4.21 s  12,345 samples/s`.
    static func epochLine(_ stats: EpochStatistics, epochs: Int) -> String {
        let validation = stats.validationAccuracy.map { "  validation \(Format.percent($0))" } ?? ""
        return "epoch \(Format.right(String(stats.epoch), String(epochs).count))/\(epochs)"
            + "  loss \(Format.fixed(stats.loss, 4))  train \(Format.percent(stats.trainAccuracy))"
            + validation + "  \(Format.fixed(stats.seconds, 2)) s"
            + "  \(Format.grouped(rounding: stats.samplesPerSecond)) samples/s"
    }

    /// The epoch as one JSON object (a line of `--json`'s JSON Lines); no validation: `null`.
    static func epochJSON(_ stats: EpochStatistics) -> JSON {
        JSON.object([
            ("epoch", .integer(stats.epoch)),
            ("loss", .number(stats.loss)),
            ("train_accuracy", .number(stats.trainAccuracy)),
            ("validation_accuracy", stats.validationAccuracy.map { .number($0) } ?? .null),
            ("seconds", .number(stats.seconds)),
            ("samples_per_second", .number(stats.samplesPerSecond)),
        ])
    }

    /// The run's first line: `training 784-256-128-10 relu on 60,000 images (55,000 trained on,
    /// 5,000 held out), 18 epochs, batch 128, 2 threads, <blas>`.
    static func openingLine(
        _ architecture: Architecture, settings: TrainingSettings, imageCount: Int, blas: String = BLAS.summary
    ) -> String {
        let trainCount = imageCount - settings.validationCount
        return "training \(architecture.sizesDescription) \(architecture.activation.rawValue) on "
            + "\(Format.grouped(imageCount)) images "
            + "(\(Format.grouped(trainCount)) trained on, \(Format.grouped(settings.validationCount)) held out), "
            + "\(settings.epochs) epoch\(settings.epochs == 1 ? "" : "s"), "
            + "batch \(settings.batchSize), \(settings.threads) thread\(settings.threads == 1 ? "" : "s"), \(blas)"
    }

    /// The note for more threads than cores, or nil.
    static func threadsNote(threads: Int, cores: Int) -> String? {
        guard threads > cores else { return nil }
        return "note: \(threads) threads on \(cores) cores: more threads than cores only slows training down"
    }

    /// The last line of a finished run saved at `path`.
    /// `keep` says which network the run kept.
    static func closingLine(
        path: String, progress p: TrainingProgress, temperature: Float, keep: KeptNetwork = .best
    ) -> String {
        let accuracy = Format.percent(p.bestValidationAccuracy)
        let best =
            p.bestValidationAccuracy < 0
            ? "no validation split: the last epoch's weights"
            : (keep == .last
                ? "the last epoch's weights, validation accuracy \(accuracy)"
                : "best validation accuracy \(accuracy) after epoch \(p.bestEpoch)")
                + ", temperature \(Format.fixed(Double(temperature), 3))"
        return "saved \(path): \(best); evaluate it with `digits evaluate --model \(path)`"
    }

    /// Why the run stopped on a NaN or infinite loss in `epoch`, `batch`, and what was `kept`.
    static func nonFiniteLossMessage(epoch: Int, batch: Int, kept: String, learningRate: Float) -> String {
        "the loss became NaN or infinite in epoch \(epoch), batch \(batch): "
            + "training stopped and \(kept); try a lower --learning-rate (the peak rate was \(learningRate))"
    }
}
