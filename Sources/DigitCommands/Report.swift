import ArgumentParser
import FileIO
import IDX
import Model
import Report

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `digits report`: a training report as a web page of pictures and tables.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a training report: a web page of charts, pictures and tables.",
        discussion: """
            Evaluates the kept weights of the checkpoint on a split (default: the official test \
            set) and writes a directory holding a self-contained index.html (no scripts, fonts \
            or network) and its pictures:

              learning-curves.svg   loss and accuracy per epoch, from the checkpoint
              confusion-matrix.svg  true × predicted digit, counts in the cells
              per-class.svg         precision and recall per digit
              mistakes.png          the most confident mistakes (captions in the page)
              weights.png           each first-layer unit's weights as a 28×28 tile;
                                    with no hidden layer, the ten class templates
              reliability.svg       accuracy against confidence in 15 bins (calibration)
              distortions.png       with distortions: images as training distorts them

            The page also gives the accuracy, the confusion and per-class tables and every \
            setting the model was trained with. Each file is replaced atomically; files of \
            another kind (a directory whose index.html is not a digits report's) are not replaced \
            without --overwrite. The path of index.html is printed on stdout.

            Examples:
              digits report
              digits report --model models/wide.safetensors --mistakes 100 --units 128
              xdg-open "$(digits report)"
            """)

    @OptionGroup var data: DataOptions
    @OptionGroup var model: ModelFileOption

    @Option(
        help: ArgumentHelp(
            "Directory to write into, created if missing (default: reports/<model file name without extension>).",
            valueName: "dir"),
        completion: .directory)
    var out: String?

    @Option(help: "Which split to evaluate: test (the official 10,000) or train.")
    var split = Evaluate.Split.test

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("How many of the most confident mistakes to show (0 for none).", valueName: "n"))
    var mistakes = 40

    @Option(parsing: .unconditional, help: ArgumentHelp("How many first-layer units to draw at most.", valueName: "n"))
    var units = 64

    @Flag(help: "Write into --out even where its files are not those of a digits report.")
    var overwrite = false

    func validate() throws {
        guard mistakes >= 0 else { throw ValidationError("--mistakes must be 0 or more, found \(mistakes)") }
        guard units >= 1 else { throw ValidationError("--units must be at least 1, found \(units)") }
        if out?.isEmpty == true { throw ValidationError("--out must name a directory") }
    }

    /// The model file's name without directories and extension: `mnist` for `models/mnist.safetensors`.
    var modelName: String {
        let stem = PathParts(model.path).stem
        return stem.isEmpty ? "model" : stem
    }

    /// `--out` (without a trailing slash), or `reports/<modelName>`.
    var directory: String {
        guard let out else { return "reports/" + modelName }
        return out.hasSuffix("/") && out.count > 1 ? String(out.dropLast()) : out
    }

    func run() throws {
        let watch = Stopwatch()
        let state = try Checkpoint.load(from: model.path).state
        let network = state.best
        let dataset = try data.load(split.mnist)
        let (probabilities, _, matrix) = try evaluateSplit(network: network, dataset: dataset)
        let shown = mostConfidentMistakes(
            probabilities: probabilities, labels: dataset.labels,
            classes: network.architecture.classCount, limit: mistakes)

        var report = TrainingReport(
            title: OutputRules.reportTitle + modelName,
            summary: "The kept weights of \(model.path) (\(network.architecture.sizesDescription)), evaluated on "
                + "the \(split.rawValue) split of \(data.directory) (\(Format.grouped(dataset.count)) images).",
            history: state.history, network: network, confusion: matrix,
            mistakes: shown, mistakeImages: shown.map { Array(dataset.image(at: $0.index)) },
            settings: checkpointFacts(state, path: model.path).map { ReportSetting($0.name, $0.value) }
                + [ReportSetting("evaluated on", "\(split.rawValue) split of \(data.directory)")],
            units: units)
        let calibration = try calibrationOfSplit(network: network, dataset: dataset, calibrated: probabilities)
        report.reliability = (calibration.calibrated, calibration.plain)
        if let augmentation = state.settings.augmentation, augmentation.kind != .none, dataset.count >= 10 {
            let originals = Array(dataset.images[0..<(10 * MNISTDataset.pixelsPerImage)])
            let rows =
                [originals]
                + (1...3).compactMap {
                    augmentation.distort(originals, count: 10, seed: state.settings.seed, epoch: $0)
                }
            report.distortionRows = rows.map { row in
                (0..<10).map {
                    Array(row[($0 * MNISTDataset.pixelsPerImage)..<(($0 + 1) * MNISTDataset.pixelsPerImage)])
                }
            }
            report.distortionSummary = augmentation.summary
        }
        let files = try report.files()

        // Pictures first and the page last; each file replaced atomically. Not flushed to disk
        // (`durable: false`): a report is quick to make again, and fsync would dominate its time.
        try DirectoryCreation.createDirectories(holding: directory + "/" + TrainingReport.indexFile)
        try OutputRules.checkReportDirectory(
            directory, names: files.map(\.name), index: TrainingReport.indexFile, inputs: [model.path] + data.files,
            overwrite: overwrite)
        for file in files {
            try AtomicFile.write(file.bytes, to: directory + "/" + file.name, durable: false)
        }
        // A picture of an earlier report that this one does not have (no mistakes to show) would
        // contradict the new page: remove it.
        let stale = directory + "/" + TrainingReport.mistakesFile
        if !files.contains(where: { $0.name == TrainingReport.mistakesFile }),
            FileType.of(stale, followLinks: false) == .regular
        {
            SystemPath.unlink(stale)
        }
        let index = directory + "/" + TrainingReport.indexFile
        Console.note(
            "accuracy \(Format.percent(matrix.accuracy)) on the \(split.rawValue) split; wrote "
                + "\(files.count) files to \(directory)/ in \(Format.fixed(watch.seconds, 2)) s")
        Console.output(index)
    }
}
