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
}
