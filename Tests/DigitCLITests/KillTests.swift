import Foundation
import Model
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `digits train` killed with SIGKILL (no chance to clean up) at random moments, many of them
/// while the checkpoint is being written: the file at the checkpoint's path is always absent
/// (before the first save) or a whole checkpoint, the previous one or a newer one.
@Suite struct KillTests {
    /// Kills in all; every other one waits for a checkpoint write to begin.
    static let rounds = 20

    @Test func sigkillNeverLeavesATornCheckpoint() throws {
        let data = try Fixtures.tinyDataSet.get()
        let scratch = try ScratchDirectory("kill")
        let name = "big.safetensors"
        let model = scratch.file(name)
        // A 1024-wide hidden layer: a checkpoint of about 10 MB (best, latest and momentum), whose
        // write takes a while; 100 images per epoch, so that most of the time goes to writing.
        let fresh = [
            "train", "--data", data, "--model", model, "--hidden", "1024", "--epochs", "1000",
            "--batch-size", "50", "--validation", "20", "--schedule", "constant",
        ]
        var random = SystemRandomNumberGenerator()
        var previous: (bytes: [UInt8], epochs: Int)?
        var killsWhileWriting = 0

        for round in 0..<Self.rounds {
            let process = try DigitsProcess.start(
                previous == nil ? fresh : ["train", "--resume", "--data", data, "--model", model])
            let moment: String
            if round == 0 {
                // The first round lets one save finish, however loaded the machine: a debug build
                // under load can take longer than the even rounds' delays to reach its first save,
                // and every later round needs a checkpoint to compare with.
                let saved = waitForCheckpoint(model, while: process)
                #expect(saved, "round 0: no checkpoint was saved: \(process.stderrSoFar)")
                moment = "just after the first save"
            } else if round % 2 == 1 {
                // Inside a checkpoint write: once the temporary file exists, 0–4 ms later. A write
                // of this 10 MB checkpoint takes a few milliseconds on a quiet machine, so a longer
                // delay would often land after the rename and the round would test nothing new.
                let began = waitForTemporaryFile(in: scratch.path, besides: name, while: process)
                #expect(began, "round \(round): no checkpoint write began: \(process.stderrSoFar)")
                let delay = UInt32.random(in: 0...4_000, using: &random)
                usleep(delay)
                moment = "\(delay / 1000) ms into a write"
            } else {
                let delay = UInt32.random(in: 50_000...1_200_000, using: &random)
                usleep(delay)
                moment = "\(delay / 1000) ms after the start"
            }
            process.send(SIGKILL)
            let run = process.wait()
            #expect(run.signal == SIGKILL, "round \(round), \(moment): \(run)")

            // Nothing but the checkpoint, the temporary files of killed writers and the lock file
            // (its flock dies with the process; the next run takes it over).
            let others = try FileManager.default.contentsOfDirectory(atPath: scratch.path)
                .filter { $0 != name && $0 != ".\(name).lock" }
            for other in others {
                #expect(other.wholeMatch(of: /\.big\.safetensors\.tmp-\d+/) != nil, "stray file \(other)")
            }
            if !others.isEmpty { killsWhileWriting += 1 }

            guard Scratch.exists(model) else {
                #expect(previous == nil, "round \(round), \(moment): the checkpoint vanished")
                continue
            }
            let bytes = try Scratch.read(model)
            if let previous, bytes == previous.bytes {
                // Untouched since the last round (the kill came before the next save finished).
                cleanUp(others, in: scratch)
                continue
            }
            // A new checkpoint: whole, consistent, finite (`Checkpoint` checks every tensor), and
            // further along than the previous one.
            let state = try Checkpoint(SafeTensors(decoding: bytes, path: model), path: model).state
            let epochs = state.progress.epochsDone
            #expect(epochs >= 1)
            #expect(state.progress.batchesDone == 0, "only whole epochs are saved")
            #expect(state.history.map(\.epoch) == Array(1...max(1, epochs)))
            if let previous {
                #expect(epochs > previous.epochs, "round \(round), \(moment): other bytes, yet not newer")
            }
            previous = (bytes, epochs)
            cleanUp(others, in: scratch)
        }
        #expect(killsWhileWriting >= 1, "no kill landed inside a checkpoint write")
        #expect(previous != nil, "no checkpoint was ever saved")
    }

    /// Removes the killed writers' leftovers (they would add up to hundreds of MB).
    private func cleanUp(_ names: [String], in scratch: ScratchDirectory) {
        for name in names { try? FileManager.default.removeItem(atPath: scratch.file(name)) }
    }

    /// Waits until `path` exists (true), or the process ends or 60 s pass (false).
    private func waitForCheckpoint(_ path: String, while process: RunningDigits) -> Bool {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && process.process.isRunning {
            if Scratch.exists(path) { return true }
            usleep(1000)
        }
        return Scratch.exists(path)
    }

    /// Waits until a temporary file beside `name` exists in `directory` (true), or the process
    /// ends or 20 s pass (false).
    private func waitForTemporaryFile(in directory: String, besides name: String, while process: RunningDigits) -> Bool
    {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline && process.process.isRunning {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            if entries.contains(where: { $0.hasPrefix(".\(name).tmp-\(process.pid)") }) { return true }
            usleep(500)
        }
        return false
    }
}
