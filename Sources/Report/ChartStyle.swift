// The look shared by every chart: sizes, colours, and text styles.

/// Layout constants and style helpers shared by the charts; sizes in pixels.
enum ChartStyle {
    static let titleSize = 16.0
    static let labelSize = 12.0
    static let tickSize = 11.0
    static let tickLength = 5.0
    static let ink = Palette.ink.hex
    static let gridColor = "#e3e3e3"

    /// A 1-pixel line in the ink colour (axis lines and ticks).
    static let rule = SVGStyle(stroke: ink, strokeWidth: 1)

    /// Text in the ink colour (or `color`) at `size`, aligned by `anchor`.
    static func text(
        size: Double = labelSize, anchor: SVGTextAnchor = .start, bold: Bool = false,
        className: String? = nil, color: String = ink
    ) -> SVGStyle {
        SVGStyle(className: className, fill: color, fontSize: size, fontWeight: bold ? "bold" : nil, anchor: anchor)
    }

    /// The chart's bold title, centred on `x` with its baseline at `y`.
    static func title(_ content: String, x: Double, y: Double = 26, size: Double = titleSize) -> SVGElement {
        .text(content, x: x, y: y, style: text(size: size, anchor: .middle, bold: true, className: "chart-title"))
    }
}
