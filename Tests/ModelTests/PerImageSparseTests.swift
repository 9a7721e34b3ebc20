import Testing
@testable import Model

// The per-image sparse first layer's kernels (PerImageSparseKernels.swift) against plain loops,
// on blocks wide enough for every tile width (64, 16 and single neurons) and offset inside a
// wider W₀ᵀ, and the trainer's per-image path against the dense one. The whole training step
// through these kernels is checked against the reference step by ReferenceStepTests.

/// A batch of `rows` images of `width` inputs with about `ink` non-zero values in [-1, 1) each,
/// at random places, as a dense `[rows, width]` array.
private func sparseInputs(rows: Int, width: Int, ink: Int, seed: UInt64) -> [Float] {
    var random = RandomState(seed: seed)
    var x = [Float](repeating: 0, count: rows * width)
    for r in 0..<rows {
        for _ in 0..<ink { x[r * width + random.nextInt(below: width)] = Float(random.nextUniform() * 2 - 1) }
    }
    return x
}

/// The ink and pixel lists of `x` `[rows, width]`, built by the trainer's kernels from bytes.
private func lists(
    bytes: [UInt8], rows: Int, width: Int, scale: Float, capacity: Int
) -> (
    inkCounts: [Int32], inkPixels: [Int32], inkValues: [Float], counts: [Int32], pixelRows: [Int32], values: [Float],
    total: Int
) {
    var (inkCounts, inkPixels, inkValues) = (
        [Int32](repeating: -1, count: rows), [Int32](repeating: -1, count: rows * width),
        [Float](repeating: -1, count: rows * width)
    )
    let indices = (0..<Int32(rows)).reversed().map { $0 }  // the batch in its own order: last image first
    let total = ink_lists_forward(
        bytes, indices: indices, rows: rows, width: width, scale: scale, counts: &inkCounts, pixels: &inkPixels,
        values: &inkValues)
    var (counts, pixelRows, values) = (
        [Int32](repeating: -1, count: width), [Int32](repeating: -1, count: width * capacity),
        [Float](repeating: -1, count: width * capacity)
    )
    // In two blocks of pixels, as two parts of a team build them.
    for (first, end) in [(0, width / 3), (width / 3, width)] {
        pixel_lists_forward(
            inkCounts: inkCounts, inkPixels: inkPixels, inkValues: inkValues, rows: rows, width: width, first: first,
            end: end, capacity: capacity, counts: &counts, pixelRows: &pixelRows, pixelValues: &values)
    }
    return (inkCounts, inkPixels, inkValues, counts, pixelRows, values, total)
}

@Test func inkAndPixelListsHoldEachImagesNonZeroPixels() {
    let (rows, width, capacity) = (5, 37, 8)
    var random = RandomState(seed: 4)
    let bytes = (0..<(rows * width)).map { _ in
        random.nextInt(below: 4) == 0 ? UInt8(1 + random.nextInt(below: 255)) : 0
    }
    let l = lists(bytes: bytes, rows: rows, width: width, scale: 0.5, capacity: capacity)
    var total = 0
    for r in 0..<rows {
        let image = rows - 1 - r
        let expected = (0..<width).filter { bytes[image * width + $0] != 0 }
        total += expected.count
        #expect(Int(l.inkCounts[r]) == expected.count)
        #expect(Array(l.inkPixels[(r * width)..<(r * width + expected.count)]) == expected.map { Int32($0) })
        #expect(
            Array(l.inkValues[(r * width)..<(r * width + expected.count)])
                == expected.map { Float(bytes[image * width + $0]) * 0.5 })
    }
    #expect(l.total == total)
    for p in 0..<width {
        let expected = (0..<rows).filter { bytes[(rows - 1 - $0) * width + p] != 0 }
        #expect(Int(l.counts[p]) == expected.count)
        #expect(Array(l.pixelRows[(p * capacity)..<(p * capacity + expected.count)]) == expected.map { Int32($0) })
        #expect(
            Array(l.values[(p * capacity)..<(p * capacity + expected.count)])
                == expected.map { Float(bytes[(rows - 1 - $0) * width + p]) * 0.5 })
    }
}

/// Every tile width: 64 + 16 + 3 neurons, starting at column 5 of a W₀ᵀ 100 wide.
private let (width, rows, stride, first, neurons) = (37, 9, 100, 5, 83)

/// The per-image lists of `x` `[rows, width]` (floats: the values are taken as they are).
private func floatLists(_ x: [Float]) -> (ink: [[(Int32, Float)]], pixel: [[(Int32, Float)]]) {
    let ink = (0..<rows).map { r in (0..<width).filter { x[r * width + $0] != 0 }.map { (Int32($0), x[r * width + $0]) }
    }
    let pixel = (0..<width).map { p in
        (0..<rows).filter { x[$0 * width + p] != 0 }.map { (Int32($0), x[$0 * width + p]) }
    }
    return (ink, pixel)
}

/// Lists `[[(index, value)]]` in the kernels' layout: counts, then indices and values `stride` apart.
private func packed(_ lists: [[(Int32, Float)]], stride: Int) -> (counts: [Int32], indices: [Int32], values: [Float]) {
    var (indices, values) = (
        [Int32](repeating: 0, count: lists.count * stride), [Float](repeating: 0, count: lists.count * stride)
    )
    for (i, list) in lists.enumerated() {
        for (k, entry) in list.enumerated() { (indices[i * stride + k], values[i * stride + k]) = entry }
    }
    return (lists.map { Int32($0.count) }, indices, values)
}

@Test func sparseRowsForwardMatchesAPlainLoop() {
    let x = sparseInputs(rows: rows, width: width, ink: 9, seed: 1)
    let w = TestData.uniform(width * stride, seed: 2)  // W₀ᵀ [width, stride]
    let ink = packed(floatLists(x).ink, stride: width)
    var z = [Float](repeating: 7, count: rows * stride)
    w.withUnsafeBufferPointer { w in
        z.withUnsafeMutableBufferPointer { z in
            sparse_rows_forward(
                counts: ink.counts, pixels: ink.indices, values: ink.values, listStride: width, rows: rows,
                w.baseAddress! + first, weightStride: stride, neurons: neurons, z.baseAddress! + first, zStride: stride)
        }
    }
    for r in 0..<rows {
        for j in 0..<stride {
            let inBlock = j >= first && j < first + neurons
            let plain = (0..<width).reduce(0.0) { $0 + Double(x[r * width + $1]) * Double(w[$1 * stride + j]) }
            #expect(
                inBlock ? abs(Double(z[r * stride + j]) - plain) < 1e-5 : z[r * stride + j] == 7, "row \(r) neuron \(j)"
            )
        }
    }
}

@Test(arguments: [Float(0), 0.9])
func sparseColumnsBackwardMatchesAPlainLoop(beta: Float) {
    let x = sparseInputs(rows: rows, width: width, ink: 9, seed: 3)
    let dz = TestData.uniform(rows * stride, seed: 4)
    let before = TestData.uniform(width * stride, seed: 5)
    let pixel = packed(floatLists(x).pixel, stride: rows)
    var target = before
    dz.withUnsafeBufferPointer { dz in
        target.withUnsafeMutableBufferPointer { t in
            sparse_columns_backward(
                counts: pixel.counts, rows: pixel.indices, values: pixel.values, listStride: rows, width: width,
                dz.baseAddress! + first, dzStride: stride, neurons: neurons, t.baseAddress! + first,
                targetStride: stride, beta: beta)
        }
    }
    for p in 0..<width {
        for j in 0..<stride {
            let i = p * stride + j
            guard j >= first && j < first + neurons else {
                #expect(target[i] == before[i])
                continue
            }
            let gradient = (0..<rows).reduce(0.0) { $0 + Double(x[$1 * width + p]) * Double(dz[$1 * stride + j]) }
            #expect(
                abs(Double(target[i]) - (Double(beta) * Double(before[i]) + gradient)) < 1e-5, "pixel \(p) neuron \(j)")
        }
    }
}

@Test func sparseColumnsMomentumUpdateEqualsBackwardThenUpdate() {
    let x = sparseInputs(rows: rows, width: width, ink: 9, seed: 6)
    let dz = TestData.uniform(rows * stride, seed: 7)
    let pixel = packed(floatLists(x).pixel, stride: rows)
    var (w1, v1) = (TestData.uniform(width * stride, seed: 8), TestData.uniform(width * stride, seed: 9))
    var (w2, v2) = (w1, v1)
    dz.withUnsafeBufferPointer { dz in
        w1.withUnsafeMutableBufferPointer { w in
            v1.withUnsafeMutableBufferPointer { v in
                sparse_columns_backward(
                    counts: pixel.counts, rows: pixel.indices, values: pixel.values, listStride: rows, width: width,
                    dz.baseAddress! + first, dzStride: stride, neurons: neurons, v.baseAddress! + first,
                    targetStride: stride, beta: 0.9)
                for p in 0..<width {
                    sgd_momentum_update(
                        w.baseAddress! + p * stride + first, velocity: v.baseAddress! + p * stride + first,
                        count: neurons, learningRate: 0.1, weightDecay: 0.01)
                }
            }
        }
        w2.withUnsafeMutableBufferPointer { w in
            v2.withUnsafeMutableBufferPointer { v in
                sparse_columns_momentum_update(
                    counts: pixel.counts, rows: pixel.indices, values: pixel.values, listStride: rows, width: width,
                    dz.baseAddress! + first, dzStride: stride, neurons: neurons, w.baseAddress! + first,
                    velocity: v.baseAddress! + first, stride: stride, learningRate: 0.1, momentum: 0.9,
                    weightDecay: 0.01)
            }
        }
    }
    #expect(w1 == w2)
    #expect(v1 == v2)
}

@Test func transposingTwiceRestoresTheMatrix() {
    let (r, c) = (19, 37)
    let a = TestData.uniform(r * c, seed: 10)
    var t = [Float](repeating: 0, count: r * c)
    var back = t
    transpose_forward(a, rows: r, columns: c, &t)
    transpose_forward(t, rows: c, columns: r, &back)
    #expect(t[5 * r + 3] == a[3 * c + 5])
    #expect(back == a)
}

@Test(arguments: [false, true])
func perImagePathTrainsLikeTheDensePath(nesterov: Bool) throws {
    // 64-pixel images with about 6 non-zero pixels each, anywhere: a batch of 20 leaves most
    // columns active (so no column skipping), but its ~120 non-zero pixels are far fewer than
    // 0.35 × 20 × its active columns, so the trainer takes the per-image path; 90 hidden neurons
    // exercise every tile width (one thread: 64 + 16 + 10; two: 48 and 42).
    var examples = TestData.blobs(count: 200, width: 64, classes: 3, seed: 4)
    var random = RandomState(seed: 11)
    for n in 0..<200 {
        for p in 0..<64 where random.nextInt(below: 10) != 0 { examples.images[n * 64 + p] = 0 }
    }
    var settings = TrainingSettings()
    settings.epochs = 2
    settings.batchSize = 20
    settings.validationCount = 20
    settings.nesterov = nesterov
    settings.weightDecay = 1e-3
    for threads in [1, 2] {
        settings.threads = threads
        let architecture = Architecture(inputSize: 64, hiddenSizes: [90], classCount: 3)
        var dense = settings
        dense.skipBlankInputs = false
        let difference = try trainSideBySide(architecture, settings, dense, examples: examples).difference
        #expect(difference < 1e-4, "\(threads) threads")
    }
}
