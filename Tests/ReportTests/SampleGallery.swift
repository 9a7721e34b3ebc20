// Writes sample charts to a directory for a person to look at; runs only when asked:
//   REPORT_SAMPLES_DIR=/tmp/report-samples swift test --filter ReportTests.writeSamples

import Foundation
import Imaging
import Testing
import Model
@testable import Report

/// A plausible 10-class confusion matrix for ~10 000 test images.
func sampleConfusion() -> [[Int]] {
    let support = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
    return (0..<10).map { t in
        var row = [Int](repeating: 0, count: 10)
        var left = support[t]
        for p in 0..<10 where p != t {
            let confusion = ((t * 7 + p * 3) % 11 == 0) ? 14 : (t + p) % 4
            row[p] = confusion
            left -= confusion
        }
        row[t] = left
        return row
    }
}

func sampleHistory(epochs: Int) -> [EpochStatistics] {
    (1...epochs).map { e in
        let d = Double(e)
        return EpochStatistics(
            epoch: e, loss: 0.45 / d + 0.03, trainAccuracy: 1 - 0.08 / d - 0.004,
            validationAccuracy: 1 - 0.07 / d - 0.02, seconds: 2, samplesPerSecond: 27_500, learningRate: 0.1)
    }
}

@Test(.enabled(if: ProcessInfo.processInfo.environment["REPORT_SAMPLES_DIR"] != nil))
func writeSamples() throws {
    let dir = ProcessInfo.processInfo.environment["REPORT_SAMPLES_DIR"] ?? "/tmp"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
    }
    try write("curves.svg", learningCurveSVG(sampleHistory(epochs: 12), loss: .crossEntropy))
    try write("curves1.svg", learningCurveSVG(sampleHistory(epochs: 1), loss: .crossEntropy))
    try write("curves-empty.svg", learningCurveSVG([], loss: .crossEntropy))
    try write("confusion.svg", confusionMatrixSVG(sampleConfusion()))
    let precision = (0..<10).map { 0.96 + Double(($0 * 3) % 7) * 0.005 }
    let recall = (0..<10).map { 0.955 + Double(($0 * 5) % 7) * 0.006 }
    try write("perclass.svg", perClassBarsSVG(precision: precision, recall: recall))
    try write("perclass-full.svg", perClassBarsSVG(precision: precision, recall: recall, zoomed: false))
    try write("probability.svg", probabilitySVG([0.01, 0.002, 0.05, 0.001, 0.0, 0.003, 0.0001, 0.88, 0.004, 0.05]))
}

/// Writes `picture` as binary PPM (P6), a format any viewer converts; for eyeballing only.
func writePPM(_ picture: RGBImage, to path: String) throws {
    var data = Data("P6\n\(picture.width) \(picture.height)\n255\n".utf8)
    data.append(contentsOf: picture.pixels)
    try data.write(to: URL(fileURLWithPath: path))
}

/// A crude synthetic digit: a ring ("0") or a bar ("1") of ink on a 28 × 28 canvas.
func syntheticDigit(_ kind: Int, shift: Int = 0) -> [UInt8] {
    (0..<784).map { i in
        let x = Double(i % 28 - 14 - shift), y = Double(i / 28 - 14)
        let r = (x * x / 36 + y * y / 81).squareRoot()
        let ink = kind % 2 == 0 ? max(0, 1 - abs(r - 1) * 4) : max(0, 1 - abs(x) / 2.5) * (abs(y) < 10 ? 1 : 0)
        return UInt8(min(255, ink * 255))
    }
}

@Test(.enabled(if: ProcessInfo.processInfo.environment["REPORT_SAMPLES_DIR"] != nil))
func writeRasterSamples() throws {
    let dir = ProcessInfo.processInfo.environment["REPORT_SAMPLES_DIR"] ?? "/tmp"
    let images = (0..<23).map { syntheticDigit($0, shift: $0 % 5 - 2) }
    let layout = TileLayout(columns: 8)
    let frames: [RGB?] = (0..<23).map { $0 % 3 == 0 ? Palette.vermillion : nil }
    try writePPM(imageGrid(images, layout: layout, frames: frames), to: dir + "/grid.ppm")
    let weights: [Float] =
        (0..<(20 * 784)).map { i in
            let unit = i / 784, x = Float(i % 28) - 14, y = Float(i % 784 / 28) - 14
            return sin(x * 0.3 + Float(unit)) * cos(y * 0.2 * Float(unit % 4 + 1)) * Float(unit + 1) * 0.01
        } + [Float](repeating: 0, count: 784)
    try writePPM(weightTiles(weights, units: 21), to: dir + "/weights.ppm")
    let page = reportIndexHTML(
        ReportContent(
            title: "digits report <test>", summary: "Checkpoint model.safetensors on the MNIST test set.",
            accuracy: 0.9785, count: 10000, confusion: sampleConfusion(),
            perClass: (0..<10).map { ClassMetrics(label: $0, precision: 0.97, recall: 0.98, f1: 0.975, support: 1000) },
            settings: [ReportSetting("learning rate", "0.1"), ReportSetting("hidden units", "128")],
            figures: [
                ReportFigure(title: "Learning curves", file: "curves.svg", alt: "Loss and accuracy per epoch"),
                ReportFigure(title: "Confusion matrix", file: "confusion.svg", alt: "Heatmap"),
                ReportFigure(title: "Precision and recall", file: "perclass.svg", alt: "Bars"),
                ReportFigure(
                    title: "First-layer weights", file: "weights.png", alt: "Tiles",
                    caption: "Blue negative, red positive.", pixelated: true),
            ],
            mistakes: MistakesGallery(
                imageFile: "grid.png", layout: layout,
                captions: (0..<23).map {
                    Mistake(
                        index: $0 * 37, label: $0 % 10, predicted: ($0 + 3) % 10,
                        confidence: Float(0.5 + Double($0) / 50))
                })))
    try page.html.write(toFile: dir + "/index.html", atomically: true, encoding: .utf8)
    let explain = explainPage(
        title: "digit.png", inputImageFile: "grid.png", preprocessedImageFile: "weights.png",
        probabilityChartFile: "probability.svg",
        probabilities: [0.01, 0.002, 0.05, 0.001, 0, 0.003, 0.0001, 0.88, 0.004, 0.05])
    try explain.html.write(toFile: dir + "/explain.html", atomically: true, encoding: .utf8)
}
