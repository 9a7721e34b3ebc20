// The page behind `digits classify --explain`: what the network saw and what it answered.

/// Builds the explanation page for one classified image.
///
/// - Parameters:
///   - title: page title, e.g. the input file's name.
///   - inputImageFile: relative name of the original input picture (e.g. a copy of the PNG).
///   - preprocessedImageFile: relative name of the 28 × 28 preprocessed picture the network
///     saw; shown enlarged with hard pixel edges.
///   - probabilityChartFile: relative name of the `probabilitySVG` chart.
///   - probabilities: the network's output, one fraction per class.
///   - labels: class names; default `"0"`…`"9"`.
/// - Returns: the HTML (the predicted class, its probability, the top three classes, the
///   three pictures side by side) and the three referenced files.
public func explainPage(
    title: String, inputImageFile: String, preprocessedImageFile: String, probabilityChartFile: String,
    probabilities: [Double], labels: [String] = (0..<10).map(String.init)
) -> HTMLPage {
    func label(_ i: Int) -> String { i < labels.count ? labels[i] : String(i) }
    let ranked = probabilities.indices
        .filter { probabilities[$0].isFinite }
        .sorted { probabilities[$0] > probabilities[$1] || (probabilities[$0] == probabilities[$1] && $0 < $1) }
    var page = HTMLBuilder()
    page.raw(htmlHead(title: title))
    page.element("h1", title)
    if let best = ranked.first {
        let probability = confidencePercent(probabilities[best])
        page.raw("<p class=\"lead\">Predicted digit <strong>\(xmlEscape(label(best)))</strong>")
        page.raw(" with probability \(probability).</p>\n<p>Top three: ")
        let top = ranked.prefix(3).map { "\(label($0)) (\(percent(probabilities[$0], decimals: 1)))" }
        page.text(top.joined(separator: ", "))
        page.raw(".</p>\n")
    } else {
        page.element("p", "No probabilities to show.")
    }
    page.raw("<div class=\"explain\">\n<figure>")
    page.image(inputImageFile, alt: "The input image as given")
    page.raw("<figcaption>Input image</figcaption></figure>\n<figure>")
    page.image(
        preprocessedImageFile, alt: "The 28 by 28 image the network saw, enlarged",
        className: "pixelated", width: 168)
    page.raw("<figcaption>What the network saw: 28×28 after preprocessing (6× enlarged)</figcaption>")
    page.raw("</figure>\n<figure>")
    page.image(probabilityChartFile, alt: "Bar chart of the probability of each digit")
    page.raw("<figcaption>Probability of each digit</figcaption></figure>\n</div>\n")
    page.raw("</body>\n</html>\n")
    return page.page
}
