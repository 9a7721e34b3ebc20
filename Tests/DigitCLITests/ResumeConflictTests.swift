import Foundation
import Model
import Testing

/// `train --resume` with options that contradict the stored run, and checkpoints whose metadata
/// holds extreme values: usage errors and one-line failures, never a crash or a hang.
@Suite struct ResumeConflictTests {
    @Test func explicitOptionsThatContradictTheRunAreNamed() throws {
        let data = try Fixtures.dataSet.get().directory
        let scratch = try ScratchDirectory("conflict")
        let model = scratch.file("run.safetensors")
        var file = try SafeTensors(contentsOf: try Fixtures.smallModel.get().path)
        file.metadata["training"] = file.metadata["training"]?.replacingOccurrences(
            of: "\"epochs\":3", with: "\"epochs\":5")
        try file.write(to: model)
        let resume = ["train", "--resume", "--data", data, "--model", model]

        let run = try DigitsProcess.run(
            resume + ["--hidden", "16", "--learning-rate", "0.3", "--batch-size", "32"], timeout: 20)
        expectCleanFailure(
            run, exitCode: 2, naming: model,
            saying: [
                "--hidden 16 (the run has 32)", "--learning-rate 0.3 (the run has 0.1)", "contradict",
            ])
        #expect(!run.stderr.contains("--batch-size"), "the stored value is no conflict: \(run)")

        // The distortion options too: the small model has the default affine ones, its last epoch plain.
        let distorted = try DigitsProcess.run(
            resume + ["--augment", "elastic", "--plain-final-epochs", "2"], timeout: 20)
        expectCleanFailure(
            distorted, exitCode: 2, naming: model,
            saying: ["--augment elastic (the run has affine)", "--plain-final-epochs 2 (the run has 1)"])

        // The finished run cannot be extended; the message says why and what to do.
        let finished = try Fixtures.smallModel.get().path
        let extend = try DigitsProcess.run(
            ["train", "--resume", "--data", data, "--model", finished, "--epochs", "40"], timeout: 20)
        expectCleanFailure(extend, exitCode: 2, naming: finished, saying: ["cannot extend", "schedule", "--epochs 40"])
    }

    @Test func extremeMetadataNeverCrashes() throws {
        let data = try Fixtures.dataSet.get().directory
        let scratch = try ScratchDirectory("extreme")
        let original = try SafeTensors(contentsOf: try Fixtures.smallModel.get().path)
        for value in ["1e20", "1e300", "-1e300"] {
            var file = original
            // Every number of the history and the resume state's running figures.
            for key in ["history"] {
                let text = file.metadata[key] ?? ""
                file.metadata[key] = text.replacing(
                    /"(loss|seconds|samplesPerSecond|trainAccuracy|validationAccuracy)":[-0-9.e+]+/
                ) {
                    "\"\($0.output.1)\":\(value)"
                }
            }
            file.metadata["validation_accuracy"] = value
            let resumeState = (file.metadata["resume_state"] ?? "")
                .replacing(/"(epochSeconds|epochLossSum|bestValidationAccuracy)":[-0-9.e+]+/) {
                    "\"\($0.output.1)\":\(value)"
                }
            file.metadata["resume_state"] = resumeState.replacingOccurrences(
                of: "\"batchesDone\":0", with: "\"batchesDone\":1")
            file.metadata["training"] = file.metadata["training"]?.replacingOccurrences(
                of: "\"epochs\":3", with: "\"epochs\":4")
            let model = scratch.file("extreme\(value).safetensors")
            try file.write(to: model)
            for arguments in [
                ["info", model], ["report", "--data", data, "--model", model, "--out", scratch.file("r\(value)")],
                ["train", "--resume", "--data", data, "--model", model],
            ] {
                let run = try DigitsProcess.run(arguments, timeout: 20)
                #expect(run.signal == nil, "\(arguments[0]) \(value): \(run)")
                for mark in crashMarks { #expect(!run.stderr.contains(mark), "\(arguments[0]) \(value): \(run)") }
                #expect(
                    run.exitCode == 0 || run.errorLines.filter { $0.hasPrefix("digits:") }.count == 1,
                    "\(arguments[0]) \(value): \(run)")
            }
        }
    }

    @Test func impossibleRunningCountsAreRefused() throws {
        let data = try Fixtures.dataSet.get().directory
        let scratch = try ScratchDirectory("counts")
        var file = try SafeTensors(contentsOf: try Fixtures.smallModel.get().path)
        let state = try #require(file.metadata["resume_state"])
        file.metadata["resume_state"] = state.replacing(/"epochCorrect":[0-9]+/) { _ in
            "\"epochCorrect\":9223372036854775807"
        }
        .replacingOccurrences(of: "\"batchesDone\":0", with: "\"batchesDone\":1")
        file.metadata["training"] = file.metadata["training"]?.replacingOccurrences(
            of: "\"epochs\":3", with: "\"epochs\":4")
        let model = scratch.file("counts.safetensors")
        try file.write(to: model)
        let run = try DigitsProcess.run(["train", "--resume", "--data", data, "--model", model], timeout: 10)
        expectCleanFailure(run, naming: model, saying: ["inconsistent", "examples right"])
    }

    @Test func allZeroGeneratorStateIsRefused() throws {
        let data = try Fixtures.dataSet.get().directory
        let scratch = try ScratchDirectory("zero")
        var file = try SafeTensors(contentsOf: try Fixtures.smallModel.get().path)
        let state = try #require(file.metadata["resume_state"])
        file.metadata["resume_state"] = state.replacing(/"state":\[[0-9,]+\]/) { _ in "\"state\":[0,0,0,0]" }
        file.metadata["training"] = file.metadata["training"]?.replacingOccurrences(
            of: "\"epochs\":3", with: "\"epochs\":4")
        let model = scratch.file("zero.safetensors")
        try file.write(to: model)
        let run = try DigitsProcess.run(["train", "--resume", "--data", data, "--model", model], timeout: 10)
        expectCleanFailure(run, naming: model, saying: ["resume_state", "epochStartRandom"])
    }

    @Test func mistakesZeroRemovesAnEarlierMistakesPicture() throws {
        let data = try Fixtures.dataSet.get().directory
        let model = try Fixtures.smallModel.get().path
        let scratch = try ScratchDirectory("nomistakes")
        let out = scratch.file("report")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try Scratch.write(try BadImageTests.goodPNG(), to: out + "/mistakes.png")
        expectSuccess(
            try DigitsProcess.run(
                ["report", "--data", data, "--model", model, "--out", out, "--mistakes", "0"], timeout: 30))
        #expect(!Scratch.exists(out + "/mistakes.png"))
    }

    @Test func nanInTheFirstEpochDoesNotClaimAnOlderFileAsItsCheckpoint() throws {
        let data = try Fixtures.dataSet.get().directory
        let scratch = try ScratchDirectory("nan-first")
        let model = scratch.file("older.safetensors")
        let before = try DiskFailureTests.placePreviousCheckpoint(at: model)
        let run = try DigitsProcess.run(
            Fixtures.smallModelArguments(data: data) + ["--model", model, "--learning-rate", "1e30"], timeout: 20)
        expectCleanFailure(run, naming: nil, saying: ["NaN", "no checkpoint was written"], progressLines: true)
        #expect(!run.stderr.contains("last good checkpoint"), "\(run)")
        #expect(try Scratch.read(model) == before)
    }
}
