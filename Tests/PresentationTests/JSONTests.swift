import Presentation
import Testing

@Suite("JSON text")
struct JSONTests {
    @Test("every kind of value, nested, in the order given")
    func nested() {
        let value = JSON.object([
            ("digit", .integer(7)), ("confidence", .number(0.25)), ("whole", .number(3)),
            ("nan", .number(.nan)), ("none", .null), ("ok", .bool(true)), ("no", .bool(false)),
            ("text", .string("a\"b\n")), ("list", .array([.integer(1), .array([]), .object([])])),
        ])
        #expect(
            value.text
                == #"{"digit": 7, "confidence": 0.25, "whole": 3, "nan": null, "none": null, "ok": true, "no": false, "text": "a\"b\n", "list": [1, [], {}]}"#
        )
    }

    @Test("a server reply's 784 integers")
    func longArray() {
        let pixels = (0..<784).map { $0 % 256 }
        let text = JSON.array(pixels.map { .integer($0) }).text
        #expect(text == "[" + pixels.map(String.init).joined(separator: ", ") + "]")
    }

    @Test("integers of every size and sign are written as String(n) writes them")
    func integers() {
        let values = [0, 7, 10, 99, 100, 255, -1, -10, 1_000_000, Int.max, Int.min, Int.max / 10 * 10]
        let text = JSON.array(values.map { .integer($0) } + [.number(-42), .number(1e14)]).text
        #expect(text == "[" + (values + [-42, 100_000_000_000_000]).map(String.init).joined(separator: ", ") + "]")
    }

    @Test("utf8 is the text's bytes, with non-ASCII strings intact")
    func utf8() {
        let value = JSON.object([("name", .string("ü × 28")), ("p", .number(0.125))])
        #expect(value.utf8 == Array(value.text.utf8))
        #expect(value.text == #"{"name": "ü × 28", "p": 0.125}"#)
    }
}
