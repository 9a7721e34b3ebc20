import ArgumentParser
import FileIO
import IDX
import Model

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `digits train`: trains a network on a data set in the MNIST layout and saves it.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a network and save it as a checkpoint.",
        discussion: """
            Trains a multilayer perceptron with minibatch SGD on the training split of --data, \
            holding out the last --validation images to measure every epoch (the official test \
            set is never used here: see `digits evaluate`). The run keeps its last epoch's \
            network (--keep last, the presets' choice: their learning rate anneals to 0) or the \
            one with the best validation accuracy (--keep best). After every epoch the \
            checkpoint is replaced, atomically, by one holding the kept weights so far and \
            everything needed to resume.

            Ctrl-C (or SIGTERM, SIGHUP) stops after the current batch, saves a resumable \
            checkpoint and exits 130 (143, 129); a second one exits at once, keeping the last \
            saved checkpoint. `digits train --resume` continues it with the settings stored in \
            it, to the same final weights as an uninterrupted run; options that contradict them \
            are refused. A second run on the same --model is refused while one is training.

            --model never replaces an input, a file that is not a digits checkpoint, or an \
            unfinished run (continue it with --resume) unless --overwrite is given.

            Presets (--preset; options given explicitly override them):
              fast       \(AugmentationOptions.describe(.fast)) (the default)
              accurate   \(AugmentationOptions.describe(.accurate))
            After the last epoch the softmax temperature is fitted on the validation images so \
            that the probabilities are calibrated (stored in the checkpoint; see `digits evaluate`).

            Examples:
              digits train                          the default recipe (784-256-128-10, distorted images)
              digits train --augment elastic        the same with elastic distortions too
              digits train --preset accurate        784-800-800-10, 36 epochs
              digits train --augment none           the same on the images as they are
              digits train --hidden none            softmax regression, no hidden layer
              digits train --hidden 800 --batch-size 128 --model models/wide.safetensors
              digits train --activation sigmoid --loss mse --learning-rate 0.5
              digits train --resume                 continue an interrupted run
            """)

    @OptionGroup var data: DataOptions
    @OptionGroup var model: ModelFileOption
    @OptionGroup var network: NetworkOptions
    @OptionGroup var recipe: RecipeOptions
    @OptionGroup var distortion: AugmentationOptions

    @Flag(help: "Continue the interrupted run saved in --model, with its stored settings.")
    var resume = false

    @Flag(help: "Print one JSON object per epoch on stdout (JSON Lines).")
    var json = false

    @Flag(help: "Replace --model even if it is not a digits checkpoint or holds an unfinished run.")
    var overwrite = false

    func validate() throws {
        try network.validate()
        try recipe.validate()
        try distortion.validate()
        if let problem = settings.problem() { throw ValidationError(problem) }
    }

    /// The settings of a new run: the preset's, with the options given put in.
    var settings: TrainingSettings {
        distortion.apply(to: recipe.settings(distortion.preset))
    }

    func run() throws {
        let training = try data.load(.train)
        let examples = Examples(images: training.images, labels: training.labels)
        // The checkpoint's path is checked, locked and tried before anything is trained.
        try DirectoryCreation.createDirectories(holding: model.path)
        if case .direct = try OutputTarget(model.path) {
            // Replaced after every epoch and read back by --resume: only a regular file will do.
            let kind = model.path == OutputTarget.standardOutput ? "stdout" : FileType.of(model.path).phrase
            throw FileIOError.notRegularFile(path: model.path, kind: kind)
        }
        let lock = try lockCheckpoint()
        try checkOutput()
        var trainer = try makeTrainer(examples: examples)
        AtomicFile.removeStaleTemporaries(of: model.path)
        // Fail now rather than after the first epoch if the checkpoint cannot be written there
        // (read-only file system, no permission): a trial temporary file, removed at once.
        _ = try AtomicFile(path: model.path)
        let settings = trainer.state.settings
        if let note = TrainingLog.threadsNote(threads: settings.threads, cores: activeProcessorCount()) {
            Console.note(note)
        }
        Console.note(
            TrainingLog.openingLine(trainer.state.latest.architecture, settings: settings, imageCount: examples.count))
        Console.note("distortions: \((settings.augmentation ?? .none).summary)")

        var log = TrainingLog(
            settings: settings, trainCount: examples.count - settings.validationCount, json: json)
        var savedThisRun = false
        var epochEnded = false
        Interrupt.install(checkpoint: model.path, lockFile: lock?.lockPath)
        // One epoch per call, so that the checkpoint is replaced after every epoch.
        while !trainer.state.isFinished && !Interrupt.requested {
            epochEnded = false
            log.startEpoch()
            do {
                _ = try trainer.run(
                    progress: { log.batchDone($0) },
                    epochEnd: { stats in
                        log.epochEnded(stats)
                        epochEnded = true
                    },
                    shouldStop: { epochEnded || Interrupt.requested })
            } catch {
                log.clearBar()
                guard case .nonFiniteLoss(let epoch, let batch) = error else { throw error }
                let kept =
                    savedThisRun
                    ? "the last good checkpoint (epoch \(trainer.state.progress.epochsDone)) is kept in \(model.path)"
                    : resume ? "\(model.path) is kept as it was when resumed" : "no checkpoint was written"
                throw CommandFailure(
                    message: TrainingLog.nonFiniteLossMessage(
                        epoch: epoch, batch: batch, kept: kept, learningRate: settings.learningRate))
            }
            log.clearBar()
            try Checkpoint.save(trainer.state, to: model.path)
            savedThisRun = true
            Interrupt.noteSaved()
        }
        withExtendedLifetime(lock) {}

        if !trainer.state.isFinished {
            Console.note(
                "interrupted: saved a resumable checkpoint to \(model.path); continue with "
                    + "`digits train --resume --model \(model.path)`")
            throw ExitCode(Interrupt.exitStatus)
        }
        Console.note(
            TrainingLog.closingLine(
                path: model.path, progress: trainer.state.progress, temperature: trainer.state.best.temperature,
                keep: trainer.state.settings.keep ?? .best))
    }

    /// The lock on --model for this run, refusing at once if another run holds it; nil where no
    /// lock file can be made (a read-only directory: then nobody can write the checkpoint there,
    /// and the trial write says so).
    private func lockCheckpoint() throws -> FileLock? {
        do {
            return try FileLock(path: model.path)
        } catch {
            if case .locked = error { throw error }
            return nil
        }
    }

    /// Refuses a --model path that a new run must not replace: an input (a data file), a file
    /// that is not a digits checkpoint, or an unfinished run. (With --resume the file is the
    /// run's own checkpoint, and loading it says what is wrong with it.)
    private func checkOutput() throws {
        guard !resume else { return }
        try OutputRules.checkCheckpoint(model.path, inputs: data.files, overwrite: overwrite)
        guard !overwrite, FileType.of(model.path) == .regular,
            let state = try? Checkpoint.load(from: model.path).state, !state.isFinished
        else { return }
        let p = state.progress
        throw CommandFailure(
            message: "\(model.path): holds an unfinished run (\(p.epochsDone) of "
                + "\(state.settings.epochs) epochs done\(p.batchesDone > 0 ? ", \(p.batchesDone) batches into the next" : "")): "
                + "continue it with `digits train --resume --model \(model.path)`, or pass --overwrite to start a new run over it"
        )
    }

    /// A new run from the options, or, with `--resume`, the run stored in the checkpoint.
    private func makeTrainer(examples: Examples) throws -> Trainer {
        if resume {
            var state = try Checkpoint.load(from: model.path).state
            try checkResumeConflicts(state)
            if let threads = recipe.threads { state.settings.threads = threads }
            if state.isFinished {
                throw CommandFailure(
                    message: "\(model.path): training already finished "
                        + "(\(state.progress.epochsDone) of \(state.settings.epochs) epochs); nothing to resume")
            }
            if let problem = state.settings.problem(exampleCount: examples.count) {
                throw CommandFailure(message: "\(model.path): cannot resume on \(data.directory): \(problem)")
            }
            Console.note(
                "resuming \(model.path) at epoch \(state.progress.epochsDone + 1), "
                    + "batch \(state.progress.batchesDone + 1)")
            return try Trainer(resuming: state, examples: examples)
        }
        var settings = self.settings
        // A preset's batch size larger than a small data set's training images becomes all of
        // them (the run's first line says so); an explicit --batch-size that large is refused.
        let trained = examples.count - settings.validationCount
        if recipe.batchSize == nil, trained >= 1, settings.batchSize > trained { settings.batchSize = trained }
        if let problem = settings.problem(exampleCount: examples.count) {
            throw CommandFailure(
                message: "\(problem) (with \(Format.grouped(examples.count)) training images in \(data.directory))",
                exitCode: 2)
        }
        return try Trainer(
            architecture: try network.architecture(distortion.preset), settings: settings, examples: examples)
    }
}

/// The number of processors online (at least 1).
private func activeProcessorCount() -> Int {
    max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
}
