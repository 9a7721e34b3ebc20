import Foundation
import Model
import Testing

/// Damaged or foreign checkpoints given to `evaluate`, `classify`, `info` and `train --resume`:
/// exit 1, one line naming the file and what is wrong.
@Suite struct BadCheckpointTests {
    /// A damaged checkpoint: its bytes, and words its message should hold.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var saying: [String]
        var testDescription: String { name }
    }

    /// The shared small checkpoint's file, decoded.
    static func goodFile() throws -> SafeTensors {
        try SafeTensors(contentsOf: try Fixtures.smallModel.get().path)
    }

    static func cases() throws -> [Case] {
        let good = try goodFile()
        let bytes = good.encoded()
        let headerLength = Int(bytes[0]) | Int(bytes[1]) << 8 | Int(bytes[2]) << 16

        // Metadata that says 784-16-10, tensors of a 784-32-10 network.
        var otherArchitecture = good
        otherArchitecture.metadata["architecture"] = otherArchitecture.metadata["architecture"]?
            .replacingOccurrences(of: "\"hiddenSizes\":[32]", with: "\"hiddenSizes\":[16]")
        // The tensors renamed, as if written by another program.
        var renamed = good
        renamed.tensors = renamed.tensors.map { .init(name: "model." + $0.name, tensor: $0.tensor) }
        // A NaN in the weights.
        var poisoned = good
        if let index = poisoned.tensors.firstIndex(where: { $0.name == "layers.0.weight" }) {
            poisoned.tensors[index].tensor.values[5] = .nan
        }
        // Not a digits checkpoint at all: a valid safetensors file of something else.
        let foreign = SafeTensors(
            tensors: [.init(name: "embedding", tensor: .init(shape: [2, 3], values: [1, 2, 3, 4, 5, 6]))],
            metadata: ["format": "pt"])
        var otherVersion = good
        otherVersion.metadata["format_version"] = "99"
        var badHistory = good
        badHistory.metadata["epochs_done"] = "7"
        badHistory.metadata["resume_state"] = badHistory.metadata["resume_state"]?
            .replacingOccurrences(of: "\"epochsDone\":3", with: "\"epochsDone\":7")

        var flippedLength = bytes
        flippedLength[5] ^= 0x40  // the header length becomes enormous
        var flippedHeader = bytes
        flippedHeader[8] ^= 0x20  // the JSON header's opening brace
        var flippedShape = bytes
        if let at = findBytes(Array("\"shape\":[10,32]".utf8), in: bytes) {
            flippedShape[at + 10] ^= 0x02  // [10,32] → [12,32]
        }
        return [
            Case(name: "empty", bytes: [], saying: ["0 bytes"]),
            Case(name: "cut in the length", bytes: Array(bytes.prefix(5)), saying: ["5 bytes"]),
            Case(name: "cut in the header", bytes: Array(bytes.prefix(8 + headerLength / 2)), saying: ["truncated"]),
            Case(name: "cut in the tensors", bytes: Array(bytes.prefix(bytes.count / 2)), saying: ["truncated"]),
            Case(name: "cut before the last byte", bytes: Array(bytes.dropLast()), saying: ["truncated"]),
            Case(name: "header length flipped", bytes: flippedLength, saying: ["header length"]),
            Case(name: "header brace flipped", bytes: flippedHeader, saying: ["not valid JSON"]),
            Case(name: "shape flipped", bytes: flippedShape, saying: ["layers.1.weight", "[12, 32]"]),
            Case(name: "another architecture", bytes: otherArchitecture.encoded(), saying: ["layers.0", "shape"]),
            Case(name: "renamed tensors", bytes: renamed.encoded(), saying: ["missing tensor"]),
            Case(name: "NaN weight", bytes: poisoned.encoded(), saying: ["layers.0.weight", "NaN"]),
            Case(name: "foreign safetensors", bytes: foreign.encoded(), saying: ["not a digits checkpoint"]),
            Case(name: "future version", bytes: otherVersion.encoded(), saying: ["version 99"]),
            Case(name: "inconsistent progress", bytes: badHistory.encoded(), saying: ["inconsistent"]),
            Case(name: "a PNG", bytes: try BadImageTests.goodPNG(), saying: ["not safetensors"]),
            Case(name: "text", bytes: Array("{\"weights\": [1, 2, 3]}\n".utf8), saying: ["not safetensors"]),
        ]
    }

    /// All the cases, or none if the shared checkpoint could not be made (its test fails then).
    static let allCases: [Case] = (try? cases()) ?? []

    @Test(arguments: allCases)
    func damagedCheckpointIsRefusedWithOneLine(_ damaged: Case) throws {
        let data = try Fixtures.dataSet.get().directory
        let scratch = try ScratchDirectory("badmodel")
        let model = try scratch.write(damaged.bytes, to: "damaged.safetensors")
        let png = try scratch.write(try BadImageTests.goodPNG(), to: "seven.png")

        for arguments in [
            ["evaluate", "--data", data, "--model", model],
            ["classify", "--model", model, png],
            ["info", model],
            ["train", "--resume", "--data", data, "--model", model],
        ] {
            let run = try DigitsProcess.run(arguments)
            expectCleanFailure(run, naming: model, saying: damaged.saying)
            #expect(run.stdout.isEmpty, "\(arguments[0]): \(run)")
        }
        // Nothing was written over it.
        #expect(try Scratch.read(model) == damaged.bytes)
    }

    @Test func missingCheckpointSaysSo() throws {
        let scratch = try ScratchDirectory("nomodel")
        let model = scratch.file("absent.safetensors")
        let run = try DigitsProcess.run(["info", model])
        expectCleanFailure(run, naming: model)
        let evaluate = try DigitsProcess.run(
            ["evaluate", "--data", try Fixtures.dataSet.get().directory, "--model", model])
        expectCleanFailure(evaluate, naming: model)
    }

    @Test func checkpointsCanBeMade() throws {
        #expect(!Self.allCases.isEmpty)
    }
}

/// The offset of the first occurrence of `needle` in `haystack`, or nil.
func findBytes(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
    return (0...(haystack.count - needle.count)).first { haystack[$0..<$0 + needle.count].elementsEqual(needle) }
}
