import Foundation
import Testing
import IDX

/// The directory holding the real MNIST files, if any: `$MNIST_DIR`, else `data/mnist` in the
/// package root (found from this file's path) when it holds the training images.
private let realMNISTDirectory: String? = {
    if let directory = ProcessInfo.processInfo.environment["MNIST_DIR"], !directory.isEmpty {
        return directory
    }
    let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let directory = packageRoot.appendingPathComponent("data/mnist").path
    let found = ["", ".gz"].contains { suffix in
        FileManager.default.fileExists(
            atPath: directory + "/" + MNISTSplit.train.imagesFileName + suffix)
    }
    return found ? directory : nil
}()

/// How many examples of each digit 0...9 the labels hold.
private func digitCounts(_ labels: [UInt8]) -> [Int] {
    var counts = Array(repeating: 0, count: 10)
    for label in labels { counts[Int(label)] += 1 }
    return counts
}

@Test(.enabled(if: realMNISTDirectory != nil, "real MNIST not found (set MNIST_DIR)"))
func realMNISTTrainingSplit() throws {
    let train = try MNISTDataset(directory: realMNISTDirectory ?? "", split: .train)
    #expect(train.count == 60_000)
    #expect(train.images.count == 60_000 * 784)
    #expect(digitCounts(train.labels) == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949])
    #expect(train.labels.prefix(5) == [5, 0, 4, 1, 9])
}

@Test(.enabled(if: realMNISTDirectory != nil, "real MNIST not found (set MNIST_DIR)"))
func realMNISTTestSplit() throws {
    let test = try MNISTDataset(directory: realMNISTDirectory ?? "", split: .test)
    #expect(test.count == 10_000)
    #expect(test.images.count == 10_000 * 784)
    #expect(digitCounts(test.labels) == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])
    #expect(test.labels.prefix(5) == [7, 2, 1, 0, 4])
}
