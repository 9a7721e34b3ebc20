// Everything `digits report` writes, built in memory: the charts, the pictures and the page.

import Model

/// One file of a report: its name relative to the report's directory, and its bytes.
public struct ReportFile: Sendable, Equatable {
    /// Relative file name, e.g. `"index.html"`.
    public var name: String
    /// The file's content.
    public var bytes: [UInt8]

    /// Creates a value from its fields (see the properties for units).
    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    /// A text file, UTF-8 encoded.
    public init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }
}

/// A trained network's report: what `digits report` puts in its directory.
///
///     let report = TrainingReport(title: "digits report: mnist", history: state.history,
///                                 network: state.best, confusion: matrix)
///     for file in try report.files() { /* write file.bytes to DIR/file.name */ }
public struct TrainingReport: Sendable {
    /// Page title and top heading.
    public var title: String
    /// A sentence under the title: which checkpoint, which data.
    public var summary: String
    /// The training history, one entry per finished epoch (the learning curves).
    public var history: [EpochStatistics]
    /// The network evaluated (its first layer is drawn as weight tiles).
    public var network: MLP
    /// The confusion matrix of `network` on the evaluated split.
    public var confusion: ConfusionMatrix
    /// The misclassified images to show, most confident first.
    public var mistakes: [Mistake]
    /// The images of `mistakes`, same order, each `[28 × 28]` ink levels (0 background, 255 ink).
    public var mistakeImages: [[UInt8]]
    /// The settings table, in display order.
    public var settings: [ReportSetting]
    /// How many first-layer units to draw at most.
    public var units: Int
    /// The reliability bins of the evaluated split with the network's temperature, and with
    /// the plain softmax (nil: no reliability diagram).
    public var reliability: (calibrated: ReliabilityBins, plain: ReliabilityBins)?
    /// Pictures of the training distortions: rows of 28 × 28 images, each row the same images
    /// (the first as they are, the others distorted as in one epoch); empty for none.
    public var distortionRows: [[[UInt8]]] = []
    /// What the distortions are (`Augmentation.summary`), for the caption.
    public var distortionSummary = ""

    /// Creates a report from its parts (see the properties).
    public init(
        title: String, summary: String = "", history: [EpochStatistics], network: MLP,
        confusion: ConfusionMatrix, mistakes: [Mistake] = [], mistakeImages: [[UInt8]] = [],
        settings: [ReportSetting] = [], units: Int = 64
    ) {
        self.title = title
        self.summary = summary
        self.history = history
        self.network = network
        self.confusion = confusion
        self.mistakes = mistakes
        self.mistakeImages = mistakeImages
        self.settings = settings
        self.units = units
    }

    /// The page's file name.
    public static let indexFile = "index.html"
    /// The learning-curves chart's file name.
    public static let learningCurvesFile = "learning-curves.svg"
    /// The confusion heatmap's file name.
    public static let confusionFile = "confusion-matrix.svg"
    /// The per-class precision and recall chart's file name.
    public static let perClassFile = "per-class.svg"
    /// The mistakes gallery's file name.
    public static let mistakesFile = "mistakes.png"
    /// The first-layer weight tiles' file name.
    public static let weightsFile = "weights.png"
    /// The reliability diagram's file name.
    public static let reliabilityFile = "reliability.svg"
    /// The distortion samples' file name.
    public static let distortionsFile = "distortions.png"

    /// Tiles per row in the mistakes gallery and the weight tiles: ten tiles of 3× enlarged
    /// 28 × 28 images make a picture 884 pixels wide, the page's width.
    public static let layout = TileLayout(columns: 10, scale: 3, gap: 4)

    /// Every file of the report: the three SVG charts, the two PNG pictures, and `index.html`
    /// last, which refers to all the others (`HTMLPage.referencedFiles`).
    ///
    /// - Throws: `ReportError.lengthMismatch` if `mistakeImages` does not match `mistakes`,
    ///   `.wrongSize` for an image that is not 28 × 28 or a network whose input is not a
    ///   square image, `.pictureEncoding` if a PNG cannot be made.
    public func files() throws(ReportError) -> [ReportFile] {
        guard mistakeImages.count == mistakes.count else {
            throw .lengthMismatch(input: "mistake images", expected: mistakes.count, found: mistakeImages.count)
        }
        let labels = (0..<confusion.classes).map(String.init)
        let perClass = confusion.perClass
        var files: [ReportFile] = []

        files.append(
            ReportFile(name: Self.learningCurvesFile, text: learningCurveSVG(history, loss: network.architecture.loss)))
        files.append(
            ReportFile(name: Self.confusionFile, text: try confusionMatrixSVG(confusion.counts, labels: labels)))
        files.append(
            ReportFile(
                name: Self.perClassFile,
                text: try perClassBarsSVG(
                    precision: perClass.map(\.precision), recall: perClass.map(\.recall), labels: labels)))

        let firstLayer = try FirstLayerWeights(of: network)
        let shown = min(max(0, units), firstLayer.units)
        let tiles = try firstLayer.picture(limit: shown, layout: Self.layout)
        files.append(ReportFile(name: Self.weightsFile, bytes: try tiles.pngData(name: Self.weightsFile)))
        var gallery: MistakesGallery?
        if !mistakes.isEmpty {
            let grid = try imageGrid(mistakeImages, layout: Self.layout)
            files.append(ReportFile(name: Self.mistakesFile, bytes: try grid.pngData(name: Self.mistakesFile)))
            gallery = MistakesGallery(imageFile: Self.mistakesFile, layout: Self.layout, captions: mistakes)
        } else if confusion.total > 0 && confusion.correct == confusion.total {
            // Say so on the page when there is nothing to show because nothing was wrong.
            gallery = MistakesGallery(imageFile: Self.mistakesFile, layout: Self.layout, captions: [])
        }

        var figures = [
            ReportFigure(
                title: "Learning curves", file: Self.learningCurvesFile,
                alt: "Training loss, train accuracy and validation accuracy after each epoch",
                caption: history.isEmpty
                    ? "The checkpoint holds no finished epoch."
                    : "After each of the \(history.count) epochs: the mean training loss (left axis), and the "
                        + "accuracy on the training images as they were trained on and on the held-out validation images (right axis)."
            ),
            ReportFigure(
                title: "Confusion matrix", file: Self.confusionFile,
                alt: "Heatmap of true digit against predicted digit with the count in each cell",
                caption: "Rows: true digit; columns: predicted digit; the count in each cell. Shading: the cell's "
                    + "share of its row on a log scale, so that rare confusions stand out."),
            ReportFigure(
                title: "Precision and recall per digit", file: Self.perClassFile,
                alt: "Bars of precision and recall for each digit",
                caption: "Precision: of the images predicted as the digit, the share that are it. Recall: of the "
                    + "images of the digit, the share found."),
            ReportFigure(
                title: firstLayer.isOutputLayer ? "Class templates (output-layer weights)" : "First-layer weights",
                file: Self.weightsFile,
                alt: "Each unit's incoming weights drawn as a 28 by 28 tile, blue negative, red positive",
                caption: firstLayer.caption(shown: shown)
                    + (distortionRows.isEmpty
                        ? ""
                        : " "
                            + "Trained on distorted images, the units become smoother, broader stroke detectors: a "
                            + "pattern must still match when the digit is tilted, stretched, shifted or bent by a "
                            + "pixel or two, so single-pixel speckle (which fits only the exact training images) "
                            + "no longer pays."),
                pixelated: true),
        ]
        if let reliability {
            files.append(
                ReportFile(
                    name: Self.reliabilityFile,
                    text: reliabilitySVG(
                        calibrated: reliability.calibrated, plain: reliability.plain)))
            let percent = { (x: Double) in String(format: "%.2f%%", x * 100) }
            figures.append(
                ReportFigure(
                    title: "Reliability diagram", file: Self.reliabilityFile,
                    alt: "Accuracy against confidence in 15 equal-width bins, with the count of images in each",
                    caption: "The images sorted by confidence into 15 equal-width bins; each bar is the accuracy in "
                        + "its bin, the number above it how many images fell there. A calibrated network's bars "
                        + "reach the diagonal. Expected calibration error: \(percent(reliability.plain.expectedCalibrationError)) "
                        + "with the plain softmax, \(percent(reliability.calibrated.expectedCalibrationError)) with "
                        + "the temperature \(String(format: "%.3f", network.temperature)) fitted on the validation images."
                ))
        }
        if !distortionRows.isEmpty {
            let grid = try imageGrid(distortionRows.flatMap { $0 }, layout: Self.layout)
            files.append(ReportFile(name: Self.distortionsFile, bytes: try grid.pngData(name: Self.distortionsFile)))
            figures.append(
                ReportFigure(
                    title: "Training distortions", file: Self.distortionsFile,
                    alt: "Test images as they are, then distorted as training distorts its images",
                    caption: "First row: images as they are. Each row below: the same images distorted as training "
                        + "distorts its images in one epoch, each image anew every epoch: \(distortionSummary). "
                        + "Validation and test images are never distorted.", pixelated: true))
        }
        let page = reportIndexHTML(
            ReportContent(
                title: title, summary: summary, accuracy: confusion.accuracy, count: confusion.total,
                confusion: confusion.counts, labels: labels, perClass: perClass, settings: settings,
                figures: figures, mistakes: gallery))
        files.append(ReportFile(name: Self.indexFile, text: page.html))
        return files
    }
}
