import Testing

@testable import Model

/// Round trips, byte layout, and compatibility with files written by Python's `safetensors`.
@Suite("SafeTensors encoding and decoding")
struct SafeTensorsTests {
    /// Two layers of a small network, a scalar and an empty tensor, in a deliberately unsorted order.
    static let sample = SafeTensors(
        tensors: [
            .init(name: "layers.1.weight", tensor: .init(shape: [2, 3], values: [1, -2, 3.5, 0, .infinity, -0.0])),
            .init(name: "layers.0.weight", tensor: .init(shape: [3, 1], values: [0.25, 1e-30, -7])),
            .init(name: "scale", tensor: .init(shape: [], values: [42])),
            .init(name: "layers.0.bias", tensor: .init(shape: [3], values: [.leastNonzeroMagnitude, 1, 2])),
            .init(name: "nothing", tensor: .init(shape: [0, 4], values: [])),
        ],
        metadata: ["architecture": #"{"layerSizes":[3,2],"activation":"relu"}"#, "format": "pt"])

    @Test func roundTripKeepsTensorsOrderAndMetadata() throws {
        let bytes = Self.sample.encoded()
        let decoded = try SafeTensors(decoding: bytes, path: "sample.safetensors")
        #expect(decoded == Self.sample)
        #expect(
            decoded.tensors.map(\.name) == ["layers.1.weight", "layers.0.weight", "scale", "layers.0.bias", "nothing"])
        #expect(decoded["scale"] == .init(shape: [], values: [42]))
        #expect(decoded["missing"] == nil)
    }

    /// Order is recovered from data offsets, so empty tensors that share an offset come back in
    /// name order (the header's order), whatever order they were given in.
    @Test func emptyTensorsAtTheSameOffsetComeBackInNameOrder() throws {
        let empty = SafeTensors.Tensor(shape: [0], values: [])
        let file = SafeTensors(tensors: [.init(name: "b", tensor: empty), .init(name: "a", tensor: empty)])
        let decoded = try SafeTensors(decoding: file.encoded(), path: "empties")
        #expect(decoded.tensors.map(\.name) == ["a", "b"])
    }

    @Test func nanSurvivesBitForBit() throws {
        let nan = Float(bitPattern: 0x7FC0_1234)
        let file = SafeTensors(tensors: [.init(name: "x", tensor: .init(shape: [1], values: [nan]))])
        let decoded = try SafeTensors(decoding: file.encoded(), path: "nan")
        #expect(decoded["x"]?.values.first?.bitPattern == 0x7FC0_1234)
    }

    @Test func emptyFileAndEmptyMetadata() throws {
        let empty = SafeTensors(tensors: [])
        let bytes = empty.encoded()
        #expect(bytes == [8, 0, 0, 0, 0, 0, 0, 0] + Array("{}      ".utf8))
        #expect(try SafeTensors(decoding: bytes, path: "empty") == empty)

        let noMetadata = SafeTensors(tensors: [.init(name: "w", tensor: .init(shape: [1], values: [1]))])
        let header = String(decoding: noMetadata.encoded()[8...], as: UTF8.self)
        #expect(!header.contains("__metadata__"))
        #expect(try SafeTensors(decoding: noMetadata.encoded(), path: "w").metadata == [:])
    }

    @Test func unicodeAndEscapedNamesAndMetadata() throws {
        let file = SafeTensors(
            tensors: [
                .init(name: "poids·couche 1 ☃ 🧠", tensor: .init(shape: [1], values: [1])),
                .init(name: "quote \" back\\slash\nnewline\u{1}", tensor: .init(shape: [1], values: [2])),
            ],
            metadata: ["clé": "valeur ✓ 数字", "json": #"{"a":"b\"c"}"#, "": ""])
        #expect(try SafeTensors(decoding: file.encoded(), path: "unicode") == file)
    }

    @Test func encodingIsDeterministicAndPadded() throws {
        let bytes = Self.sample.encoded()
        var shuffledMetadata = SafeTensors(tensors: Self.sample.tensors)
        for key in Self.sample.metadata.keys.reversed() { shuffledMetadata.metadata[key] = Self.sample.metadata[key] }
        #expect(shuffledMetadata.encoded() == bytes)
        #expect(Self.sample.encoded() == bytes)

        let headerLength = bytes[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
        #expect(headerLength % 8 == 0)
        let header = String(decoding: bytes[8..<(8 + headerLength)], as: UTF8.self)
        #expect(header.hasPrefix(#"{"__metadata__":{"architecture":"#))
        // Tensor keys sorted by name; data in the order given.
        #expect(header.contains(#""layers.0.bias":{"dtype":"F32","shape":[3],"data_offsets":[40,52]}"#))
        #expect(header.contains(#""layers.1.weight":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}"#))
        #expect(header.contains(#""nothing":{"dtype":"F32","shape":[0,4],"data_offsets":[52,52]}"#))
        #expect(bytes.count == 8 + headerLength + 4 * 13)
    }

    /// The exact bytes of `safetensors.numpy.save({...}, metadata={"format": "pt"})` (safetensors
    /// 0.8.0), see `scripts/check-checkpoint.py`: the Python tensors were
    /// `layers.0.weight = [[1,2,3],[4,5,6]]`, `layers.0.bias = [-0.5, 0.25]`, `scalar = 3.5` and
    /// `empty = zeros((0, 3))`, all float32.
    static let pythonFile: [UInt8] = {
        let header =
            #"{"__metadata__":{"format":"pt"},"empty":{"dtype":"F32","shape":[0,3],"data_offsets":[0,0]},"#
            + #""layers.0.bias":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"#
            + #""layers.0.weight":{"dtype":"F32","shape":[2,3],"data_offsets":[8,32]},"#
            + #""scalar":{"dtype":"F32","shape":[],"data_offsets":[32,36]}}   "#
        let data: [UInt8] = [
            0x00, 0x00, 0x00, 0xbf, 0x00, 0x00, 0x80, 0x3e,  // -0.5, 0.25
            0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x40, 0x40,  // 1, 2, 3
            0x00, 0x00, 0x80, 0x40, 0x00, 0x00, 0xa0, 0x40, 0x00, 0x00, 0xc0, 0x40,  // 4, 5, 6
            0x00, 0x00, 0x60, 0x40,  // 3.5
        ]
        return [0x20, 0x01, 0, 0, 0, 0, 0, 0] + Array(header.utf8) + data  // 0x120 = 288
    }()

    static let pythonTensors = SafeTensors(
        tensors: [
            .init(name: "empty", tensor: .init(shape: [0, 3], values: [])),
            .init(name: "layers.0.bias", tensor: .init(shape: [2], values: [-0.5, 0.25])),
            .init(name: "layers.0.weight", tensor: .init(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])),
            .init(name: "scalar", tensor: .init(shape: [], values: [3.5])),
        ],
        metadata: ["format": "pt"])

    @Test func decodesWhatPythonWrites() throws {
        #expect(Self.pythonFile.count == 332)
        #expect(try SafeTensors(decoding: Self.pythonFile, path: "python.safetensors") == Self.pythonTensors)
    }

    @Test func writesTheSameBytesAsPython() {
        #expect(Self.pythonTensors.encoded() == Self.pythonFile)
    }

    /// A file as another writer might make it: unpadded header, whitespace inside the JSON,
    /// fields in another order, extra fields, escaped names, and an unaligned data section.
    @Test func decodesAHandMadeFile() throws {
        var header = """
            { "b" : { "data_offsets" : [ 4, 12 ], "shape" : [ 2 ], "dtype" : "F32", "extra": [null, {}] },
              "\\u0061" : {"shape":[1],"dtype":"F32","data_offsets":[0,4]},
              "__metadata__" : { "note" : "caf\\u00e9 \\ud83e\\udde0" } }
            """
        if header.utf8.count % 4 == 0 { header += " " }  // so the floats are unaligned
        var bytes: [UInt8] = []
        let length = UInt64(header.utf8.count)
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: length >> UInt64(shift))) }
        bytes += Array(header.utf8)
        bytes += [0x00, 0x00, 0x80, 0xbf]  // a = -1
        bytes += [0x00, 0x00, 0x00, 0x00, 0xdb, 0x0f, 0x49, 0x40]  // b = 0, 0x40490fdb (π rounded up)
        #expect(length % 4 != 0)

        let decoded = try SafeTensors(decoding: bytes, path: "hand.safetensors")
        #expect(decoded.tensors.map(\.name) == ["a", "b"])
        #expect(decoded["a"] == .init(shape: [1], values: [-1]))
        #expect(decoded["b"] == .init(shape: [2], values: [0, Float(bitPattern: 0x4049_0FDB)]))
        #expect(decoded.metadata == ["note": "café 🧠"])
    }
}
