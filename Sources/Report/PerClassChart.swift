// Per-class precision and recall as grouped bars.

import Foundation

/// Precision and recall per class as grouped bars, as standalone SVG text (640 × 360 px).
///
/// - Parameters:
///   - precision: one fraction in [0, 1] per class.
///   - recall: one fraction in [0, 1] per class (same length as `precision`).
///   - labels: class names under the groups; default `"0"`…`"9"`.
///   - zoomed: if true and every value is above 50 %, the y axis starts at a nice value just
///     below the smallest bar (and its title says so) so that small differences between
///     classes are visible; otherwise it runs from 0 to 100 %.
/// - Returns: SVG with `<rect class="bar precision">` and `<rect class="bar recall">`, one
///   of each per class, in blue and orange (Okabe–Ito), and a legend above the plot.
/// - Throws: `ReportError.lengthMismatch` if the arrays differ in length.
public func perClassBarsSVG(
    precision: [Double], recall: [Double], labels: [String] = (0..<10).map(String.init),
    zoomed: Bool = true, title: String = "Precision and recall per digit"
) throws(ReportError) -> String {
    guard recall.count == precision.count else {
        throw .lengthMismatch(input: "recall", expected: precision.count, found: recall.count)
    }
    let n = precision.count
    let width = 640.0, height = 360.0
    let left = 70.0, right = width - 24, top = 70.0, bottom = height - 56
    var doc = SVGDocument(width: width, height: height, title: title)
    doc.append(ChartStyle.title(title, x: width / 2))

    var ticks = NiceTicks(lower: 0, upper: 1, step: 0.2)
    if zoomed, let smallest = (precision + recall).filter(\.isFinite).min(), smallest > 0.5 {
        // Leave a little room under the smallest bar so that it is still visibly a bar.
        let zoom = NiceTicks(from: smallest - (1 - smallest) * 0.25, to: 1, count: 5)
        ticks = NiceTicks(lower: max(0, zoom.lower), upper: 1, step: zoom.step)
    }
    let y = LinearScale(domain: (ticks.lower, ticks.upper), range: (bottom, top))
    let axisTitle = ticks.lower > 0 ? "percent (axis starts at \(ticks.label(ticks.lower, scale: 100))%)" : "percent"
    doc.append(
        drawAxis(
            .left, scale: y, ticks: ticks.values.map { ($0, ticks.label($0, scale: 100, suffix: "%")) },
            position: left, title: axisTitle, titleOffset: 50, grid: (left, right)))

    let groupWidth = (right - left) / Double(max(1, n))
    let barWidth = min(22, groupWidth * 0.36)
    var bars: [SVGElement] = []
    var groupLabels: [SVGElement] = []
    for i in 0..<n {
        let name = i < labels.count ? labels[i] : String(i)
        let centre = left + (Double(i) + 0.5) * groupWidth
        let pair = [
            ("precision", precision[i], Palette.blue, centre - barWidth),
            ("recall", recall[i], Palette.orange, centre),
        ]
        for (kind, value, color, x) in pair {
            let barTop = y(value.isFinite ? min(max(value, ticks.lower), 1) : ticks.lower)
            bars.append(
                .rect(
                    x: x, y: barTop, width: barWidth, height: bottom - barTop,
                    style: SVGStyle(className: "bar \(kind)", fill: color.hex),
                    tooltip: "digit \(name): \(kind) \(String(format: "%.2f", value * 100))%"))
        }
        groupLabels.append(.text(name, x: centre, y: bottom + 18, style: ChartStyle.text(anchor: .middle)))
    }
    doc.append(.group(bars, style: SVGStyle(className: "bars")))
    doc.append(.line(x1: left, y1: bottom, x2: right, y2: bottom, style: ChartStyle.rule))
    groupLabels.append(
        .text(
            "digit", x: (left + right) / 2, y: bottom + 40,
            style: ChartStyle.text(anchor: .middle, className: "axis-title")))
    doc.append(.group(groupLabels, style: SVGStyle(className: "axis")))

    let legend = drawLegend([
        LegendEntry(label: "precision", color: Palette.blue.hex, isLine: false),
        LegendEntry(label: "recall", color: Palette.orange.hex, isLine: false),
    ])
    doc.append(.group([legend.element], translateX: (width - legend.width) / 2, translateY: 52))
    return doc.render()
}
