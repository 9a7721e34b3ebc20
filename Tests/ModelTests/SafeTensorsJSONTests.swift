import Testing

@testable import Model

/// The strict JSON reader and writer behind the safetensors header.
@Suite("SafeTensors header JSON")
struct SafeTensorsJSONTests {
    static func parse(_ text: String) throws(SafeTensorsJSONSyntaxError) -> SafeTensorsJSON {
        try SafeTensorsJSONReader.parse(Array(text.utf8))
    }

    @Test func readsEveryKindOfValue() throws {
        let value = try Self.parse(#" {"a": [1, -0, 2.5e-3, true, false, null, "x"], "a": {}} "#)
        guard case .object(let members) = value else {
            Issue.record("not an object: \(value.summary)")
            return
        }
        #expect(members.map(\.key) == ["a", "a"])  // duplicates kept for the decoder to refuse
        #expect(value.compactText == #"{"a":[1,-0,2.5e-3,true,false,null,"x"],"a":{}}"#)
    }

    @Test func longValuesAreCutInMessages() throws {
        let long = try Self.parse("[" + (0..<100_000).map(String.init).joined(separator: ",") + "]")
        #expect(long.compactText == "[" + (0..<24).map(String.init).joined(separator: ",") + "…]")
        let longString = SafeTensorsJSON.string(String(repeating: "x", count: 1000))
        #expect(longString.compactText == "\"" + String(repeating: "x", count: 60) + "…\"")
    }

    @Test func integersAreTellableFromOtherNumbers() throws {
        #expect(try Self.parse("784").integer == 784)
        #expect(try Self.parse("-3").integer == -3)
        #expect(try Self.parse("3.0").integer == nil)
        #expect(try Self.parse("3e0").integer == nil)
        #expect(try Self.parse("true").integer == nil)
        #expect(try Self.parse("99999999999999999999").integer == nil)
    }

    @Test func stringEscapesAndSurrogatePairs() throws {
        let value = try Self.parse(#""a\"b\\c\/d\b\f\n\r\t\u00e9\u2603\ud83e\udde0""#)
        guard case .string(let text) = value else {
            Issue.record("not a string: \(value.summary)")
            return
        }
        #expect(text == "a\"b\\c/d\u{8}\u{c}\n\r\té☃🧠")
    }

    @Test func writerEscapesWhatItMust() throws {
        let original = "q\"b\\n\n\t\u{1}\u{1f} é 🧠"
        var bytes: [UInt8] = []
        SafeTensorsJSONWriter.appendString(original, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == #""q\"b\\n\n\t\u0001\u001f é 🧠""#)
        guard case .string(let back) = try SafeTensorsJSONReader.parse(bytes) else {
            Issue.record("not a string")
            return
        }
        #expect(back == original)
    }

    @Test(arguments: [
        ("", "unexpected end of header"),
        ("{", "expected a string key"),
        ("[1,]", "expected a value"),
        ("[1 2]", "expected ',' or ']'"),
        ("01", "unexpected text after the value"),
        ("1.", "expected a digit after '.'"),
        ("1e", "expected a digit in the exponent"),
        ("-", "expected a digit"),
        ("tru", "expected 'true'"),
        ("\"abc", "unterminated string"),
        ("\"a\u{1}\"", "control character"),
        (#""\x""#, "invalid escape"),
        (#""\u12""#, "expected 4 hex digits"),
        (#""\ud83e""#, "unpaired surrogate"),
        (#""\udde0""#, "unpaired surrogate"),
        ("{} {}", "unexpected text after the value"),
        ("NaN", "expected a value"),
    ])
    func refusesInvalidJSON(text: String, message: String) {
        do {
            let value = try Self.parse(text)
            Issue.record("parsed \(value.summary) from \(text)")
        } catch {
            #expect(error.message.contains(message), "\(error.message) at \(error.offset)")
        }
    }

    @Test func deepNestingIsRefusedNotOverflowed() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        do {
            _ = try Self.parse(deep)
            Issue.record("parsed 100000 levels")
        } catch {
            #expect(error.message.contains("nested deeper than 64"))
            #expect(error.offset == 64)
        }
        let fine = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try Self.parse(fine) }
    }
}
