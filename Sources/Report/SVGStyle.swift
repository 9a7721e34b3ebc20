// Presentation attributes shared by every SVG element the charts draw.

/// How text is aligned on its `x` coordinate (SVG `text-anchor`).
public enum SVGTextAnchor: String, Sendable {
    case start, middle, end
}

/// The presentation attributes an element may carry; `nil` means "not written" (SVG's
/// default or the parent group's value applies). Lengths are in user units (pixels of the
/// `viewBox`), opacity in [0, 1].
public struct SVGStyle: Sendable, Equatable {
    /// `class` attribute: space-separated names that tests and CSS can select on.
    public var className: String?
    /// Fill colour, e.g. `"#440154"` or `"none"`.
    public var fill: String?
    /// Stroke colour, e.g. `"#333333"`.
    public var stroke: String?
    /// Stroke width in user units.
    public var strokeWidth: Double?
    /// Dash pattern in user units, e.g. `[6, 3]`.
    public var dash: [Double]?
    /// Whole-element opacity in [0, 1].
    public var opacity: Double?
    /// Font size in user units (text only).
    public var fontSize: Double?
    /// Font weight, e.g. `"bold"` (text only).
    public var fontWeight: String?
    /// Horizontal alignment of text on its `x` (text only).
    public var anchor: SVGTextAnchor?

    /// Creates a style; every attribute defaults to "not written".
    public init(
        className: String? = nil, fill: String? = nil, stroke: String? = nil,
        strokeWidth: Double? = nil, dash: [Double]? = nil, opacity: Double? = nil,
        fontSize: Double? = nil, fontWeight: String? = nil, anchor: SVGTextAnchor? = nil
    ) {
        self.className = className
        self.fill = fill
        self.stroke = stroke
        self.strokeWidth = strokeWidth
        self.dash = dash
        self.opacity = opacity
        self.fontSize = fontSize
        self.fontWeight = fontWeight
        self.anchor = anchor
    }

    /// The attributes in a fixed order, values not yet escaped.
    var attributes: [(String, String)] {
        var out: [(String, String)] = []
        if let className { out.append(("class", className)) }
        if let fill { out.append(("fill", fill)) }
        if let stroke { out.append(("stroke", stroke)) }
        if let strokeWidth { out.append(("stroke-width", svgNumber(strokeWidth))) }
        if let dash { out.append(("stroke-dasharray", dash.map(svgNumber).joined(separator: " "))) }
        if let opacity { out.append(("opacity", svgNumber(opacity))) }
        if let fontSize { out.append(("font-size", svgNumber(fontSize))) }
        if let fontWeight { out.append(("font-weight", fontWeight)) }
        if let anchor { out.append(("text-anchor", anchor.rawValue)) }
        return out
    }
}
