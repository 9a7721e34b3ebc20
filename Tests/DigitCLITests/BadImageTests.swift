import Foundation
import Imaging
import Testing

/// `digits classify` on files that are not good PNGs: exit 1 and one line naming the file and
/// what is wrong with it; never a crash.
@Suite struct BadImageTests {
    /// A valid 8-bit greyscale PNG of a synthetic 7, 28×28.
    static func goodPNG() throws -> [UInt8] {
        var random = SplitMix64(seed: 7)
        return try GrayImage(width: 28, height: 28, pixels: SyntheticDigits.image(of: 7, random: &random)).pngData()
    }

    /// A damaged file: its name and bytes, and words its message should hold.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var saying: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        guard let png = try? goodPNG() else { return [] }
        let idat = PNGSurgery.chunk("IDAT", in: png)
        var cases = [
            Case(name: "empty.png", bytes: [], saying: ["empty"]),
            Case(name: "text.png", bytes: Array("7, written as text\n".utf8), saying: ["not a PNG", "text"]),
            Case(
                name: "photo.png", bytes: [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0],
                saying: ["not a PNG", "JPEG"]),
            Case(name: "bad-ihdr-crc.png", bytes: PNGSurgery.withBadCRC(png, chunk: "IHDR"), saying: ["IHDR", "CRC"]),
            Case(name: "bad-idat-crc.png", bytes: PNGSurgery.withBadCRC(png, chunk: "IDAT"), saying: ["IDAT", "CRC"]),
            Case(name: "corrupt-idat.png", bytes: PNGSurgery.withCorruptIDAT(png), saying: ["corrupt"]),
            Case(
                name: "huge.png", bytes: PNGSurgery.withDimensions(png, width: 30_000, height: 30_000),
                saying: ["30000×30000"]),
            Case(name: "zero-width.png", bytes: PNGSurgery.withDimensions(png, width: 0, height: 28), saying: ["0×28"]),
        ]
        // Cut inside the signature, inside IHDR, right after it, inside IDAT, before IEND.
        var cuts = [4, 8, 20, 33]
        if let idat { cuts += [idat.dataOffset + 2, idat.dataOffset + idat.length / 2, idat.crcOffset + 4] }
        for cut in cuts where cut < png.count {
            cases.append(
                Case(name: "cut-at-\(cut).png", bytes: Array(png.prefix(cut)), saying: ["truncated or corrupt"]))
        }
        return cases
    }()

    @Test(arguments: cases)
    func damagedPNGIsRefusedWithOneLine(_ damaged: Case) throws {
        let model = try Fixtures.smallModel.get().path
        let scratch = try ScratchDirectory("badpng")
        let path = try scratch.write(damaged.bytes, to: damaged.name)
        for mode in [[], ["--raw"]] {
            let run = try DigitsProcess.run(["classify", "--model", model] + mode + [path])
            expectCleanFailure(run, naming: path, saying: damaged.saying)
            #expect(run.stdout.isEmpty, "\(run)")
        }
    }

    @Test func missingFileAndDirectoryWithoutPNGs() throws {
        let model = try Fixtures.smallModel.get().path
        let scratch = try ScratchDirectory("badpaths")
        let missing = scratch.file("missing.png")
        expectCleanFailure(
            try DigitsProcess.run(["classify", "--model", model, missing]), naming: missing,
            saying: ["no such file"])

        let directory = scratch.file("folder.png")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        expectCleanFailure(
            try DigitsProcess.run(["classify", "--model", model, directory]), naming: directory,
            saying: ["no .png files"])
    }

    @Test func goodFilesArePrintedBesideTheBadOnes() throws {
        let model = try Fixtures.smallModel.get().path
        let scratch = try ScratchDirectory("mixed")
        let good = try scratch.write(try Self.goodPNG(), to: "good.png")
        let text = try scratch.write(Array("hello\n".utf8), to: "text.png")
        let empty = try scratch.write([], to: "empty.png")
        let files = [text, good, empty]

        let plain = try DigitsProcess.run(["classify", "--model", model] + files)
        #expect(plain.exitCode == 1, "\(plain)")
        #expect(plain.outputLines.count == 1)
        #expect(plain.outputLines.first?.hasPrefix("\(good): ") == true, "\(plain)")
        let errors = plain.errorLines.filter { $0.hasPrefix("digits: ") }
        #expect(errors.count == 2, "\(plain)")
        #expect(errors.first?.contains(text) == true && errors.last?.contains(empty) == true, "\(plain)")
        #expect(plain.stderr.contains("2 of 3 images could not be classified"), "\(plain)")

        let json = try DigitsProcess.run(["classify", "--model", model, "--json"] + files)
        #expect(json.exitCode == 1, "\(json)")
        let objects = try json.outputLines.map { try jsonObject($0) }
        #expect(objects.count == 3)
        #expect(objects.map { $0["file"] as? String } == files)
        #expect(objects[0]["error"] as? String != nil && objects[2]["error"] as? String != nil)
        #expect((objects[0]["error"] as? String)?.contains(text) == true)
        #expect(objects[1]["digit"] as? Int != nil && objects[1]["error"] == nil)
        for mark in crashMarks { #expect(!json.stderr.contains(mark)) }
    }
}
