// The numbers and file names a report page is built from (computed elsewhere).

/// Precision, recall, F1 and support for one class, as computed by the caller.
public struct ClassMetrics: Sendable, Equatable {
    /// Class name, e.g. `"7"`.
    public var label: String
    /// Of the images predicted as this class, the fraction that are (in [0, 1]; NaN if none).
    public var precision: Double
    /// Of the images of this class, the fraction predicted as it (in [0, 1]; NaN if none).
    public var recall: Double
    /// Harmonic mean of precision and recall (in [0, 1]).
    public var f1: Double
    /// Number of test images of this class.
    public var support: Int

    /// Creates a value from its fields (see the properties for units).
    public init(label: String, precision: Double, recall: Double, f1: Double, support: Int) {
        self.label = label
        self.precision = precision
        self.recall = recall
        self.f1 = f1
        self.support = support
    }
}

/// The caption of one tile in the mistakes gallery.
public struct MistakeCaption: Sendable, Equatable {
    /// Index of the image in the evaluated data set (0-based).
    public var index: Int
    /// The true class name.
    public var trueLabel: String
    /// The predicted class name.
    public var predicted: String
    /// The network's probability for `predicted`, in [0, 1].
    public var confidence: Double

    /// Creates a value from its fields (see the properties for units).
    public init(index: Int, trueLabel: String, predicted: String, confidence: Double) {
        self.index = index
        self.trueLabel = trueLabel
        self.predicted = predicted
        self.confidence = confidence
    }
}

/// The mistakes gallery: one grid picture (from `imageGrid`) and one caption per tile in
/// the same order.
public struct MistakesGallery: Sendable, Equatable {
    /// Relative file name of the grid picture, e.g. `"mistakes.png"`.
    public var imageFile: String
    /// The tile layout the picture was drawn with (to state each caption's row and column).
    public var layout: TileLayout
    /// Captions in tile order.
    public var captions: [MistakeCaption]

    /// Creates a value from its fields (see the properties for units).
    public init(imageFile: String, layout: TileLayout, captions: [MistakeCaption]) {
        self.imageFile = imageFile
        self.layout = layout
        self.captions = captions
    }
}

/// One picture on the page with its heading and caption.
public struct ReportFigure: Sendable, Equatable {
    /// Section heading, e.g. `"Learning curves"`.
    public var title: String
    /// Relative file name, e.g. `"curves.svg"`.
    public var file: String
    /// Text alternative for readers who cannot see the picture.
    public var alt: String
    /// Caption under the picture (plain text; may be empty).
    public var caption: String
    /// Draw the picture with hard pixel edges (for upscaled rasters).
    public var pixelated: Bool

    /// Creates a value from its fields (see the properties for units).
    public init(title: String, file: String, alt: String, caption: String = "", pixelated: Bool = false) {
        self.title = title
        self.file = file
        self.alt = alt
        self.caption = caption
        self.pixelated = pixelated
    }
}

/// One training or evaluation setting shown on the page, e.g. `("learning rate", "0.1")`.
public struct ReportSetting: Sendable, Equatable {
    /// What the setting is, e.g. `"learning rate"`.
    public var name: String
    /// Its value as shown, e.g. `"0.1"`.
    public var value: String

    /// Creates a value from its fields (see the properties for units).
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// Everything `reportIndexHTML` puts on the page.
public struct ReportContent: Sendable, Equatable {
    /// Page title and top heading.
    public var title: String
    /// A sentence under the title (e.g. the checkpoint and data set evaluated); may be empty.
    public var summary: String
    /// Overall accuracy on the evaluated set, in [0, 1].
    public var accuracy: Double
    /// Number of images evaluated.
    public var count: Int
    /// Confusion counts `[true][predicted]` (n × n).
    public var confusion: [[Int]]
    /// Class names in confusion-matrix order.
    public var labels: [String]
    /// Per-class metrics, one per class.
    public var perClass: [ClassMetrics]
    /// Training and evaluation settings, in display order.
    public var settings: [ReportSetting]
    /// Pictures, in display order (charts first, then for example weight tiles).
    public var figures: [ReportFigure]
    /// The mistakes gallery, if any.
    public var mistakes: MistakesGallery?

    /// Creates a value from its fields (see the properties for units).
    public init(
        title: String, summary: String = "", accuracy: Double, count: Int, confusion: [[Int]],
        labels: [String] = (0..<10).map(String.init), perClass: [ClassMetrics] = [],
        settings: [ReportSetting] = [], figures: [ReportFigure] = [], mistakes: MistakesGallery? = nil
    ) {
        self.title = title
        self.summary = summary
        self.accuracy = accuracy
        self.count = count
        self.confusion = confusion
        self.labels = labels
        self.perClass = perClass
        self.settings = settings
        self.figures = figures
        self.mistakes = mistakes
    }
}
