import Foundation
import Model
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGTERM and SIGHUP stop training as Ctrl-C does (a resumable checkpoint, exit 128 + the
/// signal); a second signal ends the run at once, keeping the last saved checkpoint.
@Suite struct SignalTests {
    @Test(arguments: [(SIGTERM, Int32(143)), (SIGHUP, Int32(129))])
    func terminationSavesAResumableCheckpoint(_ signal: Int32, _ status: Int32) throws {
        let data = try Fixtures.dataSet.get().directory
        let scratch = try ScratchDirectory("signal")
        let model = scratch.file("stopped.safetensors")
        let process = try DigitsProcess.start(InterruptTests.arguments(data: data, model: model))
        #expect(process.waitForStderr(containing: "epoch 1/6"), "\(process.stderrSoFar)")
        process.send(signal)
        let run = process.wait(timeout: 20)
        #expect(run.exitCode == status, "\(run)")
        #expect(run.stderr.contains("saved a resumable checkpoint to \(model)"), "\(run)")
        let state = try Checkpoint.load(from: model).state
        #expect(!state.isFinished)
        #expect(state.progress.epochsDone >= 1)
    }

    @Test func aSecondSignalEndsAtOnceKeepingTheLastCheckpoint() throws {
        let data = try Fixtures.dataSet.get().directory
        let scratch = try ScratchDirectory("second")
        let model = scratch.file("kept.safetensors")
        let process = try DigitsProcess.start(InterruptTests.arguments(data: data, model: model))
        #expect(process.waitForStderr(containing: "epoch 1/6"), "\(process.stderrSoFar)")
        let deadline = Date().addingTimeInterval(30)
        while !Scratch.exists(model) && Date() < deadline { usleep(2_000) }
        let saved = try Scratch.read(model)
        // Two signals in a row, during the second epoch (before its end: batch size 4).
        process.send(SIGINT)
        usleep(20_000)
        process.send(SIGINT)
        let run = process.wait(timeout: 20)
        #expect(run.signal == nil, "\(run)")
        #expect(run.exitCode == 130, "\(run)")
        if run.stderr.contains("second signal") {
            #expect(run.stderr.contains("the last saved checkpoint is kept in \(model)"), "\(run)")
            #expect(try Scratch.read(model) == saved)
        } else {
            // The first signal was honoured before the second arrived: a normal stop.
            #expect(run.stderr.contains("saved a resumable checkpoint"), "\(run)")
        }
        _ = try Checkpoint.load(from: model)
    }
}
