/// The one JSON string quoting of the project, shared by its two JSON writers (this is the
/// lowest module both see):
///
/// - the safetensors header writer (`SafeTensorsJSONWriter`, here in Model): the checkpoint's
///   own bytes, with `.required`, so that the header is byte for byte what Python's
///   `safetensors` writes;
/// - `Presentation.JSON`: what people and scripts read (the commands' `--json`, the server's
///   replies), with `.all`.
///
/// Error messages that show text from a file quote it with `.all` too (`SafeTensorsJSON`'s
/// summaries, the checkpoint's errors), so that it can neither break the message's line nor
/// send escape sequences to a terminal. Parsing is elsewhere (`SafeTensors+JSONReader.swift`).
public enum JSONControlEscapes: Sendable {
    /// Only what JSON requires: U+0000–U+001F (DEL and the C1 controls stay as they are).
    case required
    /// U+0000–U+001F and U+007F–U+009F: nothing that a terminal acts on stays raw.
    case all
}

/// `text` as a JSON string literal: quotes and backslashes escaped, and the control characters
/// of `controls` written as `\n`, `\r`, `\t` or `\u00XX` (lower-case hex); everything else,
/// non-ASCII included, as raw UTF-8. `jsonQuoted("a\nb")` is `"a\nb"` with the backslash kept.
public func jsonQuoted(_ text: String, escaping controls: JSONControlEscapes = .all) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case "\u{00}"..."\u{1F}":
            result += unicodeEscape(scalar)
        case "\u{7F}"..."\u{9F}" where controls == .all:
            result += unicodeEscape(scalar)
        default:
            result.unicodeScalars.append(scalar)
        }
    }
    return result + "\""
}

/// `\u00XX` for a scalar below U+0100, in lower-case hex.
private func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16, uppercase: false)
    return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
}
