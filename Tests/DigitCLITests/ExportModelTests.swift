import Foundation
import Model
import Testing

/// `digits export-model`: what it writes, and what it refuses. (onnx and onnxruntime check the
/// ONNX files themselves: scripts/check-onnx.py.)
@Suite struct ExportModelTests {
    @Test func writesONNXAndPlainWeightsBesideTheCheckpoint() throws {
        let scratch = try ScratchDirectory("export-model")
        let model = scratch.file("small.safetensors")
        try Scratch.write(try Scratch.read(try Fixtures.smallModel.get().path), to: model)

        let onnx = try DigitsProcess.run(["export-model", "--model", model])
        #expect(onnx.exitCode == 0, "\(onnx)")
        #expect(onnx.outputLines == [scratch.file("small.onnx")])
        let bytes = try Scratch.read(scratch.file("small.onnx"))
        #expect(bytes.count > 784 * 32 * 4)  // the first layer's weights alone
        #expect(findBytes(Array("probabilities".utf8), in: bytes) != nil)

        let plain = try DigitsProcess.run(["export-model", "--model", model, "--format", "safetensors-plain"])
        #expect(plain.exitCode == 0, "\(plain)")
        let weights = try SafeTensors(contentsOf: scratch.file("small.weights.safetensors"))
        #expect(
            weights.tensors.map(\.name).sorted() == [
                "layers.0.bias", "layers.0.weight", "layers.1.bias", "layers.1.weight",
            ])
        #expect(weights.metadata["format"] == "digits-mlp" && weights.metadata["resume_state"] == nil)
        let full = try Checkpoint.load(from: model).state.best
        #expect(weights["layers.0.weight"]?.values == Array(full.weight(0)))
    }

    @Test func stepModelIsRefusedNamingTheActivation() throws {
        let scratch = try ScratchDirectory("export-step")
        var file = try SafeTensors(contentsOf: try Fixtures.smallModel.get().path)
        file.metadata["architecture"] = file.metadata["architecture"]?
            .replacingOccurrences(of: "\"activation\":\"relu\"", with: "\"activation\":\"step\"")
        #expect(file.metadata["architecture"]?.contains("step") == true)
        let model = try scratch.write(file.encoded(), to: "step.safetensors")
        let out = scratch.file("step.onnx")
        let run = try DigitsProcess.run(["export-model", "--model", model, "--out", out])
        expectCleanFailure(run, naming: model, saying: ["step", "no ONNX operator"])
        #expect(!Scratch.exists(out))
    }

    @Test func neverReplacesTheCheckpointItReads() throws {
        let scratch = try ScratchDirectory("export-self")
        let model = scratch.file("m.safetensors")
        let original = try Scratch.read(try Fixtures.smallModel.get().path)
        try Scratch.write(original, to: model)
        let run = try DigitsProcess.run(["export-model", "--model", model, "--out", scratch.path + "/./m.safetensors"])
        expectCleanFailure(run, naming: nil, saying: ["checkpoint being exported"])
        #expect(try Scratch.read(model) == original)
    }

    @Test func neverReplacesAFileOfAnotherKindWithoutOverwrite() throws {
        let scratch = try ScratchDirectory("export-foreign")
        let model = scratch.file("m.safetensors")
        try Scratch.write(try Scratch.read(try Fixtures.smallModel.get().path), to: model)
        // A data file (gzip) and a training checkpoint at --out are refused and left as they were.
        let dataFile = try scratch.write([0x1F, 0x8B, 8, 0, 1, 2, 3, 4], to: "labels.gz")
        let onData = try DigitsProcess.run(["export-model", "--model", model, "--out", dataFile])
        expectCleanFailure(onData, naming: dataFile, saying: ["not an ONNX model", "--overwrite"])
        #expect(try Scratch.read(dataFile) == [0x1F, 0x8B, 8, 0, 1, 2, 3, 4])
        let run = scratch.file("run.safetensors")
        try Scratch.write(try Scratch.read(model), to: run)
        let onRun = try DigitsProcess.run(
            ["export-model", "--model", model, "--format", "safetensors-plain", "--out", run])
        expectCleanFailure(onRun, naming: run, saying: ["training checkpoint", "--overwrite"])
        #expect(try Scratch.read(run) == (try Scratch.read(model)))
        // An earlier export of the same format is replaced; --overwrite replaces anything else.
        let onnx = scratch.file("m.onnx")
        for _ in 0..<2 {
            let again = try DigitsProcess.run(["export-model", "--model", model, "--out", onnx])
            #expect(again.exitCode == 0, "\(again)")
        }
        let forced = try DigitsProcess.run(["export-model", "--model", model, "--out", dataFile, "--overwrite"])
        #expect(forced.exitCode == 0, "\(forced)")
        #expect(try Scratch.read(dataFile) == (try Scratch.read(onnx)))
    }

    @Test func badOptionsAreUsageErrors() throws {
        let format = try DigitsProcess.run(["export-model", "--format", "tflite"])
        #expect(format.exitCode == 2 && format.stderr.contains("tflite"), "\(format)")
        let layout = try DigitsProcess.run(["export-model", "--format", "safetensors-plain", "--input-layout", "image"])
        #expect(layout.exitCode == 2 && layout.stderr.contains("--input-layout"), "\(layout)")
        let missing = try DigitsProcess.run(["export-model", "--model", "/nonexistent/x.safetensors"])
        expectCleanFailure(missing, naming: "/nonexistent/x.safetensors")
    }
}
