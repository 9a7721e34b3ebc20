// Test helper: parse SVG/XML text with Foundation's XMLParser and count elements by class.

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What a parse found: whether the text is well-formed XML and every element seen.
struct ParsedXML {
    var wellFormed: Bool
    var elements: [(name: String, attributes: [String: String])]
    var text: String

    /// Elements named `name` whose class list contains every name in `classes`.
    func count(_ name: String, classes: [String] = []) -> Int {
        elements.filter { element in
            guard element.name == name else { return false }
            let list = (element.attributes["class"] ?? "").split(separator: " ").map(String.init)
            return classes.allSatisfy(list.contains)
        }.count
    }
}

private final class Collector: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String])] = []
    var text = ""
    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        elements.append((elementName, attributes))
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
}

/// Parses `text` as XML.
func parseXML(_ text: String) -> ParsedXML {
    let parser = XMLParser(data: Data(text.utf8))
    let collector = Collector()
    parser.delegate = collector
    let ok = parser.parse()
    return ParsedXML(wellFormed: ok, elements: collector.elements, text: collector.text)
}
