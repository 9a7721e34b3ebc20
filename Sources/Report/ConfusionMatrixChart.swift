// The confusion matrix as a heatmap: rows are true digits, columns predicted digits.

import Foundation

/// The confusion-matrix heatmap as standalone SVG text.
///
/// - Parameters:
///   - counts: `[n][n]` counts, `counts[t][p]` = test images of true class `t` predicted as `p`.
///   - labels: class names along both axes; default `"0"`…`"9"` (missing names are the index).
///   - title: chart title.
/// - Returns: SVG with one `<rect class="cell">` per entry (n² of them, row by row), shaded
///   with viridis by the row-normalised count (the fraction of that true class) on a
///   logarithmic scale (`confusionShade`), so that 1 % errors stand out from 0 %; the count
///   written in black or white for contrast, digit labels on both axes, the axis titles
///   "true digit" and "predicted digit", and a vertical colour scale bar (0 %, 0.1 %, 1 %, 10 %, 100 % of the row).
///   Correct predictions (the diagonal) are outlined.
/// - Throws: `ReportError.notSquare` if a row's length is not the number of rows.
public func confusionMatrixSVG(
    _ counts: [[Int]], labels: [String] = (0..<10).map(String.init), title: String = "Confusion matrix"
) throws(ReportError) -> String {
    let n = counts.count
    for (index, row) in counts.enumerated() where row.count != n {
        throw .notSquare(input: "confusion matrix", rows: n, row: index, columns: row.count)
    }
    let cell = 40.0
    let left = 78.0, top = 58.0
    let side = cell * Double(n)
    let scaleX = left + side + 28
    var doc = SVGDocument(width: scaleX + 16 + 62, height: top + side + 62, title: title)
    doc.append(ChartStyle.title(title, x: left + side / 2, y: 24))
    func label(_ i: Int) -> String { i < labels.count ? labels[i] : String(i) }

    // Cells row by row, each with its count written in black or white, whichever reads better.
    var cells: [SVGElement] = []
    var countTexts: [SVGElement] = []
    for (t, row) in counts.enumerated() {
        let total = row.reduce(0) { $0 + max(0, $1) }
        for (p, count) in row.enumerated() {
            let fraction = total > 0 ? Double(max(0, count)) / Double(total) : 0
            let color = ColorMap.viridis(confusionShade(fraction))
            let x = left + Double(p) * cell, y = top + Double(t) * cell
            let share = String(format: "%.1f", fraction * 100)
            cells.append(
                .rect(
                    x: x, y: y, width: cell, height: cell, style: SVGStyle(className: "cell", fill: color.hex),
                    tooltip: "true \(label(t)), predicted \(label(p)): \(count) (\(share)% of true \(label(t)))"))
            countTexts.append(
                .text(
                    String(count), x: x + cell / 2, y: y + cell / 2 + 4,
                    style: ChartStyle.text(
                        size: count >= 10000 ? 9 : 11, anchor: .middle, bold: t == p,
                        color: color.readableTextColor.hex)))
        }
    }
    doc.append(.group(cells, style: SVGStyle(className: "cells")))
    // Outline the diagonal: the correct predictions.
    let outline = SVGStyle(fill: "none", stroke: "#ffffff", strokeWidth: 1.5)
    doc.append(
        .group(
            (0..<n).map { i in
                .rect(
                    x: left + Double(i) * cell + 1, y: top + Double(i) * cell + 1, width: cell - 2, height: cell - 2,
                    style: outline)
            }, style: SVGStyle(className: "diagonal")))
    doc.append(.group(countTexts, style: SVGStyle(className: "counts")))

    // Axes: predicted digits under the columns, true digits left of the rows.
    var axis: [SVGElement] = []
    for i in 0..<n {
        let middle = (Double(i) + 0.5) * cell
        axis.append(.text(label(i), x: left + middle, y: top + side + 18, style: ChartStyle.text(anchor: .middle)))
        axis.append(.text(label(i), x: left - 12, y: top + middle + 4, style: ChartStyle.text(anchor: .end)))
    }
    let axisTitle = ChartStyle.text(anchor: .middle, className: "axis-title")
    axis.append(.text("predicted digit", x: left + side / 2, y: top + side + 42, style: axisTitle))
    axis.append(.rotatedText("true digit", x: left - 44, y: top + side / 2, degrees: -90, style: axisTitle))
    doc.append(.group(axis, style: SVGStyle(className: "axis")))
    doc.append(drawShadeScale(x: scaleX, top: top, height: side))
    return doc.render()
}

/// The colour scale bar beside the heatmap, `<g class="color-scale">`: 32 stacked steps of
/// the shade from 0 (bottom) to 1 (top), ticked at the row fractions 0, 0.1 %, 1 %, 10 %, 100 %.
private func drawShadeScale(x: Double, top: Double, height: Double) -> SVGElement {
    let width = 16.0, steps = 32
    let stepHeight = height / Double(steps)
    var parts: [SVGElement] = (0..<steps).map { k in
        let t = (Double(k) + 0.5) / Double(steps)
        return .rect(
            x: x, y: top + height - Double(k + 1) * stepHeight, width: width, height: stepHeight + 0.5,
            style: SVGStyle(className: "scale-step", fill: ColorMap.viridis(t).hex))
    }
    parts.append(
        .rect(
            x: x, y: top, width: width, height: height,
            style: SVGStyle(fill: "none", stroke: ChartStyle.ink, strokeWidth: 0.5)))
    let small = ChartStyle.text(size: ChartStyle.tickSize)
    for (fraction, text) in [(0.0, "0%"), (0.001, "0.1%"), (0.01, "1%"), (0.1, "10%"), (1.0, "100%")] {
        let y = top + height - height * confusionShade(fraction)
        parts.append(.line(x1: x + width, y1: y, x2: x + width + 4, y2: y, style: ChartStyle.rule))
        parts.append(.text(text, x: x + width + 7, y: y + 4, style: small))
    }
    let heading = ChartStyle.text(size: ChartStyle.tickSize, anchor: .middle)
    parts.append(.text("% of row", x: x + width / 2, y: top - 22, style: heading))
    parts.append(.text("(log scale)", x: x + width / 2, y: top - 9, style: heading))
    return .group(parts, style: SVGStyle(className: "color-scale"))
}

/// The colour position in [0, 1] for a row fraction `f` in [0, 1]:
/// `log10(1 + 999 f) / 3`, so 0 → 0, 0.1 % → 0.1, 1 % → 0.35, 10 % → 0.67, 100 % → 1.
/// A linear scale would paint every error cell the same dark colour, since the diagonal
/// holds ~98 % of each row.
public func confusionShade(_ f: Double) -> Double {
    guard f.isFinite else { return 0 }
    return log10(1 + 999 * min(max(f, 0), 1)) / 3
}
