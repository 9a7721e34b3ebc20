import Foundation
import Testing
@testable import Model

// Each fast kernel against its plain reference.

@Test(arguments: [(Transpose.no, Transpose.no), (.no, .yes), (.yes, .no), (.yes, .yes)])
func gemmMatchesReference(transposes: (Transpose, Transpose)) {
    let (m, n, k) = (5, 7, 3)
    let a = TestData.uniform(m * k, seed: 1)
    let b = TestData.uniform(k * n, seed: 2)
    var expected = TestData.uniform(m * n, seed: 3)
    var c = expected
    gemmReference(transposes.0, transposes.1, m: m, n: n, k: k, alpha: 0.5, a, b, beta: 0.9, &expected)
    a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
            c.withUnsafeMutableBufferPointer { c in
                gemm(
                    transposes.0, transposes.1, m: m, n: n, k: k, alpha: 0.5, a.baseAddress!,
                    b.baseAddress!, beta: 0.9, c.baseAddress!)
            }
        }
    }
    #expect(zip(c, expected).allSatisfy { abs($0 - $1) < 1e-5 })
}

@Test(arguments: Activation.allCases)
func biasActivationMatchesFormula(activation: Activation) {
    let (rows, width) = (3, 17)
    var z = TestData.uniform(rows * width, seed: 4).map { $0 * 3 }
    let original = z
    let bias = TestData.uniform(width, seed: 5)
    var a = [Float](repeating: 0, count: rows * width)
    z.withUnsafeMutableBufferPointer { z in
        a.withUnsafeMutableBufferPointer { a in
            bias.withUnsafeBufferPointer { b in
                bias_activation_forward(
                    z.baseAddress!, a.baseAddress!, bias: b.baseAddress!,
                    rows: rows, width: width, stride: width, activation: activation, slope: 0.3)
            }
        }
    }
    for i in 0..<(rows * width) {
        let expectedZ = Double(original[i]) + Double(bias[i % width])
        #expect(abs(Double(z[i]) - expectedZ) < 1e-6)
        #expect(abs(Double(a[i]) - referenceActivation(expectedZ, activation, slope: 0.3)) < 1e-5)
    }
}

@Test(arguments: Activation.allCases.filter(\.isTrainable))
func activationBackwardMatchesDerivative(activation: Activation) {
    let count = 40
    let z = TestData.uniform(count, seed: 6).map { $0 * 3 }
    let a = z.map { activation.value($0, slope: 0.3) }
    let upstream = TestData.uniform(count, seed: 7)
    var grad = upstream
    grad.withUnsafeMutableBufferPointer { g in
        activation_backward(g.baseAddress!, z: z, a: a, count: count, activation: activation, slope: 0.3)
    }
    for i in 0..<count {
        // Central difference of the Float64 formula.
        let h = 1e-6
        let slope =
            (referenceActivation(Double(z[i]) + h, activation, slope: 0.3)
                - referenceActivation(Double(z[i]) - h, activation, slope: 0.3)) / (2 * h)
        #expect(abs(Double(grad[i]) - Double(upstream[i]) * slope) < 1e-4)
    }
}

@Test func biasBackwardSumsColumns() {
    let dz: [Float] = [1, 2, 3, 4, 5, 6]  // [2, 3]
    var db: [Float] = [10, 20, 30]
    db.withUnsafeMutableBufferPointer { bias_backward(dz, $0.baseAddress!, rows: 2, width: 3, stride: 3, beta: 0.5) }
    #expect(db == [10, 17, 24])
    // A block of columns (the last two) of the same matrix: rows 3 apart.
    var block: [Float] = [1, 1]
    dz.withUnsafeBufferPointer { dz in
        block.withUnsafeMutableBufferPointer {
            bias_backward(dz.baseAddress! + 1, $0.baseAddress!, rows: 2, width: 2, stride: 3, beta: 0)
        }
    }
    #expect(block == [7, 9])
}

@Test func crossEntropyIsStableAndMatchesReference() {
    // Huge logits would overflow a naive exp.
    let logits: [Float] = [1000, 999, 998, -5, 0, 5]
    let labels: [UInt8] = [0, 2]
    var gradient = [Float](repeating: 0, count: 6)
    let result = gradient.withUnsafeMutableBufferPointer { g in
        softmax_cross_entropy_forward_backward(
            logits, labels: labels, g.baseAddress!, rows: 2, classes: 3,
            gradientScale: 0.5)
    }
    var reference: [Double] = []
    for r in 0..<2 {
        let z: [Double] = logits[(r * 3)..<(r * 3 + 3)].map(Double.init)
        let m = z.max() ?? 0
        let sum = z.map { Foundation.exp($0 - m) }.reduce(0, +)
        reference.append(Foundation.log(sum) + m - z[Int(labels[r])])
    }
    #expect(abs(result.lossSum - reference.reduce(0, +)) < 1e-4)
    #expect(result.correct == 2)
    #expect(gradient.allSatisfy { $0.isFinite })
    // Each row of p − y sums to zero.
    #expect(abs(gradient[0] + gradient[1] + gradient[2]) < 1e-6)
}

@Test func sgdUpdatesFollowPyTorch() {
    // Classical: the velocity already holds μv + g.
    var w: [Float] = [1, 2]
    var v: [Float] = [0.5, -1]
    w.withUnsafeMutableBufferPointer { w in
        v.withUnsafeMutableBufferPointer { v in
            sgd_momentum_update(
                w.baseAddress!, velocity: v.baseAddress!, count: 2, learningRate: 0.1, weightDecay: 0.01)
        }
    }
    #expect(v == [0.5 + 0.01, -1 + 0.02])
    #expect(zip(w, [1 - 0.1 * 0.51, 2 - 0.1 * -0.98]).allSatisfy { abs($0 - $1) < 1e-6 })
    // Nesterov: g' = g + wd·w; v = μv + g'; w -= lr(g' + μv).
    var w2: [Float] = [1]
    var v2: [Float] = [0.2]
    let g: [Float] = [0.3]
    w2.withUnsafeMutableBufferPointer { w in
        v2.withUnsafeMutableBufferPointer { v in
            sgd_nesterov_update(
                w.baseAddress!, velocity: v.baseAddress!, gradient: g, count: 1,
                learningRate: 0.1, momentum: 0.9, weightDecay: 0.1)
        }
    }
    let gPrime: Float = 0.3 + 0.1
    let vNew: Float = 0.9 * 0.2 + gPrime
    #expect(abs(v2[0] - vNew) < 1e-6)
    #expect(abs(w2[0] - (1 - 0.1 * (gPrime + 0.9 * vNew))) < 1e-6)
}

@Test func gatherScalesThePickedRows() {
    let images: [UInt8] = [0, 255, 51, 102, 10, 20]  // 3 images of 2 pixels
    let indices: [Int32] = [2, 0]
    var x = [Float](repeating: 0, count: 4)
    x.withUnsafeMutableBufferPointer { x in
        gather_scaled_forward(
            images, indices: indices, x.baseAddress!, rows: 2, width: 2,
            scale: 1 / 255, offset: 0)
    }
    #expect(zip(x, [10 / 255, 20 / 255, 0, 1] as [Float]).allSatisfy { abs($0 - $1) < 1e-7 })
}
