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
    // A block of 3 neurons (columns 1...3) of a transposed first layer W₀ᵀ [6 inputs, 5 outputs].
    let (inputs, neurons, stride, first) = (6, 3, 5, 1)
    let columns: [Int32] = [0, 2, 5]
    let compact = TestData.uniform(3 * neurons, seed: 1)
    var w1 = TestData.uniform(inputs * stride, seed: 2)
    var v1 = TestData.uniform(inputs * stride, seed: 3)
    var w2 = w1
    var v2 = v1
    // Scatter (into a block; its old contents must not matter), v = μv + g, then the plain
    // update, row by row.
    var block = [Float](repeating: 7, count: inputs * neurons)
    scatter_rows_backward(
        compact, columns: columns, active: 3, &block, inputs: inputs, neurons: neurons, stride: neurons)
    for p in 0..<inputs {
        let c = columns.firstIndex(of: Int32(p))
        for j in 0..<neurons { #expect(block[p * neurons + j] == (c.map { compact[$0 * neurons + j] } ?? 0)) }
    }
    w1.withUnsafeMutableBufferPointer { w in
        v1.withUnsafeMutableBufferPointer { v in
            for p in 0..<inputs {
                for j in 0..<neurons {
                    v[p * stride + first + j] = 0.9 * v[p * stride + first + j] + block[p * neurons + j]
                }
                sgd_momentum_update(
                    w.baseAddress! + p * stride + first, velocity: v.baseAddress! + p * stride + first, count: neurons,
                    learningRate: 0.1, weightDecay: 0.01)
            }
        }
    }
    w2.withUnsafeMutableBufferPointer { w in
        v2.withUnsafeMutableBufferPointer { v in
            sgd_momentum_sparse_rows_update(
                w.baseAddress! + first, velocity: v.baseAddress! + first, compactGradient: compact, columns: columns,
                active: 3, inputs: inputs, neurons: neurons, stride: stride, learningRate: 0.1, momentum: 0.9,
                weightDecay: 0.01)
        }
    }
    #expect(w1 == w2)
    #expect(v1 == v2)
}

@Test func gatheredRowsAreTheActiveRowsOfTheBlock() {
    let (stride, neurons, first) = (5, 2, 3)
    let w = (0..<(4 * stride)).map(Float.init)  // W₀ᵀ [4, 5]
    let columns: [Int32] = [1, 3]
    var compact = [Float](repeating: -1, count: 2 * neurons)
    w.withUnsafeBufferPointer {
        gather_rows_forward(
            $0.baseAddress! + first, stride: stride, columns: columns, active: 2, &compact, neurons: neurons)
    }
    #expect(compact == [8, 9, 18, 19])
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
