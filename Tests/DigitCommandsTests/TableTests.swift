import Testing

@testable import DigitCommands
import Model

/// The tables and lines of `digits evaluate`, the refusals' descriptions of files, and the
/// escaping of names shown to people.
@Suite struct TableTests {
    @Test func confusionTableHasRowColumnAndGrandTotals() {
        let matrix = ConfusionMatrix(labels: [0, 1, 2, 2], predictions: [0, 1, 2, 1], classes: 3)
        #expect(
            confusionTable(matrix).split(separator: "\n").map(String.init) == [
                "confusion matrix (rows: true digit, columns: predicted digit)",
                "true\\pred    0    1    2 | total",
                "        0    1    0    0 |     1",
                "        1    0    1    0 |     1",
                "        2    0    1    1 |     2",
                "-------------------------+------",
                "    total    1    2    1 |     4",
            ])
    }

    @Test func perClassTableRightAlignsPercentages() {
        let metrics = [ClassMetrics(label: 7, precision: 1, recall: 0.5, f1: 2.0 / 3, support: 12)]
        #expect(
            perClassTable(metrics) == "digit  precision   recall       f1  support\n"
                + "    7    100.00%   50.00%   66.67%       12")
    }

    @Test func mistakesTableListsIndexTruthPredictionConfidence() {
        let table = mistakesTable([Mistake(index: 42, label: 4, predicted: 9, confidence: 0.875)])
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[1] == "  index  true  predicted  confidence")
        #expect(lines[2].hasPrefix("     42     4          9"))
        #expect(lines[2].hasSuffix(Format.probability(0.875)))
    }

    @Test func describeNamesWhatAFileLooksLike() {
        #expect(OutputRules.describe([0x1F, 0x8B, 8]) == "gzip data, perhaps a data-set file")
        #expect(OutputRules.describe([0, 0, 0x08, 3]) == "IDX data, perhaps a data-set file")
        #expect(OutputRules.describe([0x89, 0x50, 0x4E, 0x47]) == "a PNG image")
        #expect(OutputRules.describe(Array("hello\n".utf8)) == "text")
        #expect(OutputRules.describe([0, 1, 2, 0xFF]) == "data of another kind")
    }

    @Test func checkpointsAreToldByTheirFormatTag() {
        let header = "{\"__metadata__\":{\"format\":\"\(Checkpoint.formatName)\"}}"
        let checkpoint = [UInt8](repeating: 0, count: 8) + Array(header.utf8)
        #expect(OutputRules.isCheckpoint(checkpoint))
        #expect(!OutputRules.isCheckpoint([UInt8](repeating: 0, count: 8) + Array("{\"a\":1}".utf8)))
        #expect(OutputRules.contains(Array("abcabd".utf8), "abd"))
        #expect(!OutputRules.contains(Array("ab".utf8), "abc"))
    }

    @Test func controlCharactersInNamesAreEscaped() {
        #expect(escapingControlCharacters("plain name.png") == "plain name.png")
        #expect(escapingControlCharacters("a\nb\u{1B}[2J\t\u{7F}") == "a\\nb\\e[2J\\t\\x7f")
    }

    @Test func defaultOutputsFollowTheModelsName() throws {
        #expect(try ExportModel.parse(["--model", "m/wide.safetensors"]).outputPath == "m/wide.onnx")
        #expect(
            try ExportModel.parse(["--model", "m/wide.safetensors", "--format", "safetensors-plain"]).outputPath
                == "m/wide.weights.safetensors")
        #expect(try ReportCommand.parse(["--model", "models/mnist.safetensors"]).directory == "reports/mnist")
        #expect(try ReportCommand.parse(["--out", "r/"]).directory == "r")
        #expect(try ReportCommand.parse(["--model", "models/"]).modelName == "model")
    }
}
