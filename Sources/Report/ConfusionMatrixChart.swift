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
    let barX = left + side + 28, barWidth = 16.0
    let width = barX + barWidth + 62, height = top + side + 62
    var doc = SVGDocument(width: width, height: height, title: title)
    doc.append(.text(title, x: left + side / 2, y: 24, style: SVGStyle(className: "chart-title", fill: ChartStyle.ink, fontSize: ChartStyle.titleSize, fontWeight: "bold", anchor: .middle)))
    func label(_ i: Int) -> String { i < labels.count ? labels[i] : String(i) }

    var cells: [SVGElement] = []
    var texts: [SVGElement] = []
    for (t, row) in counts.enumerated() {
        let total = row.reduce(0) { $0 + max(0, $1) }
        for (p, count) in row.enumerated() {
            let fraction = total > 0 ? Double(max(0, count)) / Double(total) : 0
            let color = ColorMap.viridis(confusionShade(fraction))
            let x = left + Double(p) * cell, y = top + Double(t) * cell
            cells.append(.rect(x: x, y: y, width: cell, height: cell,
                               style: SVGStyle(className: "cell", fill: color.hex),
                               tooltip: "true \(label(t)), predicted \(label(p)): \(count) (\(String(format: "%.1f", fraction * 100))% of true \(label(t)))"))
            texts.append(.text(String(count), x: x + cell / 2, y: y + cell / 2 + 4,
                               style: SVGStyle(fill: color.readableTextColor.hex, fontSize: count >= 10000 ? 9 : 11,
                                               fontWeight: t == p ? "bold" : nil, anchor: .middle)))
        }
    }
    doc.append(.group(cells, style: SVGStyle(className: "cells")))
    // Diagonal outline: the correct predictions.
    doc.append(.group((0..<n).map { i in
        .rect(x: left + Double(i) * cell + 1, y: top + Double(i) * cell + 1, width: cell - 2, height: cell - 2,
              style: SVGStyle(fill: "none", stroke: "#ffffff", strokeWidth: 1.5))
    }, style: SVGStyle(className: "diagonal")))
    doc.append(.group(texts, style: SVGStyle(className: "counts")))

    // Axis labels: predicted digits above the columns' bottom edge, true digits left of rows.
    var axisParts: [SVGElement] = []
    let tickStyle = SVGStyle(fill: ChartStyle.ink, fontSize: ChartStyle.labelSize, anchor: .middle)
    for i in 0..<n {
        axisParts.append(.text(label(i), x: left + (Double(i) + 0.5) * cell, y: top + side + 18, style: tickStyle))
        axisParts.append(.text(label(i), x: left - 12, y: top + (Double(i) + 0.5) * cell + 4, style: SVGStyle(fill: ChartStyle.ink, fontSize: ChartStyle.labelSize, anchor: .end)))
    }
    axisParts.append(.text("predicted digit", x: left + side / 2, y: top + side + 42, style: SVGStyle(className: "axis-title", fill: ChartStyle.ink, fontSize: ChartStyle.labelSize, anchor: .middle)))
    axisParts.append(.rotatedText("true digit", x: left - 44, y: top + side / 2, degrees: -90, style: SVGStyle(className: "axis-title", fill: ChartStyle.ink, fontSize: ChartStyle.labelSize, anchor: .middle)))
    doc.append(.group(axisParts, style: SVGStyle(className: "axis")))

    // Colour scale: 32 stacked steps of the shade from 0 (bottom) to 1 (top), ticked at the
    // row fractions 0, 0.1 %, 1 %, 10 % and 100 %.
    let steps = 32
    var scaleParts: [SVGElement] = []
    let stepHeight = side / Double(steps)
    for k in 0..<steps {
        let t = (Double(k) + 0.5) / Double(steps)
        scaleParts.append(.rect(x: barX, y: top + side - Double(k + 1) * stepHeight, width: barWidth, height: stepHeight + 0.5,
                                style: SVGStyle(className: "scale-step", fill: ColorMap.viridis(t).hex)))
    }
    scaleParts.append(.rect(x: barX, y: top, width: barWidth, height: side, style: SVGStyle(fill: "none", stroke: ChartStyle.ink, strokeWidth: 0.5)))
    for (fraction, text) in [(0.0, "0%"), (0.001, "0.1%"), (0.01, "1%"), (0.1, "10%"), (1.0, "100%")] {
        let y = top + side - side * confusionShade(fraction)
        scaleParts.append(.line(x1: barX + barWidth, y1: y, x2: barX + barWidth + 4, y2: y, style: SVGStyle(stroke: ChartStyle.ink, strokeWidth: 1)))
        scaleParts.append(.text(text, x: barX + barWidth + 7, y: y + 4, style: SVGStyle(fill: ChartStyle.ink, fontSize: ChartStyle.tickSize)))
    }
    scaleParts.append(.text("% of row", x: barX + barWidth / 2, y: top - 22, style: SVGStyle(fill: ChartStyle.ink, fontSize: ChartStyle.tickSize, anchor: .middle)))
    scaleParts.append(.text("(log scale)", x: barX + barWidth / 2, y: top - 9, style: SVGStyle(fill: ChartStyle.ink, fontSize: ChartStyle.tickSize, anchor: .middle)))
    doc.append(.group(scaleParts, style: SVGStyle(className: "color-scale")))
    return doc.render()
}

/// The colour position in [0, 1] for a row fraction `f` in [0, 1]:
/// `log10(1 + 999 f) / 3`, so 0 → 0, 0.1 % → 0.1, 1 % → 0.35, 10 % → 0.67, 100 % → 1.
/// A linear scale would paint every error cell the same dark colour, since the diagonal
/// holds ~98 % of each row.
public func confusionShade(_ f: Double) -> Double {
    guard f.isFinite else { return 0 }
    return log10(1 + 999 * min(max(f, 0), 1)) / 3
}
