// The JSON values and writer behind the safetensors header (the reader is in
// SafeTensors+JSONReader.swift).
//
// Why not Foundation's JSONSerialization: it silently keeps one of two repeated keys (so a file
// with a duplicated tensor name could not be refused), and it turns every number into an
// NSNumber whose integer-ness, and whether it was `true`, differ between platforms. This reader
// keeps object members in file order, duplicates included, and keeps each number's text, so the
// decoder can tell `3` from `3.0` from `true` exactly. It follows RFC 8259 and nothing more.

/// A JSON value read from a safetensors header.
enum SafeTensorsJSON: Sendable {
    /// An object's members in file order; a repeated key appears twice.
    case object([(key: String, value: SafeTensorsJSON)])
    case array([SafeTensorsJSON])
    case string(String)
    /// A number as written in the file, e.g. `"784"`, `"-1"`, `"2.5e3"`.
    case number(String)
    case bool(Bool)
    case null

    /// The value as an `Int`, if it is a number written as an integer (no fraction, no
    /// exponent) that fits in an `Int`.
    var integer: Int? {
        guard case .number(let text) = self,
            !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
        else { return nil }
        return Int(text)
    }

    /// A short description of the value for error messages: `an object`, `the string "F16"`,
    /// `the number 2.5`.
    var summary: String {
        switch self {
        case .object: return "an object"
        case .array(let items): return "an array of \(items.count)"
        case .string(let text):
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            return "the string \(jsonQuoted(shown))"
        case .number(let text): return "the number \(text)"
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        }
    }
}

extension SafeTensorsJSON {
    /// The value as compact JSON text, containers cut after about 60 bytes, for error messages:
    /// `[0,1.5]`, `"F32"`, `{"a":1}`.
    var compactText: String {
        var text = ""
        append(to: &text, budget: 60)
        return text
    }

    private func append(to text: inout String, budget: Int) {
        switch self {
        case .object(let members):
            text += "{"
            for (index, member) in members.enumerated() {
                if text.utf8.count >= budget {
                    text += "…"
                    break
                }
                if index > 0 { text += "," }
                SafeTensorsJSON.string(member.key).append(to: &text, budget: budget)
                text += ":"
                member.value.append(to: &text, budget: budget)
            }
            text += "}"
        case .array(let items):
            text += "["
            for (index, item) in items.enumerated() {
                if text.utf8.count >= budget {
                    text += "…"
                    break
                }
                if index > 0 { text += "," }
                item.append(to: &text, budget: budget)
            }
            text += "]"
        case .string(let value):
            let shown = value.utf8.count > budget ? String(value.prefix(budget)) + "…" : value
            text += jsonQuoted(shown)
        case .number(let value): text += value
        case .bool(let value): text += value ? "true" : "false"
        case .null: text += "null"
        }
    }
}

/// Writing the compact JSON of a safetensors header, byte for byte as Python's `safetensors`
/// writes it: no spaces, non-ASCII text as raw UTF-8.
enum SafeTensorsJSONWriter {
    /// Appends `text` as a JSON string: quotes, backslashes and U+0000–U+001F escaped, as
    /// Python's `safetensors` writes them (`jsonQuoted(_:escaping: .required)`).
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(contentsOf: jsonQuoted(text, escaping: .required).utf8)
    }

    /// Appends `[a,b,c]` for the integers given.
    static func appendIntegers(_ values: [Int], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: Array(String(value).utf8))
        }
        out.append(UInt8(ascii: "]"))
    }
}
