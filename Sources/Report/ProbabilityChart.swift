// The network's output for one image: one bar per class, the winner highlighted.

import Foundation

/// The class probabilities for one image as a bar chart, standalone SVG text (420 × 260 px).
///
/// - Parameters:
///   - probabilities: the softmax output, one fraction in [0, 1] per class (usually 10).
///   - labels: class names under the bars; default `"0"`…`"9"`.
/// - Returns: SVG with one `<rect class="bar probability">` per class; the most probable
///   class has class `"bar probability winner"`, is drawn in vermillion (the others grey)
///   and its label is bold. Each bar carries its value in percent above it. The y axis runs
///   from 0 to 100 %. Non-finite probabilities are drawn as 0.
public func probabilitySVG(
    _ probabilities: [Double], labels: [String] = (0..<10).map(String.init), title: String = "Class probabilities"
) -> String {
    let width = 420.0, height = 260.0
    let left = 56.0, right = width - 16, top = 48.0, bottom = height - 46
    var doc = SVGDocument(width: width, height: height, title: title)
    doc.append(ChartStyle.title(title, x: width / 2, y: 22, size: 14))

    let clean = probabilities.map { $0.isFinite ? min(max($0, 0), 1) : 0 }
    let winner = clean.indices.max { clean[$0] < clean[$1] }
    let ticks = NiceTicks(lower: 0, upper: 1, step: 0.25)
    let y = LinearScale(domain: (0, 1), range: (bottom, top))
    doc.append(
        drawAxis(
            .left, scale: y, ticks: ticks.values.map { ($0, ticks.label($0, scale: 100, suffix: "%")) },
            position: left, title: "probability", titleOffset: 42, grid: (left, right)))

    let slot = (right - left) / Double(max(1, clean.count))
    var parts: [SVGElement] = []
    for (i, p) in clean.enumerated() {
        let name = i < labels.count ? labels[i] : String(i)
        let isWinner = i == winner
        let x = left + Double(i) * slot + slot * 0.15, centre = x + slot * 0.35
        parts.append(
            .rect(
                x: x, y: y(p), width: slot * 0.7, height: bottom - y(p),
                style: SVGStyle(
                    className: isWinner ? "bar probability winner" : "bar probability",
                    fill: isWinner ? Palette.vermillion.hex : "#9a9a9a"),
                tooltip: "\(name): \(String(format: "%.2f", p * 100))%"))
        parts.append(
            .text(
                percentLabel(p), x: centre, y: y(p) - 4,
                style: ChartStyle.text(size: 10, anchor: .middle, bold: isWinner)))
        parts.append(.text(name, x: centre, y: bottom + 16, style: ChartStyle.text(anchor: .middle, bold: isWinner)))
    }
    doc.append(.group(parts, style: SVGStyle(className: "bars")))
    doc.append(.line(x1: left, y1: bottom, x2: right, y2: bottom, style: ChartStyle.rule))
    doc.append(
        .text(
            "digit (bar labels in %)", x: (left + right) / 2, y: bottom + 36,
            style: ChartStyle.text(anchor: .middle, className: "axis-title")))
    return doc.render()
}

/// A probability as a short whole percentage for a bar label: "100", "88", "<1" or "0".
private func percentLabel(_ p: Double) -> String {
    if p >= 0.995 { return "100" }
    if p < 0.005 { return p > 0 ? "<1" : "0" }
    return String(format: "%.0f", p * 100)
}
