// Writes sample charts to a directory for a person to look at; runs only when asked:
//   REPORT_SAMPLES_DIR=/tmp/report-samples swift test --filter ReportTests.writeSamples

import Foundation
import Testing
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

func sampleHistory(epochs: Int) -> [EpochPoint] {
    (1...epochs).map { e in
        let d = Double(e)
        return EpochPoint(epoch: e, loss: 0.45 / d + 0.03, trainAccuracy: 1 - 0.08 / d - 0.004,
                          validationAccuracy: 1 - 0.07 / d - 0.02)
    }
}

@Test(.enabled(if: ProcessInfo.processInfo.environment["REPORT_SAMPLES_DIR"] != nil))
func writeSamples() throws {
    let dir = ProcessInfo.processInfo.environment["REPORT_SAMPLES_DIR"] ?? "/tmp"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
    }
    try write("curves.svg", learningCurveSVG(sampleHistory(epochs: 12)))
    try write("curves1.svg", learningCurveSVG(sampleHistory(epochs: 1)))
    try write("curves-empty.svg", learningCurveSVG([]))
    try write("confusion.svg", confusionMatrixSVG(sampleConfusion()))
    let precision = (0..<10).map { 0.96 + Double(($0 * 3) % 7) * 0.005 }
    let recall = (0..<10).map { 0.955 + Double(($0 * 5) % 7) * 0.006 }
    try write("perclass.svg", perClassBarsSVG(precision: precision, recall: recall))
    try write("perclass-full.svg", perClassBarsSVG(precision: precision, recall: recall, zoomed: false))
    try write("probability.svg", probabilitySVG([0.01, 0.002, 0.05, 0.001, 0.0, 0.003, 0.0001, 0.88, 0.004, 0.05]))
}
