/// How a classifier did on a labelled set: the confusion matrix and what follows from it.
///
/// `counts[t][p]` is the number of examples whose true class is `t` and predicted class is `p`
/// (rows = true class, columns = prediction), so a perfect classifier has only a diagonal.
public struct ConfusionMatrix: Equatable, Sendable, Codable {
    /// `[classes, classes]` counts, rows = true class, columns = predicted class.
    public private(set) var counts: [[Int]]

    /// An empty matrix for `classes` classes (10 for digits).
    public init(classes: Int = 10) {
        counts = Array(repeating: Array(repeating: 0, count: classes), count: classes)
    }

    /// Builds the matrix from parallel arrays of true and predicted classes (each `[n]`, values in
    /// `0..<classes`; others are ignored).
    public init(labels: [UInt8], predictions: [Int], classes: Int = 10) {
        self.init(classes: classes)
        for (label, predicted) in zip(labels, predictions) {
            add(label: Int(label), predicted: predicted)
        }
    }

    /// The number of classes.
    public var classes: Int { counts.count }

    /// Counts one example; out-of-range classes are ignored.
    public mutating func add(label: Int, predicted: Int) {
        guard counts.indices.contains(label), counts.indices.contains(predicted) else { return }
        counts[label][predicted] += 1
    }

    /// Number of examples counted.
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

    /// Number of examples on the diagonal.
    public var correct: Int { counts.indices.reduce(0) { $0 + counts[$1][$1] } }

    /// Fraction of examples classified correctly, in [0, 1] (0 when empty).
    public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }

    /// Examples per true class (row sums), `[classes]`.
    public var rowTotals: [Int] { counts.map { $0.reduce(0, +) } }

    /// Examples per predicted class (column sums), `[classes]`.
    public var columnTotals: [Int] {
        counts.indices.map { column in counts.reduce(0) { $0 + $1[column] } }
    }

    /// Precision, recall, F1 and support for each class, in class order.
    public var perClass: [ClassMetrics] {
        let rows = rowTotals
        let columns = columnTotals
        return counts.indices.map { c in
            let hits = Double(counts[c][c])
            let precision = columns[c] == 0 ? 0 : hits / Double(columns[c])
            let recall = rows[c] == 0 ? 0 : hits / Double(rows[c])
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            return ClassMetrics(
                label: c, precision: precision, recall: recall, f1: f1, support: rows[c])
        }
    }
}

/// Per-class quality figures, each in [0, 1]; `support` is the number of true examples of the class.
public struct ClassMetrics: Equatable, Sendable, Codable {
    /// The class (the digit).
    public var label: Int
    /// Of the examples predicted as this class, the fraction that are this class.
    public var precision: Double
    /// Of the examples of this class, the fraction predicted as this class.
    public var recall: Double
    /// Harmonic mean of precision and recall.
    public var f1: Double
    /// Number of examples of this class.
    public var support: Int

    /// Creates a value from its fields (see the properties for units).
    public init(label: Int, precision: Double, recall: Double, f1: Double, support: Int) {
        self.label = label
        self.precision = precision
        self.recall = recall
        self.f1 = f1
        self.support = support
    }
}

/// One misclassified example: where it is, what it is, and what the network said, how surely.
public struct Mistake: Equatable, Sendable, Codable {
    /// Index of the example in its data set.
    public var index: Int
    /// The true class.
    public var label: Int
    /// The predicted class (the most probable).
    public var predicted: Int
    /// The probability given to `predicted`, in [0, 1].
    public var confidence: Float

    /// Creates a value from its fields (see the properties for units).
    public init(index: Int, label: Int, predicted: Int, confidence: Float) {
        self.index = index
        self.label = label
        self.predicted = predicted
        self.confidence = confidence
    }
}

/// The most probable class of each row of `probabilities` (`[n, classes]`, row-major), `[n]`.
/// Ties go to the lowest class.
public func argmaxRows(_ probabilities: [Float], classes: Int = 10) -> [Int] {
    guard classes > 0 else { return [] }
    let n = probabilities.count / classes
    var result = [Int](repeating: 0, count: n)
    for row in 0..<n {
        var best = 0
        var bestValue = probabilities[row * classes]
        for c in 1..<classes where probabilities[row * classes + c] > bestValue {
            best = c
            bestValue = probabilities[row * classes + c]
        }
        result[row] = best
    }
    return result
}

/// The `limit` misclassified examples with the highest confidence in their wrong answer, most
/// confident first (ties: lower index first).
///
/// - Parameters:
///   - probabilities: `[n, classes]` predicted probabilities, row-major.
///   - labels: `[n]` true classes.
///   - classes: the number of classes (columns of `probabilities`).
///   - limit: how many mistakes to return at most.
public func mostConfidentMistakes(
    probabilities: [Float], labels: [UInt8], classes: Int = 10, limit: Int
) -> [Mistake] {
    let predictions = argmaxRows(probabilities, classes: classes)
    var mistakes: [Mistake] = []
    for (index, predicted) in predictions.enumerated()
    where index < labels.count && Int(labels[index]) != predicted {
        mistakes.append(
            Mistake(
                index: index, label: Int(labels[index]), predicted: predicted,
                confidence: probabilities[index * classes + predicted]))
    }
    mistakes.sort { ($0.confidence, -$0.index) > ($1.confidence, -$1.index) }
    return Array(mistakes.prefix(max(0, limit)))
}
