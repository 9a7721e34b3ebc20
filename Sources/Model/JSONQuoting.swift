/// `text` as a JSON string literal: quotes and backslashes escaped, and every control character
/// (U+0000–U+001F, U+007F–U+009F) written as `\n`, `\r`, `\t` or `\u00XX`. Used for the
/// safetensors header, for error messages that show text from a file (so that it can neither
/// break the message's line nor send escape sequences to a terminal), and for the CLI's JSON.
/// `jsonQuoted("a\nb")` is `"a\nb"` with the backslash kept.
public func jsonQuoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case "\u{00}"..."\u{1F}", "\u{7F}"..."\u{9F}":
            let hex = String(scalar.value, radix: 16, uppercase: false)
            result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default:
            result.unicodeScalars.append(scalar)
        }
    }
    return result + "\""
}
