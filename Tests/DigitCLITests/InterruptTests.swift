import Foundation
import Model
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C during `digits train`: exit 130 with a resumable checkpoint, and `--resume` ends with
/// exactly the weights of a run that was never interrupted.
@Suite struct InterruptTests {
    /// Enough small batches that an epoch takes a noticeable time, so that a SIGINT can land
    /// inside one.
    static func arguments(data: String, model: String) -> [String] {
        [
            "train", "--data", data, "--model", model, "--hidden", "128", "--epochs", "6", "--batch-size", "4",
            "--validation", "100",
        ]
    }

    /// The checkpoint of the same run, never interrupted.
    static let reference = Result { () throws -> String in
        let data = try Fixtures.dataSet.get().directory
        let model = try Scratch.makeDirectory(prefix: "reference") + "/reference.safetensors"
        let run = try DigitsProcess.run(arguments(data: data, model: model))
        guard run.exitCode == 0 else { throw CommandError(run: run) }
        return model
    }

    /// Where the SIGINT is sent.
    enum Moment: String, CaseIterable, CustomTestStringConvertible {
        /// As soon as the first epoch's summary line appears: during the checkpoint save that
        /// follows, or just after it.
        case atTheFirstEpochLine
        /// Half an epoch after the first epoch's line: in the middle of the second epoch.
        case inTheMiddleOfAnEpoch

        var testDescription: String { rawValue }
    }

    @Test(arguments: Moment.allCases)
    func ctrlCThenResumeGivesTheUninterruptedWeights(_ moment: Moment) throws {
        let data = try Fixtures.dataSet.get().directory
        let scratch = try ScratchDirectory("interrupt")
        let model = scratch.file("interrupted.safetensors")

        // In the middle of an epoch is a matter of timing: try again if the signal landed at an
        // epoch's end (the other case).
        var attempts = 0
        var state: TrainingState
        repeat {
            attempts += 1
            try? FileManager.default.removeItem(atPath: model)
            let process = try DigitsProcess.start(Self.arguments(data: data, model: model))
            #expect(process.waitForStderr(containing: "epoch 1/6"), "\(process.stderrSoFar)")
            if moment == .inTheMiddleOfAnEpoch {
                // The first checkpoint is saved after the epoch line; wait for it (slow under
                // sanitizers), then half an epoch into the second.
                let deadline = Date().addingTimeInterval(30)
                while !FileManager.default.fileExists(atPath: model) && Date() < deadline { usleep(2_000) }
                usleep(UInt32(firstEpochSeconds(process.stderrSoFar) * 0.5e6))
            }
            process.send(SIGINT)
            let run = process.wait()
            #expect(run.exitCode == 130, "\(run)")
            #expect(run.stderr.contains("interrupted: saved a resumable checkpoint to \(model)"), "\(run)")
            #expect(run.stderr.contains("digits train --resume --model \(model)"), "\(run)")
            state = try Checkpoint.load(from: model).state
            #expect(state.progress.epochsDone >= 1 && state.progress.epochsDone < 6)
            #expect(state.history.count == state.progress.epochsDone)
        } while moment == .inTheMiddleOfAnEpoch && state.progress.batchesDone == 0 && attempts < 4
        if moment == .inTheMiddleOfAnEpoch {
            #expect(state.progress.batchesDone > 0, "the SIGINT never landed inside an epoch")
        }

        let resumed = try DigitsProcess.run(["train", "--resume", "--data", data, "--model", model])
        expectSuccess(resumed)
        #expect(resumed.stderr.contains("resuming \(model) at epoch \(state.progress.epochsDone + 1)"), "\(resumed)")

        let reference = try Self.reference.get()
        let expected = try tensorBits(reference)
        let found = try tensorBits(model)
        #expect(expected.count == 12)  // 2 layers × weight, bias × best, latest, momentum
        #expect(found.keys.sorted() == expected.keys.sorted())
        for (name, bits) in expected {
            #expect(found[name] == bits, "tensor \(name) differs from the uninterrupted run")
        }
        let finished = try Checkpoint.load(from: model).state
        let uninterrupted = try Checkpoint.load(from: reference).state
        #expect(finished.progress.epochsDone == 6)
        #expect(finished.progress.bestEpoch == uninterrupted.progress.bestEpoch)
        #expect(finished.history.map(\.loss) == uninterrupted.history.map(\.loss))
    }

    /// A second Ctrl-C, sent while the first one's checkpoint is being written (a big network,
    /// so that the write takes a while), ends the process at once: exit 130, and no torn file.
    @Test func secondCtrlCEndsAtOnce() throws {
        let data = try Fixtures.tinyDataSet.get()
        let scratch = try ScratchDirectory("twice")
        let model = scratch.file("twice.safetensors")
        let process = try DigitsProcess.start(
            [
                "train", "--data", data, "--model", model, "--hidden", "1024,1024", "--epochs", "50",
                "--batch-size", "50", "--validation", "20",
            ])
        #expect(process.waitForStderr(containing: "epoch  1/50"), "\(process.stderrSoFar)")
        process.send(SIGINT)
        usleep(100_000)
        process.send(SIGINT)
        let run = process.wait()
        #expect(run.exitCode == 130, "\(run)")
        #expect(!run.stderr.contains("interrupted: saved"), "\(run)")
        for mark in crashMarks { #expect(!run.stderr.contains(mark), "\(run)") }
        // The checkpoint is the first epoch's, whole, or not there yet.
        if Scratch.exists(model) {
            #expect(try Checkpoint.load(from: model).state.progress.epochsDone == 1)
        }
    }

    /// The seconds of epoch 1 on its summary line (`epoch 1/6  loss …  0.17 s  …`), or 0.1.
    private func firstEpochSeconds(_ stderr: String) -> Double {
        guard let line = stderr.split(separator: "\n").first(where: { $0.hasPrefix("epoch 1/") }),
            let match = line.firstMatch(of: /\s(\d+\.\d+) s\s/)
        else { return 0.1 }
        return Double(match.1) ?? 0.1
    }
}

/// A `digits` run that should have succeeded, as an error.
struct CommandError: Error, CustomStringConvertible {
    var run: DigitsRun
    var description: String { "digits failed: \(run)" }
}
