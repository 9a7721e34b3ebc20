// Linear scales and the axes drawn from them, shared by every chart.

/// A linear map from a data interval to a pixel interval (which may run backwards, as the
/// y pixel axis does).
public struct LinearScale: Sendable, Equatable {
    public var domain: (Double, Double)
    public var range: (Double, Double)

    public init(domain: (Double, Double), range: (Double, Double)) {
        self.domain = domain
        self.range = range
    }

    /// The pixel position of data value `x` (a zero-width domain maps to the range's start).
    public func callAsFunction(_ x: Double) -> Double {
        let width = domain.1 - domain.0
        guard width != 0 else { return range.0 }
        return range.0 + (x - domain.0) / width * (range.1 - range.0)
    }

    public static func == (a: LinearScale, b: LinearScale) -> Bool {
        a.domain == b.domain && a.range == b.range
    }
}

/// Which side of the plot area an axis is drawn on.
enum AxisSide { case left, right, bottom }

/// Layout constants shared by the charts, in pixels.
enum ChartStyle {
    static let titleSize = 16.0
    static let labelSize = 12.0
    static let tickSize = 11.0
    static let tickLength = 5.0
    static let ink = Palette.ink.hex
    static let gridColor = "#e3e3e3"
}

/// Draws an axis: the line, ticks with labels, and the axis title, for a plot area whose
/// edge is at `position` (x for left/right, y for bottom) and which spans `across`
/// (the other coordinate's pixel interval, for gridlines). Returns elements in a `g.axis`.
func drawAxis(
    _ side: AxisSide, scale: LinearScale, ticks: [(value: Double, label: String)], position: Double,
    title: String, titleOffset: Double = 40, grid: (Double, Double)? = nil, color: String = ChartStyle.ink
) -> SVGElement {
    var parts: [SVGElement] = []
    let lineStyle = SVGStyle(stroke: color, strokeWidth: 1)
    let tickText = SVGStyle(fill: color, fontSize: ChartStyle.tickSize, anchor: side == .left ? .end : side == .right ? .start : .middle)
    let (a, b) = (scale.range.0, scale.range.1)
    switch side {
    case .left, .right:
        parts.append(.line(x1: position, y1: a, x2: position, y2: b, style: lineStyle))
        let direction = side == .left ? -1.0 : 1.0
        for tick in ticks {
            let y = scale(tick.value)
            if let grid {
                parts.append(.line(x1: grid.0, y1: y, x2: grid.1, y2: y, style: SVGStyle(className: "grid", stroke: ChartStyle.gridColor, strokeWidth: 1)))
            }
            parts.append(.line(x1: position, y1: y, x2: position + direction * ChartStyle.tickLength, y2: y, style: lineStyle))
            parts.append(.text(tick.label, x: position + direction * (ChartStyle.tickLength + 3), y: y + 4, style: tickText))
        }
        let middle = (a + b) / 2
        let x = position + direction * titleOffset
        parts.append(.rotatedText(title, x: x, y: middle, degrees: side == .left ? -90 : 90,
                                  style: SVGStyle(className: "axis-title", fill: color, fontSize: ChartStyle.labelSize, anchor: .middle)))
    case .bottom:
        parts.append(.line(x1: a, y1: position, x2: b, y2: position, style: lineStyle))
        for tick in ticks {
            let x = scale(tick.value)
            if let grid {
                parts.append(.line(x1: x, y1: grid.0, x2: x, y2: grid.1, style: SVGStyle(className: "grid", stroke: ChartStyle.gridColor, strokeWidth: 1)))
            }
            parts.append(.line(x1: x, y1: position, x2: x, y2: position + ChartStyle.tickLength, style: lineStyle))
            parts.append(.text(tick.label, x: x, y: position + ChartStyle.tickLength + 12, style: tickText))
        }
        parts.append(.text(title, x: (a + b) / 2, y: position + titleOffset,
                           style: SVGStyle(className: "axis-title", fill: color, fontSize: ChartStyle.labelSize, anchor: .middle)))
    }
    return .group(parts, style: SVGStyle(className: "axis"))
}

/// One legend entry: a swatch (a filled square, or a line with a marker) and its label.
struct LegendEntry {
    var label: String
    var color: String
    var isLine: Bool
    var dash: [Double]? = nil
    var hollowMarker: Bool = false
}

/// A horizontal legend starting at (x, y) (y is the text baseline). Entries are spaced by
/// their label length (≈ 0.55 em per character). Returns the `g.legend` and its width.
func drawLegend(_ entries: [LegendEntry], x: Double, y: Double) -> (element: SVGElement, width: Double) {
    var parts: [SVGElement] = []
    var cursor = x
    for entry in entries {
        if entry.isLine {
            parts.append(.line(x1: cursor, y1: y - 4, x2: cursor + 22, y2: y - 4,
                               style: SVGStyle(stroke: entry.color, strokeWidth: 2, dash: entry.dash)))
            parts.append(.circle(cx: cursor + 11, cy: y - 4, r: 3,
                                 style: SVGStyle(fill: entry.hollowMarker ? "#ffffff" : entry.color, stroke: entry.color, strokeWidth: 1.5)))
        } else {
            parts.append(.rect(x: cursor + 6, y: y - 10, width: 12, height: 12, style: SVGStyle(fill: entry.color)))
        }
        parts.append(.text(entry.label, x: cursor + 28, y: y, style: SVGStyle(fill: ChartStyle.ink, fontSize: ChartStyle.labelSize)))
        cursor += 28 + Double(entry.label.count) * ChartStyle.labelSize * 0.55 + 18
    }
    return (.group(parts, style: SVGStyle(className: "legend")), cursor - 18 - x)
}
