import Foundation
import Model
import Testing

/// Writes that fail (file-size limit, full disk, read-only file system): exit 1, one line naming
/// the file and the reason, and the checkpoint already at the path left byte for byte as it was.
@Suite struct DiskFailureTests {
    /// A run whose checkpoint (784-256-10: about 2.4 MB) is far bigger than the room given.
    static func bigTraining(data: String, model: String) -> [String] {
        [
            "train", "--data", data, "--model", model, "--hidden", "256", "--epochs", "1", "--batch-size", "64",
            "--validation", "100",
        ]
    }

    /// Copies the shared small checkpoint (about 300 kB) to `path` and returns its bytes.
    static func placePreviousCheckpoint(at path: String) throws -> [UInt8] {
        let bytes = try Scratch.read(try Fixtures.smallModel.get().path)
        try Scratch.write(bytes, to: path)
        return bytes
    }

    /// The names in `directory`, to see that no temporary file was left behind.
    static func names(in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    @Test func fileSizeLimit() throws {
        let data = try Fixtures.dataSet.get().directory
        let scratch = try ScratchDirectory("ulimit")
        let model = scratch.file("limited.safetensors")
        let before = try Self.placePreviousCheckpoint(at: model)
        // 1,000 blocks of 512 bytes: the old checkpoint fits, the new one does not.
        let run = try DigitsProcess.run(Self.bigTraining(data: data, model: model), fileSizeLimit: 1_000)
        expectCleanFailure(run, naming: model, saying: ["File too large"], progressLines: true)
        #expect(try Scratch.read(model) == before)
        #expect(try Self.names(in: scratch.path) == ["limited.safetensors"])
    }

    @Test(.enabled(if: TmpfsMount.permitted, "mounting a tmpfs needs root in a container that allows it"))
    func fullDisk() throws {
        let data = try Fixtures.dataSet.get().directory
        let disk = try TmpfsMount(size: "1m")
        let model = disk.file("full.safetensors")
        let before = try Self.placePreviousCheckpoint(at: model)
        let run = try DigitsProcess.run(Self.bigTraining(data: data, model: model))
        expectCleanFailure(run, naming: model, saying: ["No space left"], progressLines: true)
        #expect(try Scratch.read(model) == before)
        // The partial temporary file is gone, so the disk is not left full.
        #expect(try Self.names(in: disk.path) == ["full.safetensors"])
    }

    @Test(.enabled(if: TmpfsMount.permitted, "mounting a tmpfs needs root in a container that allows it"))
    func readOnlyFileSystem() throws {
        let data = try Fixtures.dataSet.get().directory
        let smallModel = try Fixtures.smallModel.get().path
        let disk = try TmpfsMount(size: "4m")
        let model = disk.file("kept.safetensors")
        let before = try Self.placePreviousCheckpoint(at: model)
        try disk.remountReadOnly()

        let train = try DigitsProcess.run(
            Fixtures.smallModelArguments(data: data) + ["--model", model, "--epochs", "1"])
        expectCleanFailure(train, naming: model, saying: ["Read-only file system"], progressLines: true)
        #expect(!train.stderr.contains("epoch 1/1"), "refused before training: \(train)")
        #expect(try Scratch.read(model) == before)

        let resume = try DigitsProcess.run(["train", "--resume", "--data", data, "--model", model])
        expectCleanFailure(resume, naming: model, saying: ["nothing to resume"])

        let newDirectory = disk.file("models/new.safetensors")
        let mkdir = try DigitsProcess.run(Fixtures.smallModelArguments(data: data) + ["--model", newDirectory])
        expectCleanFailure(mkdir, naming: disk.file("models"), saying: ["Read-only file system"])

        let predictions = disk.file("predictions.txt")
        let evaluate = try DigitsProcess.run(
            ["evaluate", "--data", data, "--model", smallModel, "--predictions", predictions, "--json"])
        expectCleanFailure(evaluate, naming: predictions, saying: ["Read-only file system"])

        let export = try DigitsProcess.run(["export", "--data", data, "--count", "3", "--out", disk.file("pngs")])
        expectCleanFailure(export, naming: disk.file("pngs"), saying: ["Read-only file system"])

        #expect(try Self.names(in: disk.path) == ["kept.safetensors"])
        #expect(try Scratch.read(model) == before)
    }

    @Test func lossBecomingNaNInTheFirstEpochKeepsTheFileAtThePath() throws {
        let data = try Fixtures.dataSet.get().directory
        let scratch = try ScratchDirectory("nan")
        let model = scratch.file("earlier.safetensors")
        let before = try Self.placePreviousCheckpoint(at: model)
        let run = try DigitsProcess.run(
            Fixtures.smallModelArguments(data: data) + ["--model", model, "--learning-rate", "1e30"])
        expectCleanFailure(run, naming: nil, saying: ["NaN", "epoch 1", "lower --learning-rate"], progressLines: true)
        #expect(try Scratch.read(model) == before)
        #expect(try Self.names(in: scratch.path) == ["earlier.safetensors"])
    }

    @Test func lossBecomingNaNInALaterEpochKeepsTheLastGoodCheckpoint() throws {
        let data = try Fixtures.dataSet.get().directory
        let scratch = try ScratchDirectory("nan-later")
        let model = scratch.file("later.safetensors")
        // A sound first epoch, then a learning rate multiplied by 10^20.
        let run = try DigitsProcess.run(
            Fixtures.smallModelArguments(data: data)
                + ["--model", model, "--schedule", "step", "--step-every", "1", "--step-factor", "1e20"])
        expectCleanFailure(
            run, naming: model, saying: ["NaN", "epoch 2", "last good checkpoint", "lower --learning-rate"],
            progressLines: true)
        let state = try Checkpoint.load(from: model).state
        #expect(state.progress.epochsDone == 1)
        #expect(state.best.parameters.allSatisfy { $0.isFinite })
    }
}
