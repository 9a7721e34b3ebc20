import ArgumentParser
import FileIO
import IDX
import Model

/// `digits evaluate`: accuracy, confusion matrix, per-class figures and the worst mistakes.
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure a checkpoint on a data split: accuracy, confusion matrix, per-class figures.",
        discussion: """
            Classifies every image of the split (default: the official test set) with the best \
            weights of the checkpoint and prints the accuracy, the 10×10 confusion matrix (rows: \
            true digit, columns: predicted), precision, recall, F1 and support per digit, and the \
            most confident mistakes, and how honest the confidences are: the expected \
            calibration error (ECE: over 15 equal-width bins of confidence, the mean gap between \
            confidence and accuracy, weighted by the bin's share of the images) with the plain \
            softmax and with the checkpoint's fitted temperature, which the probabilities shown \
            everywhere use.

            Examples:
              digits evaluate
              digits evaluate --split train --misclassified 20
              digits evaluate --json | python3 -m json.tool
            """)

    /// The data-set split to measure.
    enum Split: String, ExpressibleByArgument, CaseIterable {
        case test, train
        var mnist: MNISTSplit { self == .test ? .test : .train }
    }

    @OptionGroup var data: DataOptions
    @OptionGroup var model: ModelFileOption

    @Option(help: "Which split to measure: test (the official 10,000) or train.")
    var split = Split.test

    @Option(
        parsing: .unconditional, help: ArgumentHelp("How many of the most confident mistakes to list.", valueName: "n"))
    var misclassified = 10

    @Option(
        help: ArgumentHelp(
            "Also write the predicted digit of every image, one per line, to this file, or `-` for stdout (it never replaces the model, a data file or a file of another kind: see --overwrite).",
            valueName: "file"),
        completion: .file())
    var predictions: String?

    @Flag(help: "Print one JSON object on stdout instead of the tables.")
    var json = false

    @Flag(help: "Let --predictions replace a file that does not hold predictions.")
    var overwrite = false

    func validate() throws {
        guard misclassified >= 0 else {
            throw ValidationError("--misclassified must be 0 or more, found \(misclassified)")
        }
        if predictions?.isEmpty == true { throw ValidationError("--predictions must name a file, found an empty path") }
    }

    func run() throws {
        if let predictions {
            _ = try OutputTarget(predictions)
            try OutputRules.checkPredictions(predictions, inputs: [model.path] + data.files, overwrite: overwrite)
        }
        let network = try model.loadNetwork()
        let dataset = try data.load(split.mnist)
        let (probabilities, predicted, matrix) = try evaluateSplit(network: network, dataset: dataset)
        let calibration = try calibrationOfSplit(network: network, dataset: dataset, calibrated: probabilities)
        let mistakes = mostConfidentMistakes(
            probabilities: probabilities, labels: dataset.labels,
            classes: network.architecture.classCount, limit: misclassified)

        if let predictions {
            try AtomicFile.write(Array(predicted.map { "\($0)\n" }.joined().utf8), to: predictions)
        }
        if json {
            Console.output(evaluationJSON(matrix, mistakes: mistakes, calibration: calibration).text)
            return
        }
        Console.output(
            "accuracy \(Format.percent(matrix.accuracy)) (\(Format.grouped(matrix.correct)) of "
                + "\(Format.grouped(matrix.total))) on the \(split.rawValue) split of \(escapingControlCharacters(data.directory))"
        )
        Console.output(calibrationLine(calibration))
        Console.output("")
        Console.output(confusionTable(matrix))
        Console.output("")
        Console.output(perClassTable(matrix.perClass))
        if !mistakes.isEmpty {
            Console.output("")
            Console.output(mistakesTable(mistakes))
        }
    }
}

/// Classifies every image of `dataset` with `network`: the probabilities `[n, classes]`
/// (row-major), the predicted class of each image `[n]`, and the confusion matrix against the
/// labels. Shared by `digits evaluate` and `digits report`.
func evaluateSplit(network: MLP, dataset: MNISTDataset) throws
    -> (probabilities: [Float], predictions: [Int], matrix: ConfusionMatrix)
{
    let classes = network.architecture.classCount
    let probabilities = try network.predict(dataset.images)
    let predictions = argmaxRows(probabilities, classes: classes)
    let matrix = ConfusionMatrix(labels: dataset.labels, predictions: predictions, classes: classes)
    return (probabilities, predictions, matrix)
}

/// How calibrated a network's probabilities are on a split, before and after its temperature.
struct SplitCalibration {
    /// The network's softmax temperature.
    var temperature: Float
    /// Bins of the plain softmax (temperature 1).
    var plain: ReliabilityBins
    /// Bins of the network's own probabilities (its temperature).
    var calibrated: ReliabilityBins
}

/// The reliability bins of `dataset` under `network` with temperature 1 and with its own
/// (`calibrated`: its probabilities `[n, classes]`, already computed).
func calibrationOfSplit(network: MLP, dataset: MNISTDataset, calibrated: [Float]) throws -> SplitCalibration {
    let classes = network.architecture.classCount
    var plainNetwork = network
    plainNetwork.temperature = 1
    let plain = network.temperature == 1 ? calibrated : try plainNetwork.predict(dataset.images)
    return SplitCalibration(
        temperature: network.temperature,
        plain: ReliabilityBins(probabilities: plain, labels: dataset.labels, classes: classes),
        calibrated: ReliabilityBins(probabilities: calibrated, labels: dataset.labels, classes: classes))
}

/// `calibration error (ECE, 15 bins) 0.95% with the plain softmax, 0.31% with temperature 1.412`.
func calibrationLine(_ c: SplitCalibration) -> String {
    let plain = Format.percent(c.plain.expectedCalibrationError)
    guard c.temperature != 1 else {
        return "calibration error (ECE, 15 bins) \(plain) (plain softmax: the checkpoint has no fitted temperature)"
    }
    return "calibration error (ECE, 15 bins) \(plain) with the plain softmax, "
        + "\(Format.percent(c.calibrated.expectedCalibrationError)) with the fitted temperature \(Format.fixed(Double(c.temperature), 3))"
}

/// The evaluation as one JSON object: accuracy, count, confusion, per-class figures, mistakes,
/// calibration (`temperature`, `ece_before`: plain softmax, `ece_after`: with the temperature,
/// `reliability`: per bin its count, mean confidence and accuracy, with the temperature).
func evaluationJSON(_ matrix: ConfusionMatrix, mistakes: [Mistake], calibration: SplitCalibration) -> JSON {
    let bins = calibration.calibrated
    return .object([
        ("accuracy", .number(matrix.accuracy)),
        ("count", .integer(matrix.total)),
        ("correct", .integer(matrix.correct)),
        ("confusion", .array(matrix.counts.map { .array($0.map { .integer($0) }) })),
        (
            "per_class",
            .array(
                matrix.perClass.map { m in
                    .object([
                        ("digit", .integer(m.label)), ("precision", .number(m.precision)),
                        ("recall", .number(m.recall)), ("f1", .number(m.f1)), ("support", .integer(m.support)),
                    ])
                })
        ),
        (
            "misclassified",
            .array(
                mistakes.map { m in
                    .object([
                        ("index", .integer(m.index)), ("true", .integer(m.label)),
                        ("predicted", .integer(m.predicted)), ("confidence", .number(Double(m.confidence))),
                    ])
                })
        ),
        ("temperature", .number(Double(calibration.temperature))),
        ("ece_before", .number(calibration.plain.expectedCalibrationError)),
        ("ece_after", .number(calibration.calibrated.expectedCalibrationError)),
        (
            "reliability",
            .array(
                bins.counts.indices.map { b in
                    .object([
                        ("count", .integer(bins.counts[b])), ("confidence", .number(bins.meanConfidence[b])),
                        ("accuracy", .number(bins.accuracy[b])),
                    ])
                })
        ),
    ])
}

/// The confusion matrix as an aligned table with row and column totals.
///
///     confusion matrix (rows: true digit, columns: predicted digit)
///     true\pred     0     1 …     9 | total
///             0   972     0 …     1 |   980
func confusionTable(_ matrix: ConfusionMatrix) -> String {
    let width = max(5, String(matrix.total).count + 1)
    let cell = { (n: Int) in Format.right(String(n), width) }
    var lines = ["confusion matrix (rows: true digit, columns: predicted digit)"]
    lines.append(
        "true\\pred" + (0..<matrix.classes).map { Format.right(String($0), width) }.joined()
            + " |" + Format.right("total", width + 1))
    for (label, row) in matrix.counts.enumerated() {
        lines.append(
            Format.right(String(label), 9) + row.map(cell).joined()
                + " |" + Format.right(String(row.reduce(0, +)), width + 1))
    }
    lines.append(
        String(repeating: "-", count: 9 + width * matrix.classes) + "-+" + String(repeating: "-", count: width + 1))
    lines.append(
        Format.right("total", 9) + matrix.columnTotals.map(cell).joined()
            + " |" + Format.right(String(matrix.total), width + 1))
    return lines.joined(separator: "\n")
}

/// Precision, recall, F1 and support per digit, as an aligned table.
func perClassTable(_ metrics: [ClassMetrics]) -> String {
    var lines = ["digit  precision   recall       f1  support"]
    for m in metrics {
        lines.append(
            Format.right(String(m.label), 5) + Format.right(Format.percent(m.precision), 11)
                + Format.right(Format.percent(m.recall), 9) + Format.right(Format.percent(m.f1), 9)
                + Format.right(String(m.support), 9))
    }
    return lines.joined(separator: "\n")
}

/// The most confident mistakes as a table: index in the split, true, predicted, confidence.
func mistakesTable(_ mistakes: [Mistake]) -> String {
    var lines = ["most confident mistakes", "  index  true  predicted  confidence"]
    for m in mistakes {
        lines.append(
            Format.right(String(m.index), 7) + Format.right(String(m.label), 6)
                + Format.right(String(m.predicted), 11)
                + Format.right(Format.probability(Double(m.confidence)), 12))
    }
    return lines.joined(separator: "\n")
}
