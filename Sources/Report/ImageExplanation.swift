// Everything `digits classify --explain` writes for one image, built in memory.

/// One classified image explained: the picture as given, the 28 × 28 input the network saw,
/// the network's probabilities, and the page tying them together (`explainPage`).
///
///     let explanation = ImageExplanation(title: "seven.png", inputPNG: bytes, ink: input,
///                                        probabilities: probabilities)
///     for file in try explanation.files() { /* write file.bytes to DIR/file.name */ }
public struct ImageExplanation: Sendable {
    /// Page title, usually the input file's name.
    public var title: String
    /// The input file's bytes as the user gave them (a PNG), copied unchanged.
    public var inputPNG: [UInt8]
    /// The preprocessed input, `[side × side]` ink levels (0 background, 255 ink), row-major.
    public var ink: [UInt8]
    /// The network's output for `ink`, one probability per class.
    public var probabilities: [Float]
    /// Side of the input image in pixels (28 for MNIST).
    public var side: Int
    /// How many times the input is enlarged for the page (nearest neighbour).
    public var scale: Int

    /// Creates an explanation from its parts (see the properties).
    public init(
        title: String, inputPNG: [UInt8], ink: [UInt8], probabilities: [Float], side: Int = 28, scale: Int = 6
    ) {
        self.title = title
        self.inputPNG = inputPNG
        self.ink = ink
        self.probabilities = probabilities
        self.side = side
        self.scale = scale
    }

    /// The page's file name.
    public static let pageFile = "explain.html"
    /// The copy of the input picture.
    public static let inputFile = "input.png"
    /// The enlarged preprocessed picture.
    public static let preprocessedFile = "preprocessed.png"
    /// The probability bar chart.
    public static let probabilitiesFile = "probabilities.svg"

    /// The four files: the input copy, the preprocessed picture (dark ink on white, each input
    /// pixel a `scale` × `scale` block), the probability chart, and `explain.html` last.
    ///
    /// - Throws: `ReportError.wrongSize` if `ink` is not `side × side` values,
    ///   `.pictureEncoding` if the PNG cannot be made.
    public func files() throws(ReportError) -> [ReportFile] {
        let seen = try imageGrid([ink], width: side, height: side, layout: TileLayout(columns: 1, scale: 1, gap: 0))
            .upscaled(by: scale)
        let chances = probabilities.map(Double.init)
        let page = explainPage(
            title: title, inputImageFile: Self.inputFile, preprocessedImageFile: Self.preprocessedFile,
            probabilityChartFile: Self.probabilitiesFile, probabilities: chances)
        return [
            ReportFile(name: Self.inputFile, bytes: inputPNG),
            ReportFile(name: Self.preprocessedFile, bytes: try seen.pngData(name: Self.preprocessedFile)),
            ReportFile(name: Self.probabilitiesFile, text: probabilitySVG(chances)),
            ReportFile(name: Self.pageFile, text: page.html),
        ]
    }
}
