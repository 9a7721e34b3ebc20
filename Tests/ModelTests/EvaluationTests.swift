import Testing
@testable import Model

@Suite struct EvaluationTests {
    @Test func confusionMatrixCountsRowsAsTruthAndColumnsAsPrediction() {
        let matrix = ConfusionMatrix(labels: [0, 0, 1, 2, 2, 2], predictions: [0, 1, 1, 2, 2, 0], classes: 3)
        #expect(matrix.counts == [[1, 1, 0], [0, 1, 0], [1, 0, 2]])
        #expect(matrix.total == 6)
        #expect(matrix.correct == 4)
        #expect(abs(matrix.accuracy - 4.0 / 6.0) < 1e-12)
        #expect(matrix.rowTotals == [2, 1, 3])
        #expect(matrix.columnTotals == [2, 2, 2])
    }

    @Test func perClassMetricsFollowTheirDefinitions() {
        let matrix = ConfusionMatrix(labels: [0, 0, 1, 2, 2, 2], predictions: [0, 1, 1, 2, 2, 0], classes: 3)
        let metrics = matrix.perClass
        #expect(metrics[0].precision == 0.5 && metrics[0].recall == 0.5 && metrics[0].support == 2)
        #expect(metrics[1].precision == 0.5 && metrics[1].recall == 1.0)
        #expect(abs(metrics[1].f1 - 2.0 / 3.0) < 1e-12)
        #expect(metrics[2].precision == 1.0 && abs(metrics[2].recall - 2.0 / 3.0) < 1e-12)
    }

    @Test func emptyClassesGiveZeroNotNaN() {
        let metrics = ConfusionMatrix(labels: [0], predictions: [0], classes: 2).perClass
        #expect(metrics[1] == ClassMetrics(label: 1, precision: 0, recall: 0, f1: 0, support: 0))
    }

    @Test func mistakesAreSortedByConfidence() {
        let probabilities: [Float] = [
            0.9, 0.1,  // label 0, right
            0.6, 0.4,  // label 1, wrong at 0.6
            0.2, 0.8,  // label 0, wrong at 0.8
            0.7, 0.3,  // label 1, wrong at 0.7
        ]
        let mistakes = mostConfidentMistakes(
            probabilities: probabilities, labels: [0, 1, 0, 1], classes: 2, limit: 2)
        #expect(mistakes.map(\.index) == [2, 3])
        #expect(mistakes[0] == Mistake(index: 2, label: 0, predicted: 1, confidence: 0.8))
        #expect(argmaxRows(probabilities, classes: 2) == [0, 0, 1, 0])
    }
}
