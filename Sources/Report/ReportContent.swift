// The numbers and file names a report page is built from (computed elsewhere).

import Model

/// The mistakes gallery: one grid picture (from `imageGrid`) and one caption per tile in
/// the same order.
public struct MistakesGallery: Sendable, Equatable {
    /// Relative file name of the grid picture, e.g. `"mistakes.png"`.
    public var imageFile: String
    /// The tile layout the picture was drawn with (to state each caption's row and column).
    public var layout: TileLayout
    /// The mistakes shown, in tile order (their captions).
    public var captions: [Mistake]

    /// Creates a value from its fields (see the properties for units).
    public init(imageFile: String, layout: TileLayout, captions: [Mistake]) {
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

extension ReportContent {
    /// The display name of class `index`: `labels[index]`, or the number itself.
    func name(of index: Int) -> String {
        labels.indices.contains(index) ? labels[index] : String(index)
    }
}
