// Learning curves: loss and accuracy against epoch, on two y axes.

import Foundation
import Model

/// The learning-curves chart as standalone SVG text (640 × 400 px).
///
/// Loss is drawn against the left axis (from 0), train and validation accuracy against the
/// right axis in percent (zoomed to the data, at most 100 %), epoch along the bottom.
/// Each series is one `<path class="series NAME">` plus one `<circle class="point NAME">`
/// per epoch, where NAME is `loss`, `train-accuracy` or `validation-accuracy`; so a history
/// of E epochs gives 3 × E circles with class `point`. The legend sits above the plot area,
/// never over the data. Non-finite values and missing validation accuracies are skipped; an
/// empty history draws empty axes. The loss axis names `loss`, the loss the run minimised.
public func learningCurveSVG(_ history: [EpochStatistics], loss: Loss, title: String = "Learning curves") -> String {
    let width = 640.0, height = 400.0
    let left = 70.0, right = width - 70, top = 74.0, bottom = height - 56
    var doc = SVGDocument(width: width, height: height, title: title)
    doc.append(ChartStyle.title(title, x: width / 2))

    // Scales: whole epochs along x; loss from 0; accuracy zoomed to the data.
    let epochs = history.map { Double($0.epoch) }
    let losses = history.map(\.loss).filter(\.isFinite)
    let accuracies = (history.map(\.trainAccuracy) + history.compactMap(\.validationAccuracy)).filter(\.isFinite)
    let epochTicks = wholeNumberTicks(from: epochs.min() ?? 1, to: epochs.max() ?? 1)
    let x = LinearScale(domain: (epochTicks.lower, epochTicks.upper), range: (left, right))
    let lossTicks = NiceTicks(from: 0, to: losses.max() ?? 1, count: 5)
    let yLoss = LinearScale(domain: (lossTicks.lower, lossTicks.upper), range: (bottom, top))
    // Pad below the lowest accuracy so that its marker does not sit on the axis line.
    let lowest = accuracies.min() ?? 0, highest = accuracies.max() ?? 1
    var accuracyTicks = NiceTicks(from: lowest - max(0.002, (highest - lowest) * 0.05), to: highest, count: 5)
    accuracyTicks.upper = min(accuracyTicks.upper, max(1, accuracyTicks.lower + accuracyTicks.step))
    accuracyTicks.lower = max(0, accuracyTicks.lower)
    let yAccuracy = LinearScale(domain: (accuracyTicks.lower, accuracyTicks.upper), range: (bottom, top))

    doc.append(
        drawAxis(
            .bottom, scale: x, ticks: epochTicks.values.map { ($0, epochTicks.label($0)) },
            position: bottom, title: "epoch", titleOffset: 38))
    doc.append(
        drawAxis(
            .left, scale: yLoss, ticks: lossTicks.values.map { ($0, lossTicks.label($0)) },
            position: left, title: "training loss (\(lossName(loss)))", titleOffset: 48,
            grid: (left, right), color: Palette.vermillion.hex))
    let percentTicks = accuracyTicks.values.map { ($0, accuracyTicks.label($0, scale: 100, suffix: "%")) }
    doc.append(
        drawAxis(
            .right, scale: yAccuracy, ticks: percentTicks, position: right,
            title: "accuracy (%)", titleOffset: 52, color: Palette.blue.hex))

    // Series: one path and one marker per epoch each. Train accuracy is dashed with hollow
    // markers so that it is told from validation accuracy without colour.
    let series = [
        Series(
            name: "loss", label: "training loss (left axis)", color: Palette.vermillion,
            value: \.loss, y: yLoss),
        Series(
            name: "train-accuracy", label: "train accuracy", color: Palette.blue,
            dash: [6, 3], hollow: true, value: \.trainAccuracy, y: yAccuracy),
        Series(
            name: "validation-accuracy", label: "validation accuracy", color: Palette.bluishGreen,
            value: { $0.validationAccuracy ?? .nan }, y: yAccuracy),
    ]
    for s in series {
        doc.append(drawSeries(s, history: history, x: x))
    }
    let legend = drawLegend(
        series.map {
            LegendEntry(label: $0.label, color: $0.color.hex, isLine: true, dash: $0.dash, hollowMarker: $0.hollow)
        })
    doc.append(.group([legend.element], translateX: (width - legend.width) / 2, translateY: 52))
    if history.isEmpty {
        doc.append(
            .text(
                "no training history", x: (left + right) / 2, y: (top + bottom) / 2,
                style: ChartStyle.text(anchor: .middle)))
    }
    return doc.render()
}

/// The loss as the loss axis names it.
private func lossName(_ loss: Loss) -> String {
    switch loss {
    case .crossEntropy: "cross-entropy"
    case .meanSquaredError: "mean squared error"
    }
}

/// One line of the learning-curves chart: what it plots and how it looks.
private struct Series {
    var name: String
    var label: String
    var color: RGB
    var dash: [Double]? = nil
    var hollow = false
    /// The plotted value of an epoch (NaN: no point).
    var value: (EpochStatistics) -> Double
    var y: LinearScale
}

/// A series as `<g>`: its path, then a marker with a tooltip for each finite value.
private func drawSeries(_ s: Series, history: [EpochStatistics], x: LinearScale) -> SVGElement {
    let points = history.filter { s.value($0).isFinite }
    let line = SVGPath(polyline: points.map { (x(Double($0.epoch)), s.y(s.value($0))) })
    var parts: [SVGElement] = [
        .path(
            line,
            style: SVGStyle(
                className: "series \(s.name)", fill: "none", stroke: s.color.hex,
                strokeWidth: 2, dash: s.dash))
    ]
    let marker = SVGStyle(
        className: "point \(s.name)", fill: s.hollow ? "#ffffff" : s.color.hex,
        stroke: s.color.hex, strokeWidth: 1.5)
    for point in points {
        let value = s.value(point)
        let text = s.name == "loss" ? String(format: "%.4f", value) : String(format: "%.2f%%", value * 100)
        parts.append(
            .circle(
                cx: x(Double(point.epoch)), cy: s.y(value), r: 3.5, style: marker,
                tooltip: "epoch \(point.epoch): \(s.label) \(text)"))
    }
    return .group(parts)
}

/// Ticks for a whole-number axis such as epochs: a step of at least 1, and a range of at
/// least two steps so that a single epoch sits in the middle of the axis.
func wholeNumberTicks(from lo: Double, to hi: Double) -> NiceTicks {
    let step = max(1, NiceTicks.niceStep(for: (hi - lo) / 8))
    var lower = (lo / step).rounded(.down) * step
    var upper = (hi / step).rounded(.up) * step
    if upper - lower < 2 * step {
        lower -= step
        upper += step
    }
    return NiceTicks(lower: max(0, lower), upper: upper, step: step)
}
