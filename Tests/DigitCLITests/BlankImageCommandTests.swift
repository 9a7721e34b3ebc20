import Foundation
import Imaging
import Testing

/// `digits classify` answers "no digit" for pictures with nothing on them, exit 0; only files
/// that cannot be read make it exit 1, and every file still gets its line.
@Suite struct BlankImageCommandTests {
    /// Blank pictures: white, black, light-grey paper, a 1 × 1 and a 1 × 5000 one, colour.
    static func blankPNGs() throws -> [(String, [UInt8])] {
        [
            ("white.png", try GrayImage(width: 40, height: 30).pngData()),
            ("black.png", try GrayImage(width: 28, height: 28, filledWith: 0).pngData()),
            ("paper.png", try RGBImage(width: 300, height: 200, red: 240, green: 236, blue: 220).pngData()),
            ("dot.png", try GrayImage(width: 1, height: 1, filledWith: 17).pngData()),
            ("strip.png", try GrayImage(width: 1, height: 5000, filledWith: 200).pngData()),
        ]
    }

    @Test func blankImagesAreAnsweredWithExitZero() throws {
        let model = try Fixtures.smallModel.get().path
        let scratch = try ScratchDirectory("blank")
        var files: [String] = []
        for (name, bytes) in try Self.blankPNGs() { files.append(try scratch.write(bytes, to: name)) }
        let good = try scratch.write(try BadImageTests.goodPNG(), to: "good.png")

        let plain = try DigitsProcess.run(["classify", "--model", model] + files + [good])
        #expect(plain.exitCode == 0, "\(plain)")
        #expect(plain.outputLines.count == files.count + 1, "\(plain)")
        for (file, line) in zip(files, plain.outputLines) {
            #expect(line == "\(file): no digit (the image is blank)", "\(plain)")
        }
        #expect(plain.outputLines.last?.hasPrefix("\(good): ") == true)
        #expect(!plain.stderr.contains("digits:"), "\(plain)")

        let json = try DigitsProcess.run(["classify", "--model", model, "--json", "--show"] + files)
        #expect(json.exitCode == 0, "\(json)")
        let objects = try json.outputLines.map { try jsonObject($0) }
        #expect(objects.count == files.count)
        for (file, object) in zip(files, objects) {
            #expect(object["file"] as? String == file)
            #expect(object["digit"] is NSNull, "\(object)")
            #expect(object["reason"] as? String == "blank image")
            #expect(object.count == 3 && object["error"] == nil)
        }

        // Raw mode answers the same for a blank 28 × 28 picture.
        let raw = try DigitsProcess.run(["classify", "--model", model, "--raw", files[1]])
        #expect(raw.exitCode == 0 && raw.outputLines == ["\(files[1]): no digit (the image is blank)"], "\(raw)")
    }

    @Test func directoryOfBlankGoodAndBrokenFilesAnswersEveryFile() throws {
        let model = try Fixtures.smallModel.get().path
        let scratch = try ScratchDirectory("mixed-blank")
        _ = try scratch.write(try GrayImage(width: 50, height: 50).pngData(), to: "a-blank.png")
        _ = try scratch.write(try BadImageTests.goodPNG(), to: "b-good.png")
        _ = try scratch.write(Array("not a picture\n".utf8), to: "c-broken.png")
        _ = try scratch.write(Array(try BadImageTests.goodPNG().prefix(40)), to: "d-truncated.png")
        _ = try scratch.write(try GrayImage(width: 2, height: 1, filledWith: 0).pngData(), to: "e-blank.png")

        let json = try DigitsProcess.run(["classify", "--model", model, "--json", scratch.path])
        #expect(json.exitCode == 1, "\(json)")
        let objects = try json.outputLines.map { try jsonObject($0) }
        let names = objects.compactMap { ($0["file"] as? String)?.split(separator: "/").last.map(String.init) }
        #expect(names == ["a-blank.png", "b-good.png", "c-broken.png", "d-truncated.png", "e-blank.png"], "\(json)")
        #expect(objects[0]["reason"] as? String == "blank image" && objects[4]["reason"] as? String == "blank image")
        #expect(objects[1]["digit"] as? Int != nil)
        #expect(objects[2]["error"] is String && objects[3]["error"] is String)
        #expect(json.stderr.contains("2 of 5 images could not be classified"), "\(json)")

        let plain = try DigitsProcess.run(["classify", "--model", model, scratch.path])
        #expect(plain.exitCode == 1, "\(plain)")
        #expect(plain.outputLines.count == 3, "\(plain)")
        #expect(plain.errorLines.filter { $0.hasPrefix("digits: ") }.count == 2, "\(plain)")
        for mark in crashMarks { #expect(!plain.stderr.contains(mark) && !json.stderr.contains(mark)) }
    }

    @Test func explainSaysNoDigitAndWritesNoPage() throws {
        let model = try Fixtures.smallModel.get().path
        let scratch = try ScratchDirectory("explain-blank")
        let blank = try scratch.write(try GrayImage(width: 60, height: 60).pngData(), to: "blank.png")
        let run = try DigitsProcess.run([
            "classify", "--model", model, "--explain", "--out", scratch.file("why"), blank,
        ])
        #expect(run.exitCode == 0, "\(run)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("\(blank): no digit (the image is blank)"), "\(run)")
        #expect(!Scratch.exists(scratch.file("why/explain.html")))
    }
}
