// A strict RFC 8259 reader for the safetensors header; see SafeTensors+JSON.swift for why it
// exists instead of Foundation's JSONSerialization.

/// Where and why a header is not valid JSON.
struct SafeTensorsJSONSyntaxError: Error, Sendable {
    /// What was wrong, e.g. `expected ',' or '}'`.
    var message: String
    /// The byte offset in the header where it was noticed.
    var offset: Int
}

/// A recursive-descent reader over the header's bytes, which must already be valid UTF-8.
struct SafeTensorsJSONReader {
    /// Deeper nesting than this is refused, so a hostile header cannot exhaust the stack.
    /// A safetensors header needs 3 levels.
    static let maximumDepth = 64

    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0

    /// Parses `bytes` as one JSON value surrounded by optional whitespace (which includes the
    /// trailing spaces safetensors pads its header with).
    static func parse(_ bytes: [UInt8]) throws(SafeTensorsJSONSyntaxError) -> SafeTensorsJSON {
        var reader = SafeTensorsJSONReader(bytes: bytes)
        reader.skipWhitespace()
        let value = try reader.readValue()
        reader.skipWhitespace()
        guard reader.position == bytes.count else { throw reader.failure("unexpected text after the value") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private func failure(_ message: String) -> SafeTensorsJSONSyntaxError {
        SafeTensorsJSONSyntaxError(message: message, offset: position)
    }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
            position += 1
        }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(SafeTensorsJSONSyntaxError) {
        guard current == byte else { throw failure("expected \(what)") }
        position += 1
    }

    private mutating func readValue() throws(SafeTensorsJSONSyntaxError) -> SafeTensorsJSON {
        guard let byte = current else { throw failure("unexpected end of header, expected a value") }
        switch byte {
        case UInt8(ascii: "{"): return try readObject()
        case UInt8(ascii: "["): return try readArray()
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try readLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try readLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try readLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try readNumber()
        default: throw failure("expected a value")
        }
    }

    private mutating func readLiteral(_ word: String) throws(SafeTensorsJSONSyntaxError) {
        for byte in word.utf8 { try expect(byte, "'\(word)'") }
    }

    private mutating func enterContainer() throws(SafeTensorsJSONSyntaxError) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw failure("nested deeper than \(Self.maximumDepth) levels")
        }
        position += 1  // past '{' or '['
        skipWhitespace()
    }

    private mutating func readObject() throws(SafeTensorsJSONSyntaxError) -> SafeTensorsJSON {
        try enterContainer()
        defer { depth -= 1 }
        var members: [(key: String, value: SafeTensorsJSON)] = []
        if current == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            guard current == UInt8(ascii: "\"") else { throw failure("expected a string key") }
            let key = try readString()
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "':'")
            skipWhitespace()
            members.append((key, try readValue()))
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                position += 1
                skipWhitespace()
            } else {
                try expect(UInt8(ascii: "}"), "',' or '}'")
                return .object(members)
            }
        }
    }

    private mutating func readArray() throws(SafeTensorsJSONSyntaxError) -> SafeTensorsJSON {
        try enterContainer()
        defer { depth -= 1 }
        var items: [SafeTensorsJSON] = []
        if current == UInt8(ascii: "]") {
            position += 1
            return .array(items)
        }
        while true {
            items.append(try readValue())
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                position += 1
                skipWhitespace()
            } else {
                try expect(UInt8(ascii: "]"), "',' or ']'")
                return .array(items)
            }
        }
    }

    /// Reads `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` and keeps its text.
    private mutating func readNumber() throws(SafeTensorsJSONSyntaxError) -> SafeTensorsJSON {
        let start = position
        if current == UInt8(ascii: "-") { position += 1 }
        if current == UInt8(ascii: "0") {
            position += 1
        } else {
            guard try readDigits() > 0 else { throw failure("expected a digit") }
        }
        if current == UInt8(ascii: ".") {
            position += 1
            guard try readDigits() > 0 else { throw failure("expected a digit after '.'") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard try readDigits() > 0 else { throw failure("expected a digit in the exponent") }
        }
        return .number(String(decoding: bytes[start..<position], as: UTF8.self))
    }

    private mutating func readDigits() throws(SafeTensorsJSONSyntaxError) -> Int {
        let start = position
        while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { position += 1 }
        return position - start
    }

    /// Reads a quoted string, resolving escapes (`\n`, `\u00e9`, surrogate pairs).
    private mutating func readString() throws(SafeTensorsJSONSyntaxError) -> String {
        position += 1  // past the opening quote
        var utf8: [UInt8] = []
        while true {
            guard let byte = current else { throw failure("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                position += 1
                try readEscape(into: &utf8)
            case 0..<0x20:
                throw failure("control character in a string")
            default:
                utf8.append(byte)
                position += 1
            }
        }
    }

    private mutating func readEscape(into utf8: inout [UInt8]) throws(SafeTensorsJSONSyntaxError) {
        guard let byte = current else { throw failure("unterminated string") }
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(byte)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            var code = UInt32(try readHex4())
            if (0xD800..<0xDC00).contains(code) {  // a high surrogate: a low one must follow
                guard current == UInt8(ascii: "\\") else { throw failure("unpaired surrogate in \\u escape") }
                position += 1
                try expect(UInt8(ascii: "u"), "'u' of a low surrogate")
                let low = UInt32(try readHex4())
                guard (0xDC00..<0xE000).contains(low) else { throw failure("unpaired surrogate in \\u escape") }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(code) else { throw failure("unpaired surrogate in \\u escape") }
            utf8.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            position -= 1
            throw failure("invalid escape in a string")
        }
    }

    private mutating func readHex4() throws(SafeTensorsJSONSyntaxError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = Self.hexValue(byte) else {
                throw failure("expected 4 hex digits after \\u")
            }
            value = value << 4 | UInt16(digit)
            position += 1
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
