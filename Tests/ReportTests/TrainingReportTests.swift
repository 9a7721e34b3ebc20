// The files `digits report` and `digits classify --explain` write, checked as a reader's
// browser would meet them: every referenced file present, SVGs well-formed with the right
// number of marks, PNGs decodable (by the project's own reader) at the expected size.

import Foundation
import Imaging
import Model
import Testing
@testable import Report

/// A history of `epochs` epochs, built through `EpochStatistics`' public `Codable` form.
private func history(epochs: Int, validation: Bool = true) throws -> [EpochStatistics] {
    let entries = (1...epochs).map { e in
        let v = validation ? String(0.9 + Double(e) * 0.01) : "null"
        return """
            {"epoch": \(e), "loss": \(0.5 / Double(e)), "trainAccuracy": \(0.85 + Double(e) * 0.01), \
            "validationAccuracy": \(v), "seconds": 1.5, "samplesPerSecond": 40000, "learningRate": 0.05}
            """
    }
    return try JSONDecoder().decode([EpochStatistics].self, from: Data("[\(entries.joined(separator: ","))]".utf8))
}

/// The confusion matrix whose counts are `sampleConfusion()`.
private func sampleMatrix() -> ConfusionMatrix {
    var matrix = ConfusionMatrix(classes: 10)
    for (t, row) in sampleConfusion().enumerated() {
        for (p, count) in row.enumerated() {
            for _ in 0..<count { matrix.add(label: t, predicted: p) }
        }
    }
    return matrix
}

private func network(hidden: [Int]) -> MLP {
    var random = RandomState(seed: 7)
    return MLP(architecture: Architecture(hiddenSizes: hidden), random: &random)
}

private func report(hidden: [Int] = [16], epochs: Int = 4, mistakes: Int = 13, units: Int = 64) throws -> TrainingReport
{
    let shown = (0..<mistakes).map {
        Mistake(index: $0 * 11, label: $0 % 10, predicted: ($0 + 1) % 10, confidence: 0.9)
    }
    return TrainingReport(
        title: "digits report: test", summary: "A test.", history: try history(epochs: epochs),
        network: network(hidden: hidden), confusion: sampleMatrix(), mistakes: shown,
        mistakeImages: (0..<mistakes).map { syntheticDigit($0) },
        settings: [ReportSetting("batch size", "64")], units: units)
}

private func text(_ file: ReportFile) -> String { String(decoding: file.bytes, as: UTF8.self) }

/// The page's `src` attributes, URL-unescaped (the test names need no unescaping).
private func sources(in html: String) -> [String] {
    html.components(separatedBy: "src=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
}

@Test func reportWritesEveryReferencedFileAndNothingElse() throws {
    let files = try report().files()
    let names = files.map(\.name)
    #expect(names.last == TrainingReport.indexFile)
    #expect(Set(names).count == names.count)
    let index = try #require(files.last)
    let referenced = sources(in: text(index))
    #expect(Set(referenced) == Set(names.dropLast()))
    #expect(
        Set(referenced) == [
            TrainingReport.learningCurvesFile, TrainingReport.confusionFile,
            TrainingReport.perClassFile, TrainingReport.weightsFile, TrainingReport.mistakesFile,
        ])
    // Self-contained: no scripts, no remote anything.
    #expect(!text(index).contains("<script") && !text(index).contains("http"))
}

@Test func reportChartsParseAndHaveTheirMarks() throws {
    let epochs = 4
    let files = Dictionary(uniqueKeysWithValues: try report(epochs: epochs).files().map { ($0.name, $0) })
    let curves = parseXML(text(try #require(files[TrainingReport.learningCurvesFile])))
    #expect(curves.wellFormed)
    #expect(curves.count("circle", classes: ["point"]) == 3 * epochs)
    let confusion = parseXML(text(try #require(files[TrainingReport.confusionFile])))
    #expect(confusion.wellFormed)
    #expect(confusion.count("rect", classes: ["cell"]) == 100)
    let bars = parseXML(text(try #require(files[TrainingReport.perClassFile])))
    #expect(bars.wellFormed)
    #expect(bars.count("rect", classes: ["bar"]) == 20)
    #expect(bars.count("rect", classes: ["bar", "precision"]) == 10)
}

@Test func reportPicturesDecodeToTheirLayoutSize() throws {
    let files = Dictionary(uniqueKeysWithValues: try report(hidden: [16], mistakes: 13).files().map { ($0.name, $0) })
    let layout = TrainingReport.layout
    // 16 units and 13 mistakes, 10 to a row: two rows of ten 28 × 28 tiles at 3×, gaps of 4.
    let expected = layout.size(tiles: 16, tileWidth: 28, tileHeight: 28)
    #expect(expected == (width: 4 + 10 * 88, height: 4 + 2 * 88))
    let weights = try PNGDecoder.decode(try #require(files[TrainingReport.weightsFile]).bytes)
    #expect(weights.width == expected.width && weights.height == expected.height)
    let mistakes = try PNGDecoder.decode(try #require(files[TrainingReport.mistakesFile]).bytes)
    #expect(mistakes.width == expected.width && mistakes.height == expected.height)
}

@Test func reportLimitsUnitsAndShowsClassTemplatesWithoutHiddenLayer() throws {
    let wide = try report(hidden: [100], units: 30).files()
    let tiles = try PNGDecoder.decode(try #require(wide.first { $0.name == TrainingReport.weightsFile }).bytes)
    #expect(tiles.height == 4 + 3 * 88)  // 30 of the 100 units: three rows
    #expect(text(try #require(wide.last)).contains("the first 30 of the 100 units"))

    let regression = try report(hidden: []).files()
    let templates = try PNGDecoder.decode(
        try #require(regression.first { $0.name == TrainingReport.weightsFile }).bytes)
    #expect(templates.width == 4 + 10 * 88 && templates.height == 4 + 88)
    let page = text(try #require(regression.last))
    #expect(page.contains("Class templates"))
    #expect(page.contains("output layer"))
}

@Test func firstLayerWeightsAreLayerZero() throws {
    let net = network(hidden: [5, 3])
    let first = try FirstLayerWeights(of: net)
    #expect(first.units == 5 && first.side == 28 && !first.isOutputLayer)
    #expect(first.weights == Array(net.weight(0)))
    #expect(first.weights.count == 5 * 784)
    var random = RandomState(seed: 1)
    let odd = MLP(architecture: Architecture(inputSize: 50, hiddenSizes: [4]), random: &random)
    #expect(throws: ReportError.self) { try FirstLayerWeights(of: odd) }
}

@Test func reportWithoutValidationOrMistakes() throws {
    var plain = try report(mistakes: 0)
    plain.history = try history(epochs: 3, validation: false)
    let files = try plain.files()
    #expect(!files.map(\.name).contains(TrainingReport.mistakesFile))
    let curves = parseXML(text(try #require(files.first { $0.name == TrainingReport.learningCurvesFile })))
    #expect(curves.count("circle", classes: ["point"]) == 2 * 3)  // no validation points

    // A perfect classifier: the page says there is nothing to show.
    var perfect = plain
    var matrix = ConfusionMatrix(classes: 10)
    for c in 0..<10 { matrix.add(label: c, predicted: c) }
    perfect.confusion = matrix
    let page = text(try #require(try perfect.files().last))
    #expect(page.contains("No mistakes to show."))
    #expect(!sources(in: page).contains(TrainingReport.mistakesFile))
}

@Test func reportRefusesImagesThatDoNotMatchTheMistakes() throws {
    var broken = try report(mistakes: 3)
    broken.mistakeImages.removeLast()
    #expect(throws: ReportError.lengthMismatch(input: "mistake images", expected: 3, found: 2)) {
        try broken.files()
    }
    broken.mistakeImages.append([1, 2, 3])
    #expect(throws: ReportError.self) { try broken.files() }
}

@Test func upscaleRepeatsEachPixelAsABlock() {
    var picture = RGBImage(width: 2, height: 1)
    picture.fill(x: 1, y: 0, width: 1, height: 1, color: Palette.blue)
    let big = picture.upscaled(by: 3)
    #expect(big.width == 6 && big.height == 3)
    for y in 0..<3 {
        for x in 0..<6 { #expect(big[x, y] == (x < 3 ? RGB.white : Palette.blue)) }
    }
    #expect(picture.upscaled(by: 0) == picture)
}

@Test func explanationWritesItsFourFiles() throws {
    let ink = syntheticDigit(1)
    let input: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]  // copied as is, never decoded
    let probabilities: [Float] = [0.01, 0.9, 0.01, 0.01, 0.01, 0.01, 0.01, 0.02, 0.01, 0.01]
    let files = try ImageExplanation(title: "one.png", inputPNG: input, ink: ink, probabilities: probabilities).files()
    #expect(
        files.map(\.name) == [
            ImageExplanation.inputFile, ImageExplanation.preprocessedFile,
            ImageExplanation.probabilitiesFile, ImageExplanation.pageFile,
        ])
    #expect(files[0].bytes == input)
    let seen = try PNGDecoder.decode(files[1].bytes)
    #expect(seen.width == 168 && seen.height == 168)
    #expect(seen[0, 0] == 255)  // background is white
    #expect(seen[14 * 6, 14 * 6] == 0)  // the bar's ink, black, 6× enlarged
    let chart = parseXML(text(files[2]))
    #expect(chart.wellFormed)
    #expect(chart.count("rect", classes: ["bar", "probability"]) == 10)
    #expect(chart.count("rect", classes: ["winner"]) == 1)
    let page = text(files[3])
    #expect(Set(sources(in: page)) == Set(files.dropLast().map(\.name)))
    #expect(page.contains("Predicted digit <strong>1</strong>"))

    #expect(throws: ReportError.self) {
        try ImageExplanation(title: "bad", inputPNG: input, ink: [1, 2], probabilities: probabilities).files()
    }
}

@Test func pageNumbersAreGroupedAndConfidencesNeverRoundUpToCertainty() {
    #expect(grouped(10000) == "10,000")
    #expect(grouped(980) == "980")
    #expect(grouped(-1234567) == "-1,234,567")
    #expect(confidencePercent(0.612) == "61.2%")
    #expect(confidencePercent(0.99996) == ">99.9%")
    #expect(confidencePercent(1) == "100.0%")
}
