// Learning curves: loss and accuracy against epoch, on two y axes.

/// One epoch of training history.
public struct EpochPoint: Sendable, Equatable {
    /// Epoch number (1 for the first epoch).
    public var epoch: Int
    /// Mean training cross-entropy loss over the epoch, in nats.
    public var loss: Double
    /// Accuracy on the training set, a fraction in [0, 1].
    public var trainAccuracy: Double
    /// Accuracy on the validation set, a fraction in [0, 1].
    public var validationAccuracy: Double

    public init(epoch: Int, loss: Double, trainAccuracy: Double, validationAccuracy: Double) {
        self.epoch = epoch
        self.loss = loss
        self.trainAccuracy = trainAccuracy
        self.validationAccuracy = validationAccuracy
    }
}

/// The learning-curves chart as standalone SVG text (640 × 400 px).
///
/// Loss is drawn against the left axis (from 0), train and validation accuracy against the
/// right axis in percent (zoomed to the data, at most 100 %), epoch along the bottom.
/// Each series is one `<path class="series NAME">` plus one `<circle class="point NAME">`
/// per epoch, where NAME is `loss`, `train-accuracy` or `validation-accuracy`; so a history
/// of E epochs gives 3 × E circles with class `point`. The legend sits above the plot area,
/// never over the data. Non-finite values are skipped; an empty history draws empty axes.
public func learningCurveSVG(_ history: [EpochPoint], title: String = "Learning curves") -> String {
    let width = 640.0, height = 400.0
    let left = 70.0, right = width - 70, top = 74.0, bottom = height - 56
    var doc = SVGDocument(width: width, height: height, title: title)
    doc.append(.text(title, x: width / 2, y: 26, style: SVGStyle(className: "chart-title", fill: ChartStyle.ink, fontSize: ChartStyle.titleSize, fontWeight: "bold", anchor: .middle)))

    let epochs = history.map { Double($0.epoch) }
    let losses = history.map(\.loss).filter(\.isFinite)
    let accuracies = (history.map(\.trainAccuracy) + history.map(\.validationAccuracy)).filter(\.isFinite)

    // Epoch axis: whole-number ticks only.
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

    doc.append(drawAxis(.bottom, scale: x, ticks: epochTicks.values.map { ($0, epochTicks.label($0)) },
                        position: bottom, title: "epoch", titleOffset: 38))
    doc.append(drawAxis(.left, scale: yLoss, ticks: lossTicks.values.map { ($0, lossTicks.label($0)) },
                        position: left, title: "training loss (cross-entropy)", titleOffset: 48,
                        grid: (left, right), color: Palette.vermillion.hex))
    doc.append(drawAxis(.right, scale: yAccuracy,
                        ticks: accuracyTicks.values.map { ($0, accuracyTicks.label($0, scale: 100, suffix: "%")) },
                        position: right, title: "accuracy (%)", titleOffset: 52, color: Palette.blue.hex))

    struct Series { var name: String; var label: String; var color: RGB; var dash: [Double]?; var hollow: Bool; var value: (EpochPoint) -> Double; var y: LinearScale }
    let series = [
        Series(name: "loss", label: "training loss (left axis)", color: Palette.vermillion, dash: nil, hollow: false, value: \.loss, y: yLoss),
        Series(name: "train-accuracy", label: "train accuracy", color: Palette.blue, dash: [6, 3], hollow: true, value: \.trainAccuracy, y: yAccuracy),
        Series(name: "validation-accuracy", label: "validation accuracy", color: Palette.bluishGreen, dash: nil, hollow: false, value: \.validationAccuracy, y: yAccuracy),
    ]
    for s in series {
        let points = history.compactMap { p -> (point: EpochPoint, x: Double, y: Double)? in
            let v = s.value(p)
            return v.isFinite ? (p, x(Double(p.epoch)), s.y(v)) : nil
        }
        var parts: [SVGElement] = [
            .path(SVGPath(polyline: points.map { ($0.x, $0.y) }),
                  style: SVGStyle(className: "series \(s.name)", fill: "none", stroke: s.color.hex, strokeWidth: 2, dash: s.dash)),
        ]
        for p in points {
            let value = s.value(p.point)
            let text = s.name == "loss" ? String(format: "%.4f", value) : String(format: "%.2f%%", value * 100)
            parts.append(.circle(cx: p.x, cy: p.y, r: 3.5,
                                 style: SVGStyle(className: "point \(s.name)", fill: s.hollow ? "#ffffff" : s.color.hex, stroke: s.color.hex, strokeWidth: 1.5),
                                 tooltip: "epoch \(p.point.epoch): \(s.label) \(text)"))
        }
        doc.append(.group(parts))
    }
    let legend = drawLegend(series.map { LegendEntry(label: $0.label, color: $0.color.hex, isLine: true, dash: $0.dash, hollowMarker: $0.hollow) }, x: 0, y: 0)
    doc.append(.group([legend.element], translateX: (width - legend.width) / 2, translateY: 52))
    if history.isEmpty {
        doc.append(.text("no training history", x: (left + right) / 2, y: (top + bottom) / 2, style: SVGStyle(fill: ChartStyle.ink, fontSize: ChartStyle.labelSize, anchor: .middle)))
    }
    return doc.render()
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
