import Testing
import Model
@testable import Report

private func content(mistakes: MistakesGallery? = nil) -> ReportContent {
    ReportContent(
        title: "Report <b>&</b>", summary: "Model \"m\" on 'test'", accuracy: 0.9785, count: 10000,
        confusion: sampleConfusion(), labels: ["0", "1", "<", ">", "4", "5", "6", "7", "8", "9"],
        perClass: [ClassMetrics(label: 0, precision: 0.5, recall: .nan, f1: 0.25, support: 3)],
        settings: [ReportSetting("learning <rate>", "0.1 & more")],
        figures: [
            ReportFigure(title: "Curves", file: "curves.svg", alt: "a < b"),
            ReportFigure(title: "Weights", file: "figures/weights 1.png", alt: "w", caption: "c & d", pixelated: true),
            ReportFigure(title: "Curves again", file: "curves.svg", alt: "same file"),
        ],
        mistakes: mistakes)
}

@Test func reportPageListsEveryReferencedFileOnce() {
    let gallery = MistakesGallery(
        imageFile: "mistakes.png", layout: TileLayout(columns: 2),
        captions: [
            Mistake(index: 12, label: 4, predicted: 9, confidence: 0.612),
            Mistake(index: 40, label: 7, predicted: 1, confidence: 0.5),
            Mistake(index: 41, label: 2, predicted: 3, confidence: 0.5),
        ])
    let page = reportIndexHTML(content(mistakes: gallery))
    #expect(page.referencedFiles == ["curves.svg", "figures/weights 1.png", "mistakes.png"])
    // Every src in the page is a listed file (after URL-escaping), and vice versa.
    let sources = page.html.components(separatedBy: "src=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    #expect(Set(sources) == Set(page.referencedFiles.map(urlPathEscape)))
    #expect(page.html.contains(#"src="figures/weights%201.png""#))
    #expect(page.html.contains("row 1, column 1: image #12, true 4, predicted 9 (61.2%)"))
    #expect(page.html.contains("row 2, column 1: image #41, true &lt;, predicted &gt;"))
}

@Test func reportPageEscapesTextAndIsSelfContained() {
    let html = reportIndexHTML(content()).html
    #expect(html.contains("<title>Report &lt;b&gt;&amp;&lt;/b&gt;</title>"))
    #expect(html.contains("Model &quot;m&quot; on &#39;test&#39;"))
    #expect(html.contains("<th>learning &lt;rate&gt;</th><td>0.1 &amp; more</td>"))
    #expect(html.contains("alt=\"a &lt; b\""))
    #expect(html.contains("<figcaption>c &amp; d</figcaption>"))
    #expect(!html.contains("<script"))
    #expect(!html.contains("http://") && !html.contains("https://"))
    #expect(!html.contains("<link"))
    #expect(html.contains("97.85%"))
    #expect(html.contains("<td>–</td>"))  // NaN recall
}

@Test func confusionTableHasTotals() {
    let html = confusionTableHTML([[5, 1], [2, 7]], labels: ["a", "b"])
    #expect(html.contains("<tr><th>a</th><td class=\"diagonal\">5</td><td>1</td><td class=\"total\">6</td></tr>"))
    #expect(html.contains("<tr><th>b</th><td>2</td><td class=\"diagonal\">7</td><td class=\"total\">9</td></tr>"))
    #expect(html.contains("<td class=\"total\">7</td><td class=\"total\">8</td><td class=\"total\">15</td>"))
}

@Test func explainPageReferencesItsThreePictures() {
    var p = [Double](repeating: 0.01, count: 10)
    p[3] = 0.8
    p[8] = 0.11
    let page = explainPage(
        title: "my <digit>.png", inputImageFile: "input.png", preprocessedImageFile: "input-28.png",
        probabilityChartFile: "probabilities.svg", probabilities: p)
    #expect(page.referencedFiles == ["input.png", "input-28.png", "probabilities.svg"])
    #expect(page.html.contains("<h1>my &lt;digit&gt;.png</h1>"))
    #expect(page.html.contains("Predicted digit <strong>3</strong> with probability 80.0%"))
    #expect(page.html.contains("Top three: 3 (80.0%), 8 (11.0%), 0 (1.0%)."))
    #expect(!page.html.contains("<script"))
}

@Test func urlPathEscapeKeepsPlainNames() {
    #expect(urlPathEscape("a/b-c_d.svg") == "a/b-c_d.svg")
    #expect(urlPathEscape("x y#?%.png") == "x%20y%23%3F%25.png")
    #expect(urlPathEscape("é") == "%C3%A9")
}
