import Testing

@testable import Model

/// One test per way a file can be damaged: each must be refused with its own error, whose
/// message names the file and what was wrong.
@Suite("SafeTensors refuses corrupt files")
struct SafeTensorsCorruptTests {
    static let path = "corrupt.safetensors"

    /// A file with `header` (as given, unpadded) and `data`.
    static func file(_ header: String, data: [UInt8] = []) -> [UInt8] {
        let length = UInt64(header.utf8.count)
        return (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) } + Array(header.utf8) + data
    }

    /// `count` floats' worth of bytes.
    static func floats(_ count: Int) -> [UInt8] { [UInt8](repeating: 0, count: 4 * count) }

    /// A header entry for an F32 tensor.
    static func entry(_ name: String, shape: String, offsets: String) -> String {
        #""\#(name)":{"dtype":"F32","shape":\#(shape),"data_offsets":\#(offsets)}"#
    }

    /// Decodes `bytes`, expecting exactly `expected`, with a message that starts with the path
    /// and contains each of `words`.
    static func expectRefusal(
        _ bytes: [UInt8], _ expected: SafeTensorsError, words: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            let decoded = try SafeTensors(decoding: bytes, path: path)
            Issue.record("decoded a corrupt file: \(decoded.tensors.map(\.name))", sourceLocation: sourceLocation)
        } catch {
            #expect(error == expected, sourceLocation: sourceLocation)
            let message = error.description
            #expect(message.hasPrefix(path + ": "), sourceLocation: sourceLocation)
            #expect(!message.contains("\n"), sourceLocation: sourceLocation)
            for word in words {
                #expect(message.contains(word), "\(message)", sourceLocation: sourceLocation)
            }
        }
    }

    // MARK: The length prefix and the header

    @Test func shorterThanEightBytes() {
        Self.expectRefusal([1, 0, 0], .tooShort(path: Self.path, size: 3), words: ["3 bytes", "at least 8"])
        Self.expectRefusal([], .tooShort(path: Self.path, size: 0), words: ["0 bytes"])
    }

    @Test func zeroHeaderLength() {
        Self.expectRefusal(
            [UInt8](repeating: 0, count: 16), .emptyHeader(path: Self.path), words: ["header length is 0"])
    }

    @Test func headerLongerThanFile() {
        var bytes = Self.file("{}")
        bytes[0] = 200
        Self.expectRefusal(
            bytes, .headerBeyondFile(path: Self.path, headerLength: 200, available: 2),
            words: ["200 bytes", "only 2 bytes", "truncated"])
    }

    @Test func headerLongerThanTheLimit() {
        // 2^63: refused from its length alone, before anything is allocated.
        let bytes: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0x80] + Array("{}".utf8)
        Self.expectRefusal(
            bytes, .headerTooLarge(path: Self.path, headerLength: 1 << 63, limit: SafeTensors.headerLimit),
            words: ["9223372036854775808", "limit"])
    }

    @Test func headerNotUTF8() {
        // A stray byte, a truncated sequence, an overlong '/', and an encoded surrogate.
        for bad: [UInt8] in [[0xFF, 0xFE], [0xE2, 0x98], [0xC0, 0xAF], [0xED, 0xA0, 0x80]] {
            let header = [UInt8(ascii: "{"), UInt8(ascii: "\"")] + bad + Array("\":1}".utf8)
            let bytes = (0..<8).map { UInt8(truncatingIfNeeded: header.count >> (8 * $0)) } + header
            Self.expectRefusal(bytes, .headerNotUTF8(path: Self.path), words: ["UTF-8"])
        }
    }

    @Test func headerNotJSON() {
        Self.expectRefusal(
            Self.file(#"{"a":{"dtype":"F32"}"#),
            .headerNotJSON(path: Self.path, reason: "expected ',' or '}'", offset: 20),
            words: ["not valid JSON", "expected ',' or '}'", "byte 20"])
        Self.expectRefusal(
            Self.file(#"{"a" 1}"#), .headerNotJSON(path: Self.path, reason: "expected ':'", offset: 5),
            words: ["JSON", "':'"])
    }

    @Test func headerNotAnObject() {
        Self.expectRefusal(
            Self.file("[1, 2]  "), .headerNotObject(path: Self.path, found: "an array of 2"),
            words: ["an array", "expected a JSON object"])
    }

    // MARK: Tensor entries

    @Test func duplicateNames() {
        let header =
            "{" + Self.entry("w", shape: "[1]", offsets: "[0,4]") + ","
            + Self.entry("w", shape: "[1]", offsets: "[4,8]") + "}"
        Self.expectRefusal(
            Self.file(header, data: Self.floats(2)), .duplicateName(path: Self.path, name: "w"),
            words: ["\"w\"", "twice"])
    }

    @Test func entryNotAnObject() {
        Self.expectRefusal(
            Self.file(#"{"w":[1,2]}"#), .entryNotObject(path: Self.path, name: "w", found: "an array of 2"),
            words: ["\"w\"", "an array", "expected an object"])
    }

    @Test func missingFields() {
        for field in ["dtype", "shape", "data_offsets"] {
            var members = [#""dtype":"F32""#, #""shape":[1]"#, #""data_offsets":[0,4]"#]
            members.removeAll { $0.hasPrefix("\"\(field)\"") }
            let header = #"{"w":{"# + members.joined(separator: ",") + "}}"
            Self.expectRefusal(
                Self.file(header, data: Self.floats(1)), .missingField(path: Self.path, name: "w", field: field),
                words: ["\"w\"", "no \"\(field)\""])
        }
    }

    @Test func mistypedFields() {
        Self.expectRefusal(
            Self.file(#"{"w":{"dtype":32,"shape":[1],"data_offsets":[0,4]}}"#, data: Self.floats(1)),
            .wrongFieldType(
                path: Self.path, name: "w", field: "dtype", expected: "a string such as \"F32\"", found: "the number 32"
            ),
            words: ["\"dtype\"", "the number 32", "expected a string"])
        Self.expectRefusal(
            Self.file(#"{"w":{"dtype":"F32","shape":"1","data_offsets":[0,4]}}"#, data: Self.floats(1)),
            .wrongFieldType(
                path: Self.path, name: "w", field: "shape", expected: "an array of integers", found: "the string \"1\""),
            words: ["\"shape\"", "the string \"1\"", "expected an array of integers"])
        Self.expectRefusal(
            Self.file(#"{"w":{"dtype":"F32","dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, data: Self.floats(1)),
            .wrongFieldType(path: Self.path, name: "w", field: "dtype", expected: "one value", found: "given 2 times"),
            words: ["\"dtype\"", "2 times"])
    }

    @Test func unsupportedDTypes() {
        for dtype in ["F64", "F16", "BF16", "I64", "I32", "I16", "I8", "U8", "BOOL", "F8_E4M3"] {
            let header = #"{"w":{"dtype":"\#(dtype)","shape":[1],"data_offsets":[0,4]}}"#
            Self.expectRefusal(
                Self.file(header, data: Self.floats(1)), .unsupportedDType(path: Self.path, name: "w", dtype: dtype),
                words: ["dtype \(dtype), expected F32"])
        }
        Self.expectRefusal(
            Self.file(#"{"w":{"dtype":"f32","shape":[1],"data_offsets":[0,4]}}"#, data: Self.floats(1)),
            .unknownDType(path: Self.path, name: "w", dtype: "f32"),
            words: ["unknown dtype \"f32\"", "expected F32"])
    }

    @Test func negativeOrFractionalDimensions() {
        for (dimension, found) in [
            ("-2", "the number -2"), ("1.0", "the number 1.0"), ("1e0", "the number 1e0"), ("true", "true"),
            ("null", "null"), ("99999999999999999999", "the number 99999999999999999999"),
        ] {
            let header = "{" + Self.entry("w", shape: "[\(dimension)]", offsets: "[0,4]") + "}"
            Self.expectRefusal(
                Self.file(header, data: Self.floats(1)), .invalidDimension(path: Self.path, name: "w", found: found),
                words: ["\"w\"", found, "non-negative integer"])
        }
    }

    @Test func shapeProductOverflow() {
        let big = Int.max / 2 + 1
        let header = "{" + Self.entry("w", shape: "[\(big),2]", offsets: "[0,4]") + "}"
        Self.expectRefusal(
            Self.file(header, data: Self.floats(1)), .shapeOverflow(path: Self.path, name: "w", shape: [big, 2]),
            words: ["\"w\"", "overflows"])
        // The element count fits, but not its size in bytes.
        let header4 = "{" + Self.entry("w", shape: "[\(Int.max / 3)]", offsets: "[0,4]") + "}"
        Self.expectRefusal(
            Self.file(header4, data: Self.floats(1)), .shapeOverflow(path: Self.path, name: "w", shape: [Int.max / 3]),
            words: ["overflows"])
    }

    @Test func offsetsNotTwoIntegers() {
        for offsets in ["[0]", "[0,4,8]", "[0,4.0]", "[-4,0]", "\"0-4\"", "[0,null]"] {
            let header = "{" + Self.entry("w", shape: "[1]", offsets: offsets) + "}"
            Self.expectRefusal(
                Self.file(header, data: Self.floats(1)), .invalidOffsets(path: Self.path, name: "w", found: offsets),
                words: ["data_offsets \(offsets)", "two non-negative integers"])
        }
    }

    @Test func offsetsReversed() {
        let header = "{" + Self.entry("w", shape: "[1]", offsets: "[4,0]") + "}"
        Self.expectRefusal(
            Self.file(header, data: Self.floats(1)), .offsetsReversed(path: Self.path, name: "w", begin: 4, end: 0),
            words: ["[4, 0]", "begin ≤ end"])
    }

    @Test func offsetsBeyondData() {
        let header = "{" + Self.entry("w", shape: "[2]", offsets: "[0,8]") + "}"
        Self.expectRefusal(
            Self.file(header, data: Self.floats(1)),
            .offsetsBeyondData(path: Self.path, name: "w", end: 8, dataSize: 4),
            words: ["offset 8", "4 bytes", "truncated"])
    }

    @Test func byteLengthDisagreesWithShape() {
        let header = "{" + Self.entry("w", shape: "[2,2]", offsets: "[0,12]") + "}"
        Self.expectRefusal(
            Self.file(header, data: Self.floats(3)),
            .byteCountMismatch(path: Self.path, name: "w", shape: [2, 2], expectedBytes: 16, foundBytes: 12),
            words: ["[2, 2]", "16 bytes", "span 12 bytes"])
    }

    // MARK: The data section

    @Test func overlappingTensors() {
        let header =
            "{" + Self.entry("a", shape: "[2]", offsets: "[0,8]") + ","
            + Self.entry("b", shape: "[2]", offsets: "[4,12]") + "}"
        Self.expectRefusal(
            Self.file(header, data: Self.floats(3)), .overlappingTensors(path: Self.path, first: "a", second: "b"),
            words: ["\"a\" and \"b\" overlap"])
        // Two tensors on the very same bytes.
        let same =
            "{" + Self.entry("a", shape: "[1]", offsets: "[0,4]") + ","
            + Self.entry("b", shape: "[1]", offsets: "[0,4]") + "}"
        Self.expectRefusal(
            Self.file(same, data: Self.floats(1)), .overlappingTensors(path: Self.path, first: "a", second: "b"),
            words: ["overlap"])
    }

    @Test func gapBetweenTensors() {
        let header =
            "{" + Self.entry("a", shape: "[1]", offsets: "[0,4]") + ","
            + Self.entry("b", shape: "[1]", offsets: "[8,12]") + "}"
        Self.expectRefusal(
            Self.file(header, data: Self.floats(3)), .gapInData(path: Self.path, begin: 4, end: 8, before: "b"),
            words: ["4..<8", "\"b\"", "belong to no tensor"])
        let leading = "{" + Self.entry("a", shape: "[1]", offsets: "[4,8]") + "}"
        Self.expectRefusal(
            Self.file(leading, data: Self.floats(2)), .gapInData(path: Self.path, begin: 0, end: 4, before: "a"),
            words: ["0..<4"])
    }

    @Test func trailingBytesAfterLastTensor() {
        let header = "{" + Self.entry("a", shape: "[1]", offsets: "[0,4]") + "}"
        Self.expectRefusal(
            Self.file(header, data: Self.floats(1) + [1, 2, 3]), .trailingBytes(path: Self.path, count: 3, dataSize: 7),
            words: ["last 3 of 7 data bytes"])
        Self.expectRefusal(
            Self.file("{}", data: [0]), .trailingBytes(path: Self.path, count: 1, dataSize: 1), words: ["last 1"])
    }

    // MARK: Anything at all

    /// Thousands of damaged copies of a valid file (bytes flipped, cut short, lengthened): each
    /// is decoded or refused, never crashes, and whatever decodes is internally consistent.
    @Test func damagedFilesNeverCrash() {
        let valid = SafeTensorsTests.sample.encoded()
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var refused = 0
        for round in 0..<3000 {
            var bytes = valid
            switch round % 3 {
            case 0: for _ in 0...next(3) { bytes[next(bytes.count)] = UInt8(next(256)) }
            case 1: bytes.removeLast(1 + next(bytes.count))
            default: bytes[next(bytes.count)] = UInt8(next(256)); bytes += Array(repeating: 0, count: next(9))
            }
            do {
                let decoded = try SafeTensors(decoding: bytes, path: Self.path)
                for named in decoded.tensors {
                    #expect(SafeTensors.elementCount(of: named.tensor.shape) == named.tensor.values.count)
                }
            } catch {
                refused += 1
                #expect(error.description.hasPrefix(Self.path + ": "))
            }
        }
        #expect(refused > 1000)
    }

    // MARK: Metadata

    @Test func metadataNotStringToString() {
        let cases: [(String, String)] = [
            (#""x""#, "the string \"x\""),
            (#"{"epochs":3}"#, "an object whose \"epochs\" is the number 3"),
            (#"{"a":"1","a":"2"}"#, "an object with the key \"a\" twice"),
            ("null", "null"),
        ]
        for (metadata, found) in cases {
            Self.expectRefusal(
                Self.file(#"{"__metadata__":\#(metadata)}"#), .invalidMetadata(path: Self.path, found: found),
                words: ["__metadata__", found, "expected an object of string values"])
        }
    }
}
