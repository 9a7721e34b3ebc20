import Foundation
import IDX
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Inputs that are not regular files, paths that are empty or name directories, and numbers at
/// the edge: each ends in one line naming the file or option, at once (no hang, no signal).
@Suite struct HostileInputTests {
    /// Makes a FIFO at `path` (nobody ever writes into it: opening it to read would block).
    static func makeFIFO(_ path: String) throws {
        try #require(mkfifo(path, 0o644) == 0, "mkfifo \(path)")
    }

    @Test func fifosAreRefusedWithoutBlocking() throws {
        let data = try Fixtures.dataSet.get().directory
        let model = try Fixtures.smallModel.get().path
        let scratch = try ScratchDirectory("fifo")
        let fifo = scratch.file("model.safetensors")
        try Self.makeFIFO(fifo)

        for arguments in [
            ["evaluate", "--data", data, "--model", fifo], ["info", fifo],
            ["classify", "--model", fifo, scratch.file("x.png")],
            ["train", "--resume", "--data", data, "--model", fifo],
        ] {
            let run = try DigitsProcess.run(arguments, timeout: 10)
            expectCleanFailure(run, naming: fifo, saying: ["FIFO"])
        }
        // A new run cannot write its checkpoint into a FIFO either.
        let train = try DigitsProcess.run(Fixtures.smallModelArguments(data: data) + ["--model", fifo], timeout: 10)
        expectCleanFailure(train, naming: fifo, saying: ["FIFO", "expected a regular file"])

        // A FIFO among the PNGs of a directory: refused, and the files after it still classified.
        let pngs = try ScratchDirectory("fifo-pngs")
        try pngs.write(try BadImageTests.goodPNG(), to: "a.png")
        try Self.makeFIFO(pngs.file("b.png"))
        try pngs.write(try BadImageTests.goodPNG(), to: "c.png")
        let classify = try DigitsProcess.run(["classify", "--model", model, pngs.path], timeout: 10)
        #expect(classify.exitCode == 1, "\(classify)")
        #expect(classify.outputLines.count == 2, "\(classify)")
        #expect(
            classify.stderr.contains(pngs.file("b.png") + ": is a FIFO (named pipe), expected a regular file"),
            "\(classify)")

        // A FIFO as a data file.
        let fifoData = try ScratchDirectory("fifo-data")
        try SyntheticDigits.write(.test, count: 10, to: fifoData.path, compressed: false, seed: 4)
        let labels = fifoData.file(MNISTSplit.test.labelsFileName)
        try FileManager.default.removeItem(atPath: labels)
        try Self.makeFIFO(labels)
        let evaluate = try DigitsProcess.run(["evaluate", "--data", fifoData.path, "--model", model], timeout: 10)
        expectCleanFailure(evaluate, naming: labels, saying: ["FIFO"])
    }

    @Test func devicesArePlainlyNamed() throws {
        let model = try Fixtures.smallModel.get().path
        let run = try DigitsProcess.run(["classify", "--model", "/dev/urandom", "x.png"], timeout: 10)
        expectCleanFailure(run, naming: "/dev/urandom", saying: ["is a character device, expected a regular file"])
        let png = try DigitsProcess.run(["classify", "--model", model, "/dev/zero"], timeout: 10)
        expectCleanFailure(png, naming: "/dev/zero", saying: ["character device"])
    }

    @Test func emptyPathsAreUsageErrors() throws {
        let data = try Fixtures.dataSet.get().directory
        let model = try Fixtures.smallModel.get().path
        for (arguments, saying) in [
            (["train", "--model", ""], "--model"), (["train", "--data", ""], "--data"),
            (["export", "--out", ""], "--out"), (["info", ""], "empty"),
            (["classify", "--model", model, ""], "empty"),
            (["evaluate", "--data", data, "--model", model, "--predictions", ""], "--predictions"),
        ] {
            expectUsageError(try DigitsProcess.run(arguments, timeout: 10), saying: saying)
        }
    }

    @Test func directoryModelPathsAreRefusedBeforeTraining() throws {
        let data = try Fixtures.dataSet.get().directory
        let scratch = try ScratchDirectory("dirmodel")
        for path in [scratch.path, scratch.path + "/", scratch.path + "/.", scratch.file("missing/")] {
            let run = try DigitsProcess.run(Fixtures.smallModelArguments(data: data) + ["--model", path], timeout: 10)
            expectCleanFailure(run, naming: path, saying: ["directory"])
            #expect(!run.stderr.contains("epoch 1/"), "refused before training: \(run)")
        }
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { !$0.hasPrefix(".") }
                .allSatisfy { $0 == "missing" })
    }

    @Test func boundsAreRefusedBeforeAllocating() throws {
        let data = try Fixtures.tinyDataSet.get()
        let scratch = try ScratchDirectory("bounds")
        let base = ["train", "--data", data, "--model", scratch.file("m.safetensors"), "--validation", "20"]
        // Two 65536-wide layers: about 4.3 billion parameters, refused with the estimate.
        let huge = try DigitsProcess.run(base + ["--hidden", "65536,65536"], timeout: 10)
        expectCleanFailure(huge, naming: nil, saying: ["would need about", "GB", "parameters", "memory"])
        // The batch is at most the images trained on (here 100).
        let batch = try DigitsProcess.run(base + ["--batch-size", "10000000"], timeout: 10)
        expectUsageError(batch, saying: "batch size must be from 1 to 1048576")
        let bigBatch = try DigitsProcess.run(base + ["--batch-size", "101"], timeout: 10)
        expectCleanFailure(bigBatch, exitCode: 2, naming: data, saying: ["batch size must be from 1 to 100"])
        expectUsageError(
            try DigitsProcess.run(base + ["--threads", "1000"], timeout: 10), saying: "threads must be from 1 to 64")
        let deep = Array(repeating: "1", count: 50_000).joined(separator: ",")
        expectUsageError(
            try DigitsProcess.run(base + ["--hidden", deep], timeout: 10), saying: "at most 64 hidden layers")
        for hidden in ["16,,16", ",16", "16,"] {
            expectUsageError(try DigitsProcess.run(base + ["--hidden", hidden], timeout: 10), saying: "--hidden takes")
        }
        let validation = try DigitsProcess.run(base + ["--validation=-1"], timeout: 10)
        expectUsageError(validation, saying: "validation count must be 0 or more")
        #expect(!validation.stderr.contains("9223372036854775807"), "\(validation)")
        expectUsageError(
            try DigitsProcess.run(base + ["--learning-rate", "1e308"], timeout: 10),
            saying: "larger than a Float holds")
        let export = try DigitsProcess.run(
            [
                "export", "--data", try Fixtures.dataSet.get().directory, "--first", "1", "--count",
                "9223372036854775807",
                "--out", scratch.file("pngs"),
            ], timeout: 10)
        expectSuccess(export)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.file("pngs")).count == 199)
    }

    @Test func threadsAboveTheCoresWarn() throws {
        let data = try Fixtures.tinyDataSet.get()
        let scratch = try ScratchDirectory("threads")
        let run = try DigitsProcess.run(
            [
                "train", "--data", data, "--model", scratch.file("m.safetensors"), "--hidden", "8", "--epochs", "1",
                "--validation", "20", "--threads", "64",
            ], timeout: 20)
        expectSuccess(run)
        #expect(run.stderr.contains("more threads than cores"), "\(run)")
    }

    @Test func dataOptionNamingAFileOrAnEmptySet() throws {
        let scratch = try ScratchDirectory("datafile")
        let file = try scratch.write(Array("hello\n".utf8), to: "notes.txt")
        let run = try DigitsProcess.run(["train", "--data", file], timeout: 10)
        expectCleanFailure(run, naming: file, saying: ["is a regular file, expected the directory"])
        #expect(!run.stderr.contains("download-mnist"), "\(run)")

        let empty = try ScratchDirectory("emptyset")
        try IDXWriter.write(
            try IDXArray(shape: [0, 28, 28], values: .uint8([])),
            to: empty.file(MNISTSplit.train.imagesFileName))
        try IDXWriter.write(
            try IDXArray(shape: [0], values: .uint8([])), to: empty.file(MNISTSplit.train.labelsFileName))
        let train = try DigitsProcess.run(
            ["train", "--data", empty.path, "--model", empty.file("m"), "--validation", "0"], timeout: 10)
        #expect(train.exitCode == 1 || train.exitCode == 2, "\(train)")
        #expect(train.stderr.contains("no training images") || train.stderr.contains("0 training images"), "\(train)")
        #expect(!train.stderr.contains("expected 0 bytes"), "\(train)")
    }

    @Test func helpForAnUnknownSubcommandIsAUsageError() throws {
        expectUsageError(try DigitsProcess.run(["help", "frobnicate"], timeout: 10), saying: "frobnicate")
    }

    @Test func controlCharactersInNamesAreEscaped() throws {
        let model = try Fixtures.smallModel.get().path
        let scratch = try ScratchDirectory("names")
        let png = try scratch.write(try BadImageTests.goodPNG(), to: "two\nlines\u{1B}[31m.png")
        let run = try DigitsProcess.run(["classify", "--model", model, png], timeout: 10)
        expectSuccess(run)
        #expect(run.outputLines.count == 1, "\(run)")
        #expect(run.stdout.contains("two\\nlines\\e[31m.png: "), "\(run)")
        let missing = try DigitsProcess.run(["info", scratch.file("bad\u{1B}]0;title\u{07}")], timeout: 10)
        expectCleanFailure(missing, naming: nil, saying: ["bad\\e]0;title\\x07"])
    }

    @Test func namesThatAreNotUTF8Work() throws {
        let model = try Fixtures.smallModel.get().path
        let scratch = try ScratchDirectory("latin1")
        let png = try BadImageTests.goodPNG()
        // "café.png" in Latin-1: the byte E9 alone is not UTF-8.
        let name: [UInt8] = Array("caf".utf8) + [0xE9] + Array(".png".utf8)
        let fd = open(
            Array(scratch.path.utf8CString.dropLast()) + [CChar(UInt8(ascii: "/"))]
                + name.map { CChar(bitPattern: $0) } + [0], O_WRONLY | O_CREAT, 0o644)
        try #require(fd >= 0)
        _ = png.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        let executable = try #require(DigitsProcess.executable)
        let output = scratch.file("out")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c", "exec \"$0\" classify --model \"$1\" \"$2/$(printf 'caf\\351.png')\" \"$2\" > \"$3\" 2>&1",
            executable, model, scratch.path, output,
        ]
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: try Scratch.read(output), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(
            text.components(separatedBy: "caf\\xe9.png: ").count == 3, "the file, then the directory's entry: \(text)")
        #expect(!text.contains("no such file"), "\(text)")
    }

    @Test func multiMemberGzipDataIsRead() throws {
        let model = try Fixtures.smallModel.get().path
        let scratch = try ScratchDirectory("members")
        try SyntheticDigits.write(.test, count: 20, to: scratch.path, compressed: false, seed: 5)
        // Each file as two gzip members, as `cat a.gz b.gz` makes.
        for name in [MNISTSplit.test.imagesFileName, MNISTSplit.test.labelsFileName] {
            let plain = try Scratch.read(scratch.file(name))
            let half = plain.count / 2
            var members: [UInt8] = []
            for part in [Array(plain[..<half]), Array(plain[half...])] {
                let piece = scratch.file("piece")
                try Scratch.write(part, to: piece)
                let gz = try gzipped(piece)
                members += gz
            }
            try Scratch.write(members, to: scratch.file(name + ".gz"))
            try FileManager.default.removeItem(atPath: scratch.file(name))
        }
        let run = try DigitsProcess.run(["evaluate", "--data", scratch.path, "--model", model, "--json"], timeout: 20)
        expectSuccess(run)
        #expect(try jsonObject(run.outputLines.first ?? "")["count"] as? Int == 20)
    }

    /// The file at `path` compressed by `gzip -c`.
    private func gzipped(_ path: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -c \"$0\" > \"$0.gz\"", path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "gzip failed")
        return try Scratch.read(path + ".gz")
    }
}
