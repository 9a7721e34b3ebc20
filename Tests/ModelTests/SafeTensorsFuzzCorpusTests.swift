#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FileIO
import Foundation
import Testing

@testable import Model

/// The corpus of the `FuzzSafeTensors` fuzz target, `Tests/FuzzCorpus/FuzzSafeTensors/`: seeds
/// written by the encoder (run with `FUZZ_CORPUS_WRITE=1` to rewrite them), and in
/// `regressions/` the inputs that once broke the decoder. Every saved input must be decoded or
/// refused with a one-line message; the fuzz target checks more (see `SafeTensorsTarget`).
@Suite("SafeTensors fuzz corpus")
struct SafeTensorsFuzzCorpusTests {
    /// `Tests/FuzzCorpus/FuzzSafeTensors`, found from this file's path.
    static let directory: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(2)  // "ModelTests" and this file's name
        return (parts + ["FuzzCorpus", "FuzzSafeTensors"]).joined(separator: "/")
    }()

    @Test func everySavedInputIsDecodedOrRefused() throws {
        let files = DirectoryListing.files(below: Self.directory)
        #expect(files.count >= 20, "seeds missing from \(Self.directory)")
        #expect(files.contains { $0.contains("/regressions/") })
        for file in files {
            let bytes = try FileReading.read(file, limit: 1 << 20)
            do {
                let decoded = try SafeTensors(decoding: bytes, path: file)
                for named in decoded.tensors {
                    #expect(SafeTensors.elementCount(of: named.tensor.shape) == named.tensor.values.count, "\(file)")
                }
            } catch {
                let message = error.description
                #expect(message.hasPrefix(file + ": "))
                #expect(!message.unicodeScalars.contains { $0.properties.generalCategory == .control }, "\(file)")
            }
        }
    }

    /// Finding 1 of the fuzzer: names, dtypes and strings from the file went into messages raw,
    /// so a name holding a newline or an escape sequence broke the message's single line.
    @Test func textFromTheFileIsEscapedInMessages() {
        let header = #"{"a\nb\u001b[2J":{"dtype":"F\u0085","shape":[],"data_offsets":[0,4]}}"#
        let length = UInt64(header.utf8.count)
        let bytes = (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) } + Array(header.utf8)
        #expect(throws: SafeTensorsError.self) { try SafeTensors(decoding: bytes, path: "x") }
        do {
            _ = try SafeTensors(decoding: bytes, path: "x")
        } catch {
            #expect(error.description == #"x: tensor "a\nb\u001b[2J" has unknown dtype "F\u0085", expected F32"#)
        }
        #expect(jsonQuoted("tab\there \"q\" \\ \u{7F}é") == #""tab\there \"q\" \\ \u007fé""#)
        #expect(SafeTensorsJSON.string("line\nbreak").summary == #"the string "line\nbreak""#)
    }

    /// Rewrites the seeds from the encoder, when `FUZZ_CORPUS_WRITE` is set.
    @Test(.enabled(if: getenv("FUZZ_CORPUS_WRITE") != nil))
    func writeSeeds() throws {
        for (name, bytes) in Self.seeds() {
            try AtomicFile.write(bytes, to: Self.directory + "/seed-\(name).st")
        }
        try AtomicFile.write(
            try Self.checkpoint().safeTensors().encoded(), to: Self.directory + "/seed-checkpoint.st")
    }

    /// A small trained checkpoint (6-4-3, one epoch on 40 examples), about 3 KB.
    static func checkpoint() throws -> Checkpoint {
        var settings = TrainingSettings()
        settings.epochs = 1
        settings.batchSize = 8
        settings.validationCount = 8
        settings.seed = 3
        let architecture = Architecture(inputSize: 6, hiddenSizes: [4], classCount: 3)
        var trainer = try Trainer(
            architecture: architecture, settings: settings,
            examples: TestData.blobs(count: 40, width: 6, classes: 3, seed: 2))
        _ = try trainer.run()
        return Checkpoint(state: trainer.state)
    }

    /// Finding 2 of the fuzzer: a checkpoint whose architecture metadata declared huge layers
    /// made `Checkpoint(_:path:)` allocate the whole network (or trap on the size's overflow)
    /// before it compared the file's tensors with it. Now the architecture's sizes are bounded
    /// (`Architecture.maximumWidth`), and the tensors are checked before the network exists.
    @Test func hugeArchitectureIsRefusedBeforeAllocation() throws {
        var file = try Self.checkpoint().safeTensors()
        for inputSize in ["6000000000", "4611686018427387904"] {
            file.metadata["architecture"] = file.metadata["architecture"]?
                .replacingOccurrences(of: "\"inputSize\":6", with: "\"inputSize\":\(inputSize)")
            #expect(file.metadata["architecture"]?.contains(inputSize) == true)
            #expect(throws: CheckpointError.self) { try Checkpoint(file, path: "huge.safetensors") }
            file = try Self.checkpoint().safeTensors()
        }
        let path = Self.directory + "/regressions/checkpoint-architecture-6e9-inputs"
        let bytes = try FileReading.read(path, limit: 1 << 20)
        let decoded = try SafeTensors(decoding: bytes, path: path)
        #expect(
            throws: CheckpointError.badMetadata(
                path: path, key: "architecture", reason: "input size must be from 1 to 65536, found 6000000000")
        ) {
            try Checkpoint(decoded, path: path)
        }
    }

    /// Small valid files covering what the format allows, and a few hand-written headers in
    /// the corners of the JSON grammar, each a few hundred bytes.
    static func seeds() -> [(String, [UInt8])] {
        func tensor(_ shape: [Int], from start: Float = 0) -> SafeTensors.Tensor {
            let count = shape.reduce(1, *)
            return .init(shape: shape, values: (0..<count).map { start + Float($0) * 0.5 })
        }
        func file(_ tensors: [(String, SafeTensors.Tensor)], _ metadata: [String: String] = [:]) -> [UInt8] {
            SafeTensors(tensors: tensors.map { .init(name: $0.0, tensor: $0.1) }, metadata: metadata).encoded()
        }
        func raw(_ header: String, data: [UInt8] = []) -> [UInt8] {
            let length = UInt64(header.utf8.count)
            return (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) } + Array(header.utf8) + data
        }
        let mlp: [(String, SafeTensors.Tensor)] = [
            ("layers.0.weight", tensor([4, 3])), ("layers.0.bias", tensor([4], from: -1)),
            ("layers.1.weight", tensor([2, 4], from: 3)), ("layers.1.bias", tensor([2])),
        ]
        let architecture = #"{"layerSizes":[3,4,2],"activation":"relu"}"#
        return [
            ("empty", file([])),
            ("scalar", file([("scale", tensor([]))])),
            ("vector", file([("v", tensor([5]))])),
            ("mlp", file(mlp, ["architecture": architecture])),
            ("mlp-no-metadata", file(mlp)),
            ("mlp-reversed", file(mlp.reversed(), ["architecture": architecture, "format": "pt"])),
            ("sample", SafeTensorsTests.sample.encoded()),
            ("metadata-only", file([], ["a": "1", "": "", "json": #"{"x":[1,2]}"#])),
            ("empty-tensors", file([("b", tensor([0])), ("a", tensor([0, 4])), ("c", tensor([2]))])),
            (
                "special-values",
                file([
                    (
                        "x",
                        .init(
                            shape: [2, 3],
                            values: [
                                .nan, .infinity, -.infinity, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
                            ])
                    )
                ])
            ),
            ("unicode-names", file([("poids·couche ☃ 🧠", tensor([1])), ("数字", tensor([2]))], ["clé": "valeur ✓"])),
            ("escaped-names", file([("quote \" back\\slash\nnewline\u{1}\t", tensor([1]))])),
            ("high-rank", file([("t", tensor([1, 2, 1, 3, 1, 2]))])),
            ("many-tensors", file((0..<24).map { ("t\($0)", tensor([$0 % 3 + 1])) })),
            ("kilobyte", file([("w", tensor([16, 16]))])),
            (
                "spaces-and-extras",
                raw(
                    #"{ "w" : { "shape" : [ 2 ] , "dtype" : "F32" , "data_offsets" : [ 0 , 8 ] , "extra" : [ 1.5e3 , -0 , true , false , null , { } , [ ] ] } }"#,
                    data: [0, 0, 128, 63, 0, 0, 0, 64])
            ),
            (
                "unicode-escapes",
                raw(
                    #"{"\u00e9\ud83e\udde0\/":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"__metadata__":{"k\u0000":"\b\f\n\r\t"}}"#,
                    data: [0, 0, 128, 63])
            ),
            ("dtype-f16", raw(#"{"h":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}"#, data: [0, 60, 0, 64])),
            (
                "overlapping",
                raw(
                    #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#,
                    data: [0, 0, 0, 0])
            ),
            ("numbers", raw(#"{"n":{"dtype":"F32","shape":[1E0,2.0,-1,9223372036854775807],"data_offsets":[0,1e2]}}"#)),
            (
                "nested",
                raw(
                    #"{"__metadata__":{},"x":{"dtype":"F32","shape":[0],"data_offsets":[0,0],"deep":[[[[[[{"a":[[]]}]]]]]]}}"#
                )
            ),
        ]
    }
}
