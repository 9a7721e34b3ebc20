import Foundation

/// How well a classifier's confidence matches its accuracy: its examples sorted into equal-width
/// bins of confidence (the probability of the predicted class), with each bin's mean confidence
/// and accuracy. A calibrated classifier is right 90% of the time when it says 90%.
///
///     let bins = ReliabilityBins(probabilities: p, labels: labels)   // p `[n, 10]`
///     bins.expectedCalibrationError                                  // 0.004: 0.4 points
public struct ReliabilityBins: Equatable, Sendable, Codable {
    /// The number of bins of the usual expected calibration error (Guo et al. 2017).
    public static let standardCount = 15

    /// `[bins]` examples whose confidence falls in bin b: [b/bins, (b+1)/bins) (the last bin
    /// includes 1).
    public private(set) var counts: [Int]
    /// `[bins]` the sum of those examples' confidences.
    public private(set) var confidenceSums: [Double]
    /// `[bins]` how many of them are classified right.
    public private(set) var correct: [Int]

    /// The bins of `probabilities` `[n, classes]` (row-major) against `labels` `[n]`.
    public init(probabilities: [Float], labels: [UInt8], classes: Int = 10, bins: Int = standardCount) {
        let bins = max(1, bins)
        counts = Array(repeating: 0, count: bins)
        confidenceSums = Array(repeating: 0, count: bins)
        correct = Array(repeating: 0, count: bins)
        let predictions = argmaxRows(probabilities, classes: classes)
        for (r, predicted) in predictions.enumerated() where r < labels.count {
            let confidence = Double(probabilities[r * classes + predicted])
            let b = min(bins - 1, max(0, Int(confidence * Double(bins))))
            counts[b] += 1
            confidenceSums[b] += confidence
            if predicted == Int(labels[r]) { correct[b] += 1 }
        }
    }

    /// Examples counted.
    public var total: Int { counts.reduce(0, +) }

    /// `[bins]` mean confidence per bin (0 for an empty bin).
    public var meanConfidence: [Double] {
        counts.indices.map { counts[$0] == 0 ? 0 : confidenceSums[$0] / Double(counts[$0]) }
    }

    /// `[bins]` accuracy per bin, in [0, 1] (0 for an empty bin).
    public var accuracy: [Double] {
        counts.indices.map { counts[$0] == 0 ? 0 : Double(correct[$0]) / Double(counts[$0]) }
    }

    /// The expected calibration error: Σ_b (n_b / n) · |accuracy_b − confidence_b|, in [0, 1]
    /// (0 for no examples).
    public var expectedCalibrationError: Double {
        let n = Double(total)
        guard n > 0 else { return 0 }
        return counts.indices.reduce(0) { sum, b in
            sum + abs(Double(correct[b]) - confidenceSums[b]) / n
        }
    }
}

/// Temperature scaling (Guo et al. 2017): the one scalar T > 0 that makes softmax(logits / T)
/// best calibrated on held-out examples, by minimising their negative log-likelihood. It leaves
/// every prediction unchanged (dividing by T keeps the order of the logits) and only moves the
/// confidences: T > 1 softens an overconfident network.
public enum TemperatureFit {
    /// The temperatures searched: T in [1/1000, 1000].
    static let inverseRange = (low: log(1e-3), high: log(1e3))

    /// Mean negative log-likelihood (nats) of `labels` `[n]` under softmax(`logits` / T), with
    /// `logits` `[n, classes]`.
    public static func negativeLogLikelihood(
        logits: [Float], labels: [UInt8], classes: Int = 10, temperature: Double
    ) -> Double {
        let (value, _) = objective(logits: logits, labels: labels, classes: classes, inverse: 1 / temperature)
        return value
    }

    /// The temperature minimising the mean negative log-likelihood of `labels` `[n]` under
    /// softmax(`logits` / T), `logits` `[n, classes]`: 1 if there are no examples. The NLL is
    /// convex in β = 1/T (its derivative, the mean over examples of E_softmax[z] − z_label, only
    /// grows), so the derivative's zero is found by bisection on log β.
    public static func fit(logits: [Float], labels: [UInt8], classes: Int = 10) -> Float {
        guard classes > 0, logits.count >= classes, labels.count >= logits.count / classes else { return 1 }
        var (low, high) = inverseRange
        for _ in 0..<60 {
            let middle = (low + high) / 2
            let (_, slope) = objective(logits: logits, labels: labels, classes: classes, inverse: exp(middle))
            if slope < 0 { low = middle } else { high = middle }
        }
        return Float(1 / exp((low + high) / 2))
    }

    /// The mean NLL at β = `inverse` and its derivative in β.
    private static func objective(
        logits: [Float], labels: [UInt8], classes: Int, inverse beta: Double
    ) -> (value: Double, slope: Double) {
        let n = logits.count / classes
        guard n > 0 else { return (0, 0) }
        var (value, slope) = (0.0, 0.0)
        for r in 0..<n where Int(labels[r]) < classes {
            let row = r * classes
            var largest = -Double.infinity
            for k in 0..<classes { largest = max(largest, beta * Double(logits[row + k])) }
            var (sum, weighted) = (0.0, 0.0)
            for k in 0..<classes {
                let z = Double(logits[row + k])
                let e = exp(beta * z - largest)
                sum += e
                weighted += e * z
            }
            let label = Double(logits[row + Int(labels[r])])
            value += largest + log(sum) - beta * label
            slope += weighted / sum - label
        }
        return (value / Double(n), slope / Double(n))
    }
}
