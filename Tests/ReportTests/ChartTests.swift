import Model
import Testing
@testable import Report

@Test(arguments: [1, 2, 7, 30])
func learningCurvesHaveThreePointsPerEpoch(epochs: Int) {
    let svg = learningCurveSVG(sampleHistory(epochs: epochs), loss: .crossEntropy)
    let parsed = parseXML(svg)
    #expect(parsed.wellFormed)
    #expect(parsed.count("circle", classes: ["point"]) == 3 * epochs)
    for series in ["loss", "train-accuracy", "validation-accuracy"] {
        #expect(parsed.count("circle", classes: ["point", series]) == epochs)
        #expect(parsed.count("path", classes: ["series", series]) == 1)
    }
    #expect(parsed.text.contains("epoch"))
    #expect(parsed.text.contains("accuracy (%)"))
    #expect(parsed.count("g", classes: ["legend"]) == 1)
}

@Test func learningCurvesLossAxisNamesTheLossOfTheRun() {
    let history = sampleHistory(epochs: 3)
    #expect(parseXML(learningCurveSVG(history, loss: .crossEntropy)).text.contains("training loss (cross-entropy)"))
    let mse = parseXML(learningCurveSVG(history, loss: .meanSquaredError)).text
    #expect(mse.contains("training loss (mean squared error)"))
    #expect(!mse.contains("cross-entropy"))
}

@Test func learningCurvesSkipNonFiniteValuesAndDrawEmptyHistory() {
    var history = sampleHistory(epochs: 4)
    history[2].loss = .nan
    let parsed = parseXML(learningCurveSVG(history, loss: .crossEntropy))
    #expect(parsed.wellFormed)
    #expect(parsed.count("circle", classes: ["point", "loss"]) == 3)
    #expect(!learningCurveSVG(history, loss: .crossEntropy).contains("nan"))
    let empty = parseXML(learningCurveSVG([], loss: .crossEntropy))
    #expect(empty.wellFormed)
    #expect(empty.count("circle", classes: ["point"]) == 0)
    #expect(empty.text.contains("no training history"))
}

@Test func learningCurvePointsLandOnTheirAxes() throws {
    // Loss 0 must sit on the bottom edge; the epoch ticks must be whole numbers.
    let history = [
        EpochStatistics(
            epoch: 1, loss: 0, trainAccuracy: 0.9, validationAccuracy: 0.9, seconds: 1, samplesPerSecond: 1,
            learningRate: 0.1),
        EpochStatistics(
            epoch: 2, loss: 1, trainAccuracy: 0.95, validationAccuracy: nil, seconds: 1, samplesPerSecond: 1,
            learningRate: 0.1),
    ]
    let parsed = parseXML(learningCurveSVG(history, loss: .crossEntropy))
    let losses = parsed.elements.filter { $0.name == "circle" && ($0.attributes["class"] ?? "").contains("loss") }
    #expect(losses.count == 2)
    // Epoch 2 has no validation accuracy: no point for it.
    #expect(parsed.count("circle", classes: ["point", "validation-accuracy"]) == 1)
    let y0 = try #require(Double(losses[0].attributes["cy"] ?? ""))
    let y1 = try #require(Double(losses[1].attributes["cy"] ?? ""))
    #expect(y0 > y1)  // larger loss is higher up
    #expect(y0 == 344)  // plot bottom = 400 - 56
}

@Test func confusionMatrixHasOneCellPerEntry() throws {
    let svg = try confusionMatrixSVG(sampleConfusion())
    let parsed = parseXML(svg)
    #expect(parsed.wellFormed)
    #expect(parsed.count("rect", classes: ["cell"]) == 100)
    #expect(parsed.text.contains("true digit"))
    #expect(parsed.text.contains("predicted digit"))
    #expect(parsed.count("g", classes: ["color-scale"]) == 1)
    // Every count is written, and the diagonal counts are present as text.
    let texts = parsed.elements.filter { $0.name == "text" }.count
    #expect(texts >= 100 + 20)
    #expect(parsed.text.contains("1110"))
    // The first cell (true 0, predicted 0, 98.7 % of its row) is near the bright end.
    let first = try #require(parsed.elements.first { ($0.attributes["class"] ?? "") == "cell" })
    #expect(first.attributes["fill"] == ColorMap.viridis(confusionShade(967.0 / 980)).hex)
}

@Test func confusionMatrixTextContrastsWithItsCell() throws {
    let svg = try confusionMatrixSVG([[5, 0], [0, 0]], labels: ["a", "b"])
    // Cell (0,0) is 100 % of its row → yellow → black text; the others are dark → white text.
    #expect(svg.contains(##"fill="#000000" font-size="11" font-weight="bold" text-anchor="middle">5<"##))
    #expect(svg.contains(##"fill="#ffffff" font-size="11" text-anchor="middle">0<"##))
    #expect(parseXML(svg).count("rect", classes: ["cell"]) == 4)
}

@Test func confusionMatrixRejectsRaggedInput() {
    #expect(throws: ReportError.notSquare(input: "confusion matrix", rows: 2, row: 1, columns: 1)) {
        try confusionMatrixSVG([[1, 2], [3]])
    }
    let message = ReportError.notSquare(input: "confusion matrix", rows: 2, row: 1, columns: 1).description
    #expect(message.contains("expected") && message.contains("found 1"))
}

@Test func confusionShadeIsLogarithmic() {
    #expect(confusionShade(0) == 0)
    #expect(abs(confusionShade(1) - 1) < 1e-12)
    #expect(abs(confusionShade(0.01) - 0.347) < 0.001)
    #expect(abs(confusionShade(0.1) - 0.667) < 0.001)
    #expect(confusionShade(.nan) == 0)
}

@Test(arguments: [true, false])
func perClassBarsHaveTwentyBars(zoomed: Bool) throws {
    let precision = (0..<10).map { 0.95 + Double($0) * 0.004 }
    let recall = (0..<10).map { 0.99 - Double($0) * 0.003 }
    let parsed = parseXML(try perClassBarsSVG(precision: precision, recall: recall, zoomed: zoomed))
    #expect(parsed.wellFormed)
    #expect(parsed.count("rect", classes: ["bar"]) == 20)
    #expect(parsed.count("rect", classes: ["bar", "precision"]) == 10)
    #expect(parsed.count("rect", classes: ["bar", "recall"]) == 10)
    #expect(parsed.text.contains("axis starts at") == zoomed)
    for bar in parsed.elements where bar.name == "rect" && (bar.attributes["class"] ?? "").hasPrefix("bar ") {
        #expect((Double(bar.attributes["height"] ?? "") ?? 0) > 0)
    }
}

@Test func perClassBarsRejectMismatchedLengths() {
    #expect(throws: ReportError.lengthMismatch(input: "recall", expected: 10, found: 9)) {
        try perClassBarsSVG(precision: Array(repeating: 0.9, count: 10), recall: Array(repeating: 0.9, count: 9))
    }
}

@Test func probabilityChartHighlightsTheWinner() {
    var p = [Double](repeating: 0.01, count: 10)
    p[7] = 0.91
    let parsed = parseXML(probabilitySVG(p))
    #expect(parsed.wellFormed)
    #expect(parsed.count("rect", classes: ["bar", "probability"]) == 10)
    let winners = parsed.elements.filter { ($0.attributes["class"] ?? "").contains("winner") }
    #expect(winners.count == 1)
    #expect(winners.first?.attributes["fill"] == Palette.vermillion.hex)
    // The winner is the eighth bar (digit 7).
    let bars = parsed.elements.filter { ($0.attributes["class"] ?? "").hasPrefix("bar probability") }
    #expect(bars.firstIndex { ($0.attributes["class"] ?? "").contains("winner") } == 7)
    #expect(parseXML(probabilitySVG([.nan, 0.5, -1, 2])).wellFormed)
}

@Test func emptyInputsStillGiveWellFormedCharts() throws {
    #expect(parseXML(try confusionMatrixSVG([])).wellFormed)
    #expect(parseXML(try perClassBarsSVG(precision: [], recall: [])).wellFormed)
    #expect(parseXML(probabilitySVG([])).wellFormed)
    let big = try confusionMatrixSVG([[123_456, 1], [0, 99_999]], labels: ["<a>", "b & c"])
    let parsed = parseXML(big)
    #expect(parsed.wellFormed)
    #expect(parsed.text.contains("<a>") && parsed.text.contains("b & c"))
}
