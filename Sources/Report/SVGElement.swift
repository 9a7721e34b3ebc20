// The few SVG elements the charts need, as a value tree that renders to text.

/// A straight-segment outline for `<path d="…">`: a list of move-to and line-to points.
public struct SVGPath: Sendable, Equatable {
    /// One drawing command, in user units.
    public enum Command: Sendable, Equatable {
        /// Starts a new sub-path at (x, y) without drawing (`M`).
        case move(x: Double, y: Double)
        /// Draws a straight line to (x, y) (`L`).
        case line(x: Double, y: Double)
    }

    /// The commands in drawing order.
    public var commands: [Command]

    /// Creates a path from commands.
    public init(_ commands: [Command] = []) { self.commands = commands }

    /// A polyline through `points`: move to the first, line to each of the rest.
    public init(polyline points: [(x: Double, y: Double)]) {
        commands = points.enumerated().map { index, point in
            index == 0 ? .move(x: point.x, y: point.y) : .line(x: point.x, y: point.y)
        }
    }

    /// The `d` attribute text, e.g. `"M10 20L30 40"`.
    public var data: String {
        commands.map { command in
            switch command {
            case .move(let x, let y): "M\(svgNumber(x)) \(svgNumber(y))"
            case .line(let x, let y): "L\(svgNumber(x)) \(svgNumber(y))"
            }
        }.joined()
    }
}

/// One SVG element: a name, attributes in order, and children or text content.
/// Build elements with the static functions (`.rect`, `.text`, …); render with `SVGDocument`.
public struct SVGElement: Sendable, Equatable {
    /// Element name, e.g. `"rect"`.
    public var name: String
    /// Attributes in output order; values are escaped when rendered.
    public var attributes: [Attribute]
    /// Child elements (for `g`, and `title` inside shapes).
    public var children: [SVGElement]
    /// Text content (for `text` and `title`); escaped when rendered.
    public var text: String?

    /// One `name="value"` pair.
    public struct Attribute: Sendable, Equatable {
        /// Attribute name.
        public var name: String
        /// Attribute value (unescaped).
        public var value: String
        /// Creates a value from its fields (see the properties for units).
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Creates an element from its parts (the static builders below are usually clearer).
    public init(name: String, attributes: [Attribute] = [], children: [SVGElement] = [], text: String? = nil) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    private init(_ name: String, _ geometry: [(String, String)], _ style: SVGStyle, tooltip: String? = nil) {
        let pairs = geometry + style.attributes
        self.init(
            name: name, attributes: pairs.map { Attribute($0.0, $0.1) },
            children: tooltip.map { [.title($0)] } ?? [])
    }

    /// `<text>` at (x, y): `y` is the text baseline.
    public static func text(_ content: String, x: Double, y: Double, style: SVGStyle = SVGStyle()) -> SVGElement {
        var element = SVGElement("text", [("x", svgNumber(x)), ("y", svgNumber(y))], style)
        element.text = content
        return element
    }

    /// `<text>` rotated by `degrees` about its anchor point (x, y); -90 reads bottom to top.
    public static func rotatedText(
        _ content: String, x: Double, y: Double, degrees: Double, style: SVGStyle = SVGStyle()
    ) -> SVGElement {
        var element = text(content, x: x, y: y, style: style)
        element.attributes.append(
            Attribute("transform", "rotate(\(svgNumber(degrees)) \(svgNumber(x)) \(svgNumber(y)))"))
        return element
    }

    /// `<line>` from (x1, y1) to (x2, y2).
    public static func line(
        x1: Double, y1: Double, x2: Double, y2: Double, style: SVGStyle = SVGStyle()
    ) -> SVGElement {
        SVGElement(
            "line", [("x1", svgNumber(x1)), ("y1", svgNumber(y1)), ("x2", svgNumber(x2)), ("y2", svgNumber(y2))],
            style)
    }

    /// `<rect>` with top-left corner (x, y); negative sizes are drawn as zero.
    /// `tooltip` becomes a `<title>` child, shown by browsers on hover.
    public static func rect(
        x: Double, y: Double, width: Double, height: Double, style: SVGStyle = SVGStyle(),
        tooltip: String? = nil
    ) -> SVGElement {
        SVGElement(
            "rect",
            [
                ("x", svgNumber(x)), ("y", svgNumber(y)),
                ("width", svgNumber(max(0, width))), ("height", svgNumber(max(0, height))),
            ],
            style, tooltip: tooltip)
    }

    /// `<path>` through straight segments.
    public static func path(_ path: SVGPath, style: SVGStyle = SVGStyle()) -> SVGElement {
        SVGElement("path", [("d", path.data)], style)
    }

    /// `<circle>` centred at (cx, cy) with radius `r`.
    public static func circle(
        cx: Double, cy: Double, r: Double, style: SVGStyle = SVGStyle(), tooltip: String? = nil
    ) -> SVGElement {
        SVGElement(
            "circle", [("cx", svgNumber(cx)), ("cy", svgNumber(cy)), ("r", svgNumber(max(0, r)))],
            style, tooltip: tooltip)
    }

    /// `<g>` grouping `children`, optionally moved by `translate(dx dy)`, with a shared style.
    public static func group(
        _ children: [SVGElement], translateX dx: Double = 0, translateY dy: Double = 0,
        style: SVGStyle = SVGStyle()
    ) -> SVGElement {
        var geometry: [(String, String)] = []
        if dx != 0 || dy != 0 { geometry.append(("transform", "translate(\(svgNumber(dx)) \(svgNumber(dy)))")) }
        var element = SVGElement("g", geometry, style)
        element.children = children
        return element
    }

    /// `<title>`: an accessible name for the document or the enclosing element.
    public static func title(_ content: String) -> SVGElement {
        SVGElement(name: "title", text: content)
    }

    /// Appends this element's text, indented by `depth` levels, to `out`.
    func render(into out: inout String, depth: Int) {
        out += String(repeating: "  ", count: depth) + "<" + name
        for attribute in attributes {
            out += " \(attribute.name)=\"\(xmlEscape(attribute.value))\""
        }
        if children.isEmpty, text == nil {
            out += "/>\n"
            return
        }
        out += ">"
        if let text { out += xmlEscape(text) }
        if !children.isEmpty {
            out += "\n"
            for child in children { child.render(into: &out, depth: depth + 1) }
            out += String(repeating: "  ", count: depth)
        }
        out += "</\(name)>\n"
    }
}
