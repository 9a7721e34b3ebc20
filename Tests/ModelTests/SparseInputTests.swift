import Testing
@testable import Model

// Skipping blank pixel columns must give the same numbers as the dense path, up to rounding.

@Test func activeColumnsAreThoseNonZeroInSomeImage() {
    let images: [UInt8] = [0, 5, 0, 0, 0, 0, 0, 7, 0, 0, 9, 0]  // 3 images of 4 pixels
    let indices: [Int32] = [0, 2]
    var mask = [UInt8](repeating: 0, count: 4)
    var columns = [Int32](repeating: -1, count: 4)
    let active = mask.withUnsafeMutableBufferPointer { m in
        columns.withUnsafeMutableBufferPointer { c in
            active_columns_forward(
                images, indices: indices, rows: 2, width: 4,
                mask: m.baseAddress!, columns: c.baseAddress!)
        }
    }
    #expect(active == 2)
    #expect(Array(columns[0..<2]) == [1, 2])
}

@Test func sparseMomentumUpdateEqualsScatterThenUpdate() {
    let (outputs, width) = (3, 6)
    let columns: [Int32] = [0, 2, 5]
    let compact = TestData.uniform(outputs * 3, seed: 1)
    var w1 = TestData.uniform(outputs * width, seed: 2)
    var v1 = TestData.uniform(outputs * width, seed: 3)
    var w2 = w1
    var v2 = v1
    w1.withUnsafeMutableBufferPointer { w in
        v1.withUnsafeMutableBufferPointer { v in
            scatter_columns_backward(
                compact, columns: columns, active: 3, v.baseAddress!,
                outputs: outputs, width: width, beta: 0.9)
            sgd_momentum_update(
                w.baseAddress!, velocity: v.baseAddress!, count: outputs * width,
                learningRate: 0.1, weightDecay: 0.01)
        }
    }
    w2.withUnsafeMutableBufferPointer { w in
        v2.withUnsafeMutableBufferPointer { v in
            var row = [Float](repeating: 7, count: width)  // scratch: its old contents must not matter
            sgd_momentum_sparse_update(
                w.baseAddress!, velocity: v.baseAddress!, compactGradient: compact, columns: columns,
                active: 3, outputs: outputs, width: width, learningRate: 0.1, momentum: 0.9,
                weightDecay: 0.01, row: &row)
        }
    }
    #expect(w1 == w2)
    #expect(v1 == v2)
}

@Test(arguments: [false, true])
func skippingBlankPixelsTrainsLikeTheDensePath(nesterov: Bool) throws {
    // Images whose first 30 of 60 pixels are always blank.
    var examples = TestData.blobs(count: 200, width: 60, classes: 3, seed: 4)
    for n in 0..<200 { for p in 0..<30 { examples.images[n * 60 + p] = 0 } }
    var settings = TrainingSettings()
    settings.epochs = 2
    settings.batchSize = 20
    settings.validationCount = 20
    settings.nesterov = nesterov
    settings.weightDecay = 1e-3
    let architecture = Architecture(inputSize: 60, hiddenSizes: [10], classCount: 3)
    var dense = settings
    dense.skipBlankInputs = false
    let difference = try trainSideBySide(architecture, settings, dense, examples: examples).difference
    #expect(difference < 1e-4)
}

@Test func twoThreadsTrainLikeOne() throws {
    // A first layer wide enough (≥ 128 rows) for every part of the step to split across the team.
    // The threads' blocks make BLAS see smaller products, which may round differently (so weights
    // are bit-identical only for the same `threads` setting), but the arithmetic is the same.
    var examples = TestData.blobs(count: 120, width: 60, classes: 3, seed: 6)
    for n in 0..<120 { for p in 0..<20 { examples.images[n * 60 + p] = 0 } }
    var settings = TrainingSettings()
    settings.epochs = 2
    settings.batchSize = 32
    settings.validationCount = 20
    let architecture = Architecture(inputSize: 60, hiddenSizes: [140], classCount: 3)
    var one = settings
    one.threads = 1
    let (a, b, difference) = try trainSideBySide(architecture, settings, one, examples: examples)
    #expect(difference < 1e-5)
    #expect(a.history.map(\.trainAccuracy) == b.history.map(\.trainAccuracy))
}
