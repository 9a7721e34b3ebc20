import Foundation
import Model
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Outputs never destroy what the user still needs: inputs, data files, other programs' files,
/// unfinished runs, special files and links; and a result that cannot be written to stdout is
/// a failure, not a silent success.
@Suite struct OutputSafetyTests {
    @Test func predictionsNeverReplaceAnInputOrAForeignFile() throws {
        let data = try Fixtures.dataSet.get().directory
        let scratch = try ScratchDirectory("outputs")
        let model = try scratch.write(try Scratch.read(try Fixtures.smallModel.get().path), to: "model.safetensors")
        let before = try Scratch.read(model)
        let evaluate = ["evaluate", "--data", data, "--model", model, "--json"]

        let onModel = try DigitsProcess.run(evaluate + ["--predictions", model], timeout: 20)
        expectCleanFailure(onModel, naming: model, saying: ["an input of this command", "--overwrite"])
        #expect(onModel.stdout.isEmpty)
        #expect(try Scratch.read(model) == before)

        let notes = try scratch.write(Array("my notes\n".utf8), to: "notes.txt")
        let onNotes = try DigitsProcess.run(evaluate + ["--predictions", notes], timeout: 20)
        expectCleanFailure(onNotes, naming: notes, saying: ["does not hold predictions", "--overwrite"])
        #expect(try Scratch.read(notes) == Array("my notes\n".utf8))

        // Earlier predictions are replaced; --overwrite replaces anything that is not an input.
        let predictions = scratch.file("predictions.txt")
        expectSuccess(try DigitsProcess.run(evaluate + ["--predictions", predictions], timeout: 20))
        expectSuccess(try DigitsProcess.run(evaluate + ["--predictions", predictions], timeout: 20))
        expectSuccess(try DigitsProcess.run(evaluate + ["--predictions", notes, "--overwrite"], timeout: 20))
        #expect(try Scratch.read(notes) == Scratch.read(predictions))
    }

    @Test func trainingNeverReplacesADataFileOrAnUnfinishedRun() throws {
        let data = try Fixtures.dataSet.get().directory
        let scratch = try ScratchDirectory("trainout")
        let dataFile = data + "/train-images-idx3-ubyte"
        let dataBefore = try Scratch.read(dataFile)
        let onData = try DigitsProcess.run(
            Fixtures.smallModelArguments(data: data) + ["--model", dataFile], timeout: 20)
        expectCleanFailure(onData, naming: dataFile, saying: ["input of this command"])
        #expect(try Scratch.read(dataFile) == dataBefore)

        // A copy of a data file elsewhere: not a digits checkpoint.
        let copy = try scratch.write(dataBefore, to: "copy.safetensors")
        let onCopy = try DigitsProcess.run(Fixtures.smallModelArguments(data: data) + ["--model", copy], timeout: 20)
        expectCleanFailure(onCopy, naming: copy, saying: ["not a digits checkpoint", "IDX data", "--overwrite"])
        #expect(try Scratch.read(copy) == dataBefore)

        // An unfinished run: a finished one with its epochs raised in the metadata.
        let unfinished = scratch.file("unfinished.safetensors")
        var file = try SafeTensors(contentsOf: try Fixtures.smallModel.get().path)
        file.metadata["training"] = file.metadata["training"]?.replacingOccurrences(
            of: "\"epochs\":3", with: "\"epochs\":5")
        try file.write(to: unfinished)
        let saved = try Scratch.read(unfinished)
        let plain = try DigitsProcess.run(
            Fixtures.smallModelArguments(data: data) + ["--model", unfinished], timeout: 20)
        expectCleanFailure(plain, naming: unfinished, saying: ["unfinished run", "3 of 5", "--resume", "--overwrite"])
        #expect(try Scratch.read(unfinished) == saved)
        let over = try DigitsProcess.run(
            Fixtures.smallModelArguments(data: data) + ["--model", unfinished, "--overwrite", "--epochs", "1"],
            timeout: 20)
        expectSuccess(over)
        #expect(try Checkpoint.load(from: unfinished).state.settings.epochs == 1)
    }

    @Test func linksKeepTheirTargetReplacedAndSpecialFilesAreWrittenInto() throws {
        let data = try Fixtures.dataSet.get().directory
        let model = try Fixtures.smallModel.get().path
        let scratch = try ScratchDirectory("links")
        let evaluate = ["evaluate", "--data", data, "--model", model, "--json"]

        let target = scratch.file("target.txt")
        let link = scratch.file("link.txt")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.txt")
        expectSuccess(try DigitsProcess.run(evaluate + ["--predictions", link], timeout: 20))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "target.txt")
        #expect(try Scratch.read(target).count == 2 * 200)

        // A checkpoint behind a link: the link stays a link.
        let modelTarget = scratch.file("real.safetensors")
        let modelLink = scratch.file("latest.safetensors")
        try FileManager.default.createSymbolicLink(atPath: modelLink, withDestinationPath: modelTarget)
        expectSuccess(
            try DigitsProcess.run(
                Fixtures.smallModelArguments(data: data) + ["--model", modelLink, "--epochs", "1"], timeout: 20))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: modelLink) == modelTarget)
        #expect(try Checkpoint.load(from: modelTarget).state.progress.epochsDone == 1)

        // A FIFO: written into (a reader takes the lines), never replaced by a file.
        let fifo = scratch.file("fifo")
        try #require(mkfifo(fifo, 0o644) == 0)
        let received = UnsafeSendable(value: [UInt8]())
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            received.value = [UInt8](FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data())
            done.signal()
        }
        thread.start()
        expectSuccess(try DigitsProcess.run(evaluate + ["--predictions", fifo], timeout: 20))
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(received.value.count == 2 * 200)
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)

        // A device: written into, so /dev/full fails in one line and stays a device.
        let full = try DigitsProcess.run(evaluate + ["--predictions", "/dev/full"], timeout: 20)
        expectCleanFailure(full, naming: "/dev/full", saying: ["No space left"])
        #expect(lstat("/dev/full", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
        expectSuccess(try DigitsProcess.run(evaluate + ["--predictions", "/dev/null"], timeout: 20))
        // `-`: the predictions go to stdout, after the JSON line.
        let dash = try DigitsProcess.run(evaluate + ["--predictions", "-"], timeout: 20)
        expectSuccess(dash)
        #expect(dash.outputLines.count == 1 + 200, "\(dash)")
        #expect(!Scratch.exists("-"))
    }

    @Test func failedWritesToStdoutAreFailures() throws {
        let data = try Fixtures.dataSet.get().directory
        let model = try Fixtures.smallModel.get().path
        let scratch = try ScratchDirectory("stdout")
        let png = try scratch.write(try BadImageTests.goodPNG(), to: "seven.png")
        for arguments in [
            ["classify", "--json", "--model", model, png], ["evaluate", "--data", data, "--model", model],
            ["info", model],
            [
                "train", "--data", try Fixtures.tinyDataSet.get(), "--model", scratch.file("m"), "--hidden", "8",
                "--epochs", "1", "--validation", "20", "--json",
            ],
        ] {
            for target in [StandardOutput.file("/dev/full"), .closed] {
                let run = try DigitsProcess.run(arguments, stdout: target, timeout: 20)
                expectCleanFailure(run, naming: "stdout", saying: ["cannot write the output"], progressLines: true)
            }
            #expect(!Scratch.exists(scratch.file(".m.lock")), "the lock file goes with the run")
        }
    }

    @Test func twoRunsOnOneCheckpointCannotOverlap() throws {
        let data = try Fixtures.dataSet.get().directory
        let scratch = try ScratchDirectory("lock")
        let model = scratch.file("shared.safetensors")
        let first = try DigitsProcess.start(InterruptTests.arguments(data: data, model: model))
        #expect(first.waitForStderr(containing: "training 784"), "\(first.stderrSoFar)")
        let second = try DigitsProcess.run(InterruptTests.arguments(data: data, model: model), timeout: 10)
        expectCleanFailure(second, naming: model, saying: ["in use", "process \(first.pid)"])
        first.send(SIGINT)
        let ended = first.wait()
        #expect(ended.exitCode == 130, "\(ended)")
        // The lock is gone with the run: the next one takes it.
        let names = try FileManager.default.contentsOfDirectory(atPath: scratch.path)
        #expect(!names.contains(".shared.safetensors.lock"), "\(names)")
    }
}

/// A mutable box handed to a thread in a test.
final class UnsafeSendable<Value>: @unchecked Sendable {
    var value: Value
    init(value: Value) { self.value = value }
}

/// `digits report --out DIR` writes into a new directory or over an earlier report, never over
/// another web page without `--overwrite`.
@Suite struct ReportOutputTests {
    @Test func aForeignPageIsNotReplaced() throws {
        let data = try Fixtures.dataSet.get().directory
        let model = try Fixtures.smallModel.get().path
        let scratch = try ScratchDirectory("site")
        let page = Array("<html><title>My site</title></html>\n".utf8)
        let index = try scratch.write(page, to: "index.html")
        let report = ["report", "--data", data, "--model", model, "--out", scratch.path]
        let refused = try DigitsProcess.run(report, timeout: 30)
        expectCleanFailure(refused, naming: index, saying: ["not the page of a digits report", "--overwrite"])
        #expect(try Scratch.read(index) == page)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["index.html"])
        // Again over its own report: fine; and with --overwrite over the foreign page.
        let own = scratch.file("own")
        expectSuccess(try DigitsProcess.run(["report", "--data", data, "--model", model, "--out", own], timeout: 30))
        expectSuccess(try DigitsProcess.run(["report", "--data", data, "--model", model, "--out", own], timeout: 30))
        expectSuccess(try DigitsProcess.run(report + ["--overwrite"], timeout: 30))
    }
}
