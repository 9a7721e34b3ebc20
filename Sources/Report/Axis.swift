// Linear scales and the axes drawn from them, shared by every chart.

/// A linear map from a data interval to a pixel interval (which may run backwards, as the
/// y pixel axis does).
public struct LinearScale: Sendable, Equatable {
    /// Data interval (start, end).
    public var domain: (Double, Double)
    /// Pixel interval (start, end); may run backwards.
    public var range: (Double, Double)

    /// Creates a value from its fields (see the properties for units).
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

    /// Same domain and range.
    public static func == (a: LinearScale, b: LinearScale) -> Bool {
        a.domain == b.domain && a.range == b.range
    }
}

/// Which side of the plot area an axis is drawn on.
enum AxisSide { case left, right, bottom }

/// One tick: its data value and the text written beside it.
typealias Tick = (value: Double, label: String)

/// Draws an axis along the plot area's edge at `position` (x for left/right, y for bottom):
/// the axis line, a tick and label per tick, and the title `titleOffset` pixels away from
/// the edge. With `grid` (the plot's extent across the axis, in pixels) each tick also gets a
/// light gridline. Returns a `<g class="axis">`.
func drawAxis(
    _ side: AxisSide, scale: LinearScale, ticks: [Tick], position: Double, title: String,
    titleOffset: Double = 40, grid: (Double, Double)? = nil, color: String = ChartStyle.ink
) -> SVGElement {
    let line = SVGStyle(stroke: color, strokeWidth: 1)
    let gridLine = SVGStyle(className: "grid", stroke: ChartStyle.gridColor, strokeWidth: 1)
    let titleStyle = ChartStyle.text(anchor: .middle, className: "axis-title", color: color)
    let tick = ChartStyle.tickLength
    let (start, end) = (scale.range.0, scale.range.1)
    var parts: [SVGElement] = []
    switch side {
    case .left, .right:
        let outward = side == .left ? -1.0 : 1.0
        let labelStyle = ChartStyle.text(size: ChartStyle.tickSize, anchor: side == .left ? .end : .start, color: color)
        parts.append(.line(x1: position, y1: start, x2: position, y2: end, style: line))
        for (value, label) in ticks {
            let y = scale(value)
            if let grid { parts.append(.line(x1: grid.0, y1: y, x2: grid.1, y2: y, style: gridLine)) }
            parts.append(.line(x1: position, y1: y, x2: position + outward * tick, y2: y, style: line))
            parts.append(.text(label, x: position + outward * (tick + 3), y: y + 4, style: labelStyle))
        }
        parts.append(
            .rotatedText(
                title, x: position + outward * titleOffset, y: (start + end) / 2,
                degrees: side == .left ? -90 : 90, style: titleStyle))
    case .bottom:
        let labelStyle = ChartStyle.text(size: ChartStyle.tickSize, anchor: .middle, color: color)
        parts.append(.line(x1: start, y1: position, x2: end, y2: position, style: line))
        for (value, label) in ticks {
            let x = scale(value)
            if let grid { parts.append(.line(x1: x, y1: grid.0, x2: x, y2: grid.1, style: gridLine)) }
            parts.append(.line(x1: x, y1: position, x2: x, y2: position + tick, style: line))
            parts.append(.text(label, x: x, y: position + tick + 12, style: labelStyle))
        }
        parts.append(.text(title, x: (start + end) / 2, y: position + titleOffset, style: titleStyle))
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

/// A horizontal legend whose first swatch starts at x = 0 with the text baseline at y = 0
/// (place it with a translated group). Entries are spaced by their label length, estimated
/// at 0.55 em per character. Returns the `<g class="legend">` and its width in pixels.
func drawLegend(_ entries: [LegendEntry]) -> (element: SVGElement, width: Double) {
    var parts: [SVGElement] = []
    var cursor = 0.0
    for entry in entries {
        if entry.isLine {
            let marker = SVGStyle(
                fill: entry.hollowMarker ? "#ffffff" : entry.color, stroke: entry.color, strokeWidth: 1.5)
            parts.append(
                .line(
                    x1: cursor, y1: -4, x2: cursor + 22, y2: -4,
                    style: SVGStyle(stroke: entry.color, strokeWidth: 2, dash: entry.dash)))
            parts.append(.circle(cx: cursor + 11, cy: -4, r: 3, style: marker))
        } else {
            parts.append(.rect(x: cursor + 6, y: -10, width: 12, height: 12, style: SVGStyle(fill: entry.color)))
        }
        parts.append(.text(entry.label, x: cursor + 28, y: 0, style: ChartStyle.text()))
        cursor += 28 + Double(entry.label.count) * ChartStyle.labelSize * 0.55 + 18
    }
    return (.group(parts, style: SVGStyle(className: "legend")), cursor - 18)
}
