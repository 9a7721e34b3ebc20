// The reliability diagram: accuracy against confidence, bin by bin.

import Foundation
import Model

/// A reliability diagram as standalone SVG text (640 × 400 px): for each equal-width bin of
/// confidence (the probability of the predicted class), a bar up to the accuracy of its images
/// (blue: with the network's temperature; an orange dot: with the plain softmax), the count of
/// images above it, and the diagonal a perfectly calibrated classifier would follow.
///
/// - Parameters:
///   - calibrated: the bins of the network's own probabilities (its fitted temperature).
///   - plain: the bins of the plain softmax (temperature 1), same bin count; nil to leave out.
/// - Returns: SVG with one `<rect class="bar reliability">` per non-empty bin.
public func reliabilitySVG(
    calibrated: ReliabilityBins, plain: ReliabilityBins? = nil,
    title: String = "Reliability: accuracy per confidence bin"
) -> String {
    let width = 640.0, height = 400.0
    let left = 70.0, right = width - 24, top = 78.0, bottom = height - 56
    var doc = SVGDocument(width: width, height: height, title: title)
    doc.append(ChartStyle.title(title, x: width / 2))
    let x = LinearScale(domain: (0, 1), range: (left, right))
    let y = LinearScale(domain: (0, 1), range: (bottom, top))
    let ticks = NiceTicks(lower: 0, upper: 1, step: 0.2)
    doc.append(
        drawAxis(
            .left, scale: y, ticks: ticks.values.map { ($0, ticks.label($0, scale: 100, suffix: "%")) },
            position: left, title: "accuracy of the bin's images", titleOffset: 50, grid: (left, right)))
    doc.append(
        drawAxis(
            .bottom, scale: x, ticks: ticks.values.map { ($0, ticks.label($0, scale: 100, suffix: "%")) },
            position: bottom, title: "confidence (probability of the predicted digit)"))

    let bins = calibrated.counts.count
    let step = (right - left) / Double(max(1, bins))
    var bars: [SVGElement] = []
    let accuracy = calibrated.accuracy, confidence = calibrated.meanConfidence
    for b in 0..<bins where calibrated.counts[b] > 0 {
        let barTop = y(accuracy[b])
        bars.append(
            .rect(
                x: left + Double(b) * step + 1, y: barTop, width: step - 2, height: bottom - barTop,
                style: SVGStyle(className: "bar reliability", fill: Palette.blue.hex, opacity: 0.85),
                tooltip: "confidence \(String(format: "%.1f", confidence[b] * 100))%: accuracy "
                    + "\(String(format: "%.1f", accuracy[b] * 100))% of \(calibrated.counts[b]) images"))
        bars.append(
            .text(
                String(calibrated.counts[b]), x: left + (Double(b) + 0.5) * step, y: barTop - 4,
                style: ChartStyle.text(size: ChartStyle.tickSize - 1, anchor: .middle, className: "count")))
    }
    doc.append(.group(bars, style: SVGStyle(className: "bars")))
    if let plain {
        var dots: [SVGElement] = []
        for b in 0..<plain.counts.count where plain.counts[b] > 0 {
            dots.append(
                .circle(
                    cx: x(plain.meanConfidence[b]), cy: y(plain.accuracy[b]), r: 3.5,
                    style: SVGStyle(className: "plain", fill: Palette.orange.hex),
                    tooltip: "plain softmax: \(plain.counts[b]) images at confidence "
                        + "\(String(format: "%.1f", plain.meanConfidence[b] * 100))%, accuracy "
                        + "\(String(format: "%.1f", plain.accuracy[b] * 100))%"))
        }
        doc.append(.group(dots, style: SVGStyle(className: "plain-softmax")))
    }
    doc.append(
        .line(
            x1: x(0), y1: y(0), x2: x(1), y2: y(1),
            style: SVGStyle(className: "diagonal", stroke: ChartStyle.ink, strokeWidth: 1, dash: [4, 4])))
    var entries = [
        LegendEntry(label: "with the fitted temperature (count above)", color: Palette.blue.hex, isLine: false)
    ]
    if plain != nil { entries.append(LegendEntry(label: "plain softmax", color: Palette.orange.hex, isLine: false)) }
    let legend = drawLegend(entries)
    doc.append(.group([legend.element], translateX: (width - legend.width) / 2, translateY: 52))
    return doc.render()
}
