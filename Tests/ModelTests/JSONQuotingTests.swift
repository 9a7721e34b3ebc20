import Testing

import Model

/// The one JSON string quoting, in its two modes: all controls (for people), or only those JSON
/// requires (the safetensors header, as Python writes it).
@Suite struct JSONQuotingTests {
    @Test func requiredControlsAreEscapedInBothModes() {
        for mode in [JSONControlEscapes.required, .all] {
            #expect(jsonQuoted("a\"b\\c\nd\re\tf\u{1}", escaping: mode) == #""a\"b\\c\nd\re\tf\u0001""#)
        }
    }

    @Test func delAndC1StayRawOnlyInTheHeadersMode() {
        let text = "x\u{7F}y\u{85}z é"
        #expect(jsonQuoted(text, escaping: .all) == #""x\u007fy\u0085z é""#)
        #expect(jsonQuoted(text, escaping: .required) == "\"" + text + "\"")
    }
}
