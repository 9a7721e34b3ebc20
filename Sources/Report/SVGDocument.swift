// A whole, standalone SVG file.

/// A standalone SVG picture: a size in pixels, a title, and the elements drawn in order
/// (later elements on top). `render()` gives the file's text.
///
///     var doc = SVGDocument(width: 200, height: 100, title: "Example")
///     doc.append(.rect(x: 10, y: 10, width: 50, height: 20, style: SVGStyle(fill: "#0072B2")))
///     let text = doc.render()   // "<?xml …?>\n<svg xmlns=… viewBox=\"0 0 200 100\" …>…"
public struct SVGDocument: Sendable, Equatable {
    /// Width in pixels (also the `viewBox` width, so one user unit is one pixel).
    public var width: Double
    /// Height in pixels (also the `viewBox` height).
    public var height: Double
    /// Accessible title, written as the first `<title>` child.
    public var title: String?
    /// Elements in drawing order.
    public var elements: [SVGElement]
    /// Font family for all text in the document (generic families only: no web fonts).
    public var fontFamily: String

    /// Creates an empty document.
    public init(
        width: Double, height: Double, title: String? = nil, elements: [SVGElement] = [],
        fontFamily: String = "Helvetica, Arial, sans-serif"
    ) {
        self.width = width
        self.height = height
        self.title = title
        self.elements = elements
        self.fontFamily = fontFamily
    }

    /// Appends one element on top of what is drawn so far.
    public mutating func append(_ element: SVGElement) { elements.append(element) }

    /// Appends elements on top of what is drawn so far.
    public mutating func append(contentsOf more: [SVGElement]) { elements.append(contentsOf: more) }

    /// The standalone SVG text: XML declaration, `<svg>` with `xmlns`, `viewBox`, `width`,
    /// `height`, the title, then the elements, one per line.
    public func render() -> String {
        let w = svgNumber(width), h = svgNumber(height)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\""
        out += " font-family=\"\(xmlEscape(fontFamily))\">\n"
        if let title { SVGElement.title(title).render(into: &out, depth: 1) }
        // An opaque background, so the picture reads the same on any page and in print.
        let background = SVGStyle(className: "background", fill: "#ffffff")
        SVGElement.rect(x: 0, y: 0, width: width, height: height, style: background).render(into: &out, depth: 1)
        for element in elements { element.render(into: &out, depth: 1) }
        out += "</svg>\n"
        return out
    }
}
