import Foundation
import IDX
import Testing

/// Data directories whose IDX files are damaged: `evaluate`, `train` and `info` exit 1 with one
/// line naming the damaged file and what is wrong.
@Suite struct BadDataTests {
    /// The bytes of an IDX file: magic `00 00 type rank`, big-endian dimensions, then `payload`.
    static func idx(type: UInt8 = 0x08, shape: [UInt32], payload: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, type, UInt8(shape.count)]
        for dimension in shape {
            bytes += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: dimension >> $0) }
        }
        return bytes + payload
    }

    /// Good test-split files for `count` images: images and labels bytes (plain IDX).
    static func goodFiles(count: Int) -> (images: [UInt8], labels: [UInt8]) {
        var random = SplitMix64(seed: 11)
        var pixels: [UInt8] = []
        var labels: [UInt8] = []
        for _ in 0..<count {
            let digit = SyntheticDigits.classes[random.int(in: 0...2)]
            labels.append(digit)
            pixels += SyntheticDigits.image(of: digit, random: &random)
        }
        return (idx(shape: [UInt32(count), 28, 28], payload: pixels), idx(shape: [UInt32(count)], payload: labels))
    }

    /// A damaged data directory: which file is broken (images or labels) and how.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var images: [UInt8]
        var labels: [UInt8]
        /// Whether the images file is written gzip-compressed (`…-ubyte.gz`).
        var gzipImages = false
        /// The damaged file: `images` or `labels`.
        var culprit: String
        var saying: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        let good = goodFiles(count: 20)
        var wrongMagic = good.images
        wrongMagic[0] = 0x1F  // neither IDX nor gzip
        wrongMagic[1] = 0x00
        let gzipped = (try? gzippedImages(count: 20)) ?? []
        return [
            Case(
                name: "wrong magic", images: wrongMagic, labels: good.labels, culprit: "images",
                saying: ["not an IDX file"]),
            Case(
                name: "truncated payload", images: Array(good.images.dropLast(784 * 5)), labels: good.labels,
                culprit: "images", saying: ["15680 payload bytes", "11760"]),
            Case(
                name: "trailing garbage", images: good.images + Array("garbage".utf8), labels: good.labels,
                culprit: "images", saying: ["15687"]),
            Case(
                name: "huge dimensions", images: idx(shape: [0x7FFF_FFFF, 0xFFFF, 0xFFFF], payload: [1, 2, 3]),
                labels: good.labels, culprit: "images", saying: ["limit"]),
            Case(
                name: "header only", images: Array(good.images.prefix(6)), labels: good.labels,
                culprit: "images", saying: ["truncated"]),
            Case(
                name: "gzip cut mid-stream", images: Array(gzipped.prefix(gzipped.count / 2)), labels: good.labels,
                gzipImages: true, culprit: "images", saying: ["ends inside the gzip stream"]),
            Case(
                name: "gzip with a damaged stream", images: gzipped.enumerated().map { $0 == 20 ? ~$1 : $1 },
                labels: good.labels, gzipImages: true, culprit: "images", saying: ["corrupt gzip"]),
            Case(
                name: "fewer labels than images", images: good.images,
                labels: idx(shape: [19], payload: Array(good.labels.suffix(19))), culprit: "labels",
                saying: ["20", "19"]),
            Case(
                name: "label out of range", images: good.images,
                labels: idx(shape: [20], payload: Array(good.labels.dropFirst(8).dropLast()) + [12]), culprit: "labels",
                saying: ["is 12"]),
            Case(
                name: "labels of the wrong type", images: good.images,
                labels: idx(type: 0x0C, shape: [20], payload: [UInt8](repeating: 0, count: 80)),
                culprit: "labels", saying: ["u8 labels"]),
            Case(
                name: "images of the wrong shape",
                images: idx(shape: [20, 14, 56], payload: Array(good.images.suffix(20 * 784))),
                labels: good.labels, culprit: "images", saying: ["[count, 28, 28]"]),
        ]
    }()

    @Test(arguments: cases)
    func damagedDataIsRefusedWithOneLine(_ damaged: Case) throws {
        let model = try Fixtures.smallModel.get().path
        let scratch = try ScratchDirectory("baddata")
        let images = scratch.file(MNISTSplit.test.imagesFileName + (damaged.gzipImages ? ".gz" : ""))
        let labels = scratch.file(MNISTSplit.test.labelsFileName)
        try Scratch.write(damaged.images, to: images)
        try Scratch.write(damaged.labels, to: labels)
        let culprit = damaged.culprit == "images" ? images : labels

        let evaluate = try DigitsProcess.run(["evaluate", "--data", scratch.path, "--model", model])
        expectCleanFailure(evaluate, naming: culprit, saying: damaged.saying)
        #expect(evaluate.stdout.isEmpty)

        let export = try DigitsProcess.run(["export", "--data", scratch.path, "--out", scratch.file("out")])
        expectCleanFailure(export, naming: culprit, saying: damaged.saying)
    }

    @Test func damagedTrainingDataIsRefusedBeforeTraining() throws {
        let scratch = try ScratchDirectory("badtrain")
        let good = Self.goodFiles(count: 20)
        let images = scratch.file(MNISTSplit.train.imagesFileName)
        try Scratch.write(Array(good.images.dropLast(100)), to: images)
        try Scratch.write(good.labels, to: scratch.file(MNISTSplit.train.labelsFileName))
        let model = scratch.file("never.safetensors")
        let run = try DigitsProcess.run(
            ["train", "--data", scratch.path, "--model", model, "--hidden", "8", "--validation", "5"])
        expectCleanFailure(run, naming: images)
        #expect(!Scratch.exists(model))
    }

    @Test func missingDataNamesTheFilesAndHowToGetThem() throws {
        let scratch = try ScratchDirectory("nodata")
        let run = try DigitsProcess.run(["train", "--data", scratch.path, "--model", scratch.file("m.safetensors")])
        expectCleanFailure(run, naming: scratch.path, saying: ["train-images-idx3-ubyte", "download-mnist"])
    }

    @Test(arguments: ["truncated payload", "huge dimensions", "gzip cut mid-stream", "header only"])
    func infoOfADamagedIDXFile(_ name: String) throws {
        let damaged = try #require(Self.cases.first { $0.name == name })
        let scratch = try ScratchDirectory("badinfo")
        let path = try scratch.write(damaged.images, to: "images-idx3-ubyte" + (damaged.gzipImages ? ".gz" : ""))
        let run = try DigitsProcess.run(["info", path])
        // `info` reads only the header: a header that promises more than the file holds is
        // either described (as a header) or refused with one line.
        if run.exitCode == 0 {
            #expect(run.stdout.contains("\(path): IDX file"), "\(run)")
        } else {
            expectCleanFailure(run, naming: path)
        }
    }
}

/// The images file of `goodFiles(count:)` gzip-compressed, as `IDXWriter` writes it.
func gzippedImages(count: Int) throws -> [UInt8] {
    let good = BadDataTests.goodFiles(count: count)
    let array = try IDXArray(shape: [count, 28, 28], values: .uint8(Array(good.images.dropFirst(16))))
    let scratch = try ScratchDirectory("gzip")
    try IDXWriter.write(array, to: scratch.file("images.gz"), compressed: true)
    return try Scratch.read(scratch.file("images.gz"))
}
