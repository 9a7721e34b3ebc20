// End to end: `digits report` and `digits classify --explain` run as a user runs them, on a
// tiny data set made here and a network trained on it by `digits train`.

import Foundation
import IDX
import Imaging
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The built `digits` executable: beside the test bundle, else in the package's `.build/debug`.
private func digitsExecutable() throws -> String {
    let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("digits").path
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    let inBuild = packageRoot.appendingPathComponent(".build/debug/digits").path
    let found = [besideTests, inBuild].first { FileManager.default.isExecutableFile(atPath: $0) }
    return try #require(found, "build the `digits` executable first (swift build)")
}

/// Runs `digits arguments` in `directory`; returns the exit status, stdout and stderr.
private func digits(_ arguments: [String], in directory: String) throws -> (status: Int32, out: String, err: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try digitsExecutable())
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
        process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self)
    )
}

/// A 28 × 28 image of class `label`: a vertical bar whose column depends on the label, with
/// a little deterministic noise, so that a small network learns most of it in two epochs.
private func barImage(label: Int, variant: Int) -> [UInt8] {
    (0..<784).map { i in
        let x = i % 28, y = i / 28
        let column = 4 + 2 * label + variant % 2
        let ink = abs(x - column) <= 1 && (4..<24).contains(y) ? 230 : 0
        return UInt8(min(255, ink + (i * 37 + variant * 11) % 23))
    }
}

/// Writes a data set in the MNIST layout: `train` images for training, `test` for the test split.
private func writeDataSet(in directory: String, train: Int, test: Int) throws {
    for (split, count) in [(MNISTSplit.train, train), (MNISTSplit.test, test)] {
        let labels = (0..<count).map { UInt8(($0 * 7) % 10) }
        let images = labels.enumerated().flatMap { barImage(label: Int($0.element), variant: $0.offset) }
        try IDXWriter.write(
            IDXArray(shape: [count, 28, 28], values: .uint8(images)),
            to: directory + "/" + split.imagesFileName)
        try IDXWriter.write(
            IDXArray(shape: [count], values: .uint8(labels)),
            to: directory + "/" + split.labelsFileName)
    }
}

/// Whether `path` is well-formed XML, and how many elements named `name` have class `className`.
private func countInSVG(_ path: String, element name: String, className: String) throws -> (
    wellFormed: Bool, count: Int
) {
    final class Counter: NSObject, XMLParserDelegate {
        let name: String, className: String
        var count = 0
        init(name: String, className: String) { self.name = name; self.className = className }
        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            let classes = (attributes["class"] ?? "").split(separator: " ")
            if elementName == name && classes.contains(Substring(className)) { count += 1 }
        }
    }
    let parser = XMLParser(data: try Data(contentsOf: URL(fileURLWithPath: path)))
    let counter = Counter(name: name, className: className)
    parser.delegate = counter
    let ok = parser.parse()
    return (ok, counter.count)
}

/// A fresh directory with a data set and a network trained on it for 2 epochs.
private func trainedWorkspace() throws -> String {
    let root = NSTemporaryDirectory() + "digits-report-e2e-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: root + "/data", withIntermediateDirectories: true)
    try writeDataSet(in: root + "/data", train: 300, test: 120)
    let trained = try digits(
        [
            "train", "--data", "data", "--model", "models/tiny.safetensors",
            "--hidden", "16", "--epochs", "2", "--validation", "50",
        ], in: root)
    #expect(trained.status == 0, "digits train failed: \(trained.err)")
    return root
}

@Test func reportWritesAPageWhoseEveryFileIsThere() throws {
    let root = try trainedWorkspace()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let run = try digits(
        [
            "report", "--data", "data", "--model", "models/tiny.safetensors",
            "--mistakes", "12", "--units", "16",
        ], in: root)
    #expect(run.status == 0, "digits report failed: \(run.err)")
    // The default directory is named after the model file.
    #expect(run.out == "reports/tiny/index.html\n")
    let directory = root + "/reports/tiny"
    let html = try String(contentsOfFile: directory + "/index.html", encoding: .utf8)
    #expect(!html.contains("<script") && !html.contains("http"))

    let sources = html.components(separatedBy: "src=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    #expect(sources.count >= 4)
    for source in sources {
        #expect(FileManager.default.fileExists(atPath: directory + "/" + source), "missing \(source)")
    }
    let cells = try countInSVG(directory + "/confusion-matrix.svg", element: "rect", className: "cell")
    #expect(cells.wellFormed && cells.count == 100)
    let points = try countInSVG(directory + "/learning-curves.svg", element: "circle", className: "point")
    #expect(points.wellFormed && points.count == 3 * 2)
    let bars = try countInSVG(directory + "/per-class.svg", element: "rect", className: "bar")
    #expect(bars.wellFormed && bars.count == 20)

    // 16 units, ten 3×-enlarged 28 × 28 tiles to a row with 4-pixel gaps: 884 × 180.
    let weights = try PNGDecoder.read(directory + "/weights.png")
    #expect(weights.width == 884 && weights.height == 180)
    // The mistakes gallery has one tile per caption (if the tiny network made any mistake).
    let captions = html.components(separatedBy: "<li>").count - 1
    if captions > 0 {
        #expect(sources.contains("mistakes.png"))
        let mistakes = try PNGDecoder.read(directory + "/mistakes.png")
        #expect(mistakes.width == 4 + min(10, captions) * 88)
        #expect(mistakes.height == 4 + (captions + 9) / 10 * 88)
    }
    #expect(captions <= 12)
}

@Test func explainWritesThePageAndItsPictures() throws {
    let root = try trainedWorkspace()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let exported = try digits(["export", "--data", "data", "--count", "2", "--out", "samples"], in: root)
    #expect(exported.status == 0, "digits export failed: \(exported.err)")
    let image = try #require(try FileManager.default.contentsOfDirectory(atPath: root + "/samples").sorted().first)

    let one = try digits(
        [
            "classify", "--model", "models/tiny.safetensors", "--explain", "--out", "why",
            "samples/" + image,
        ], in: root)
    #expect(one.status == 0, "digits classify --explain failed: \(one.err)")
    #expect(one.out == "why/explain.html\n")
    let given = try Data(contentsOf: URL(fileURLWithPath: root + "/samples/" + image))
    #expect(try Data(contentsOf: URL(fileURLWithPath: root + "/why/input.png")) == given)
    let seen = try PNGDecoder.read(root + "/why/preprocessed.png")
    #expect(seen.width == 168 && seen.height == 168)
    let bars = try countInSVG(root + "/why/probabilities.svg", element: "rect", className: "probability")
    #expect(bars.wellFormed && bars.count == 10)
    let html = try String(contentsOfFile: root + "/why/explain.html", encoding: .utf8)
    for file in ["input.png", "preprocessed.png", "probabilities.svg"] { #expect(html.contains("src=\"\(file)\"")) }

    // Several images: one subdirectory each, named after the image.
    let several = try digits(
        [
            "classify", "--model", "models/tiny.safetensors", "--explain", "--out", "many",
            "samples",
        ], in: root)
    #expect(several.status == 0, "digits classify --explain failed: \(several.err)")
    #expect(several.out.split(separator: "\n").count == 2)
    let stem = String(image.dropLast(".png".count))
    #expect(FileManager.default.fileExists(atPath: root + "/many/\(stem)/explain.html"))

    // --explain without --out is a usage error.
    let usage = try digits(["classify", "--model", "models/tiny.safetensors", "--explain", "samples"], in: root)
    #expect(usage.status == 2)
}
