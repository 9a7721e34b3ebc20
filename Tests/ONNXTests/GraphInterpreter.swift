import Foundation
@testable import ONNX

/// Runs an exported graph on the host, one operator at a time, straight from the ONNX operator
/// definitions (float64 arithmetic): an oracle independent of digits' kernels, to check that the
/// graph means what `MLP.predict` computes. Only the operators the exporter writes are known.
struct GraphInterpreter {
    struct Value { var shape: [Int]; var data: [Double] }
    enum Failure: Error { case unknownOperator(String), missingValue(String) }

    let graph: ONNXGraph

    func run(pixels: [Float], shape: [Int]) throws -> Value {
        var values: [String: Value] = [:]
        for tensor in graph.initializers {
            values[tensor.name] = Value(shape: tensor.dims, data: tensor.values.map(Double.init))
        }
        values["pixels"] = Value(shape: shape, data: pixels.map(Double.init))
        for node in graph.nodes {
            let inputs = try node.inputs.map { name in
                guard let v = values[name] else { throw Failure.missingValue(name) }
                return v
            }
            values[node.outputs[0]] = try apply(node, inputs)
        }
        guard let out = values[graph.outputs[0].name] else { throw Failure.missingValue(graph.outputs[0].name) }
        return out
    }

    private func attribute(_ node: ONNXNode, _ name: String) -> ONNXAttribute.Value? {
        node.attributes.first { $0.name == name }?.value
    }

    private func apply(_ node: ONNXNode, _ x: [Value]) throws -> Value {
        func map(_ f: (Double) -> Double) -> Value { Value(shape: x[0].shape, data: x[0].data.map(f)) }
        func scalar(_ v: Value) -> Double { v.data[0] }
        switch node.opType {
        case "Flatten": return Value(shape: [x[0].shape[0], x[0].data.count / x[0].shape[0]], data: x[0].data)
        case "Mul": return map { $0 * scalar(x[1]) }
        case "Add": return map { $0 + scalar(x[1]) }
        case "Div": return map { $0 / scalar(x[1]) }
        case "Sigmoid": return map { 1 / (1 + exp(-$0)) }
        case "Tanh": return map { tanh($0) }
        case "Relu": return map { max($0, 0) }
        case "LeakyRelu":
            guard case .float(let alpha) = attribute(node, "alpha") else {
                throw Failure.unknownOperator("LeakyRelu without alpha")
            }
            return map { $0 >= 0 ? $0 : Double(alpha) * $0 }
        case "Gelu":
            guard case .string("tanh") = attribute(node, "approximate") else {
                throw Failure.unknownOperator("exact Gelu")
            }
            return map { 0.5 * $0 * (1 + tanh((2 / Double.pi).squareRoot() * ($0 + 0.044715 * $0 * $0 * $0))) }
        case "Gemm":  // Y = A · Bᵀ + C with transB = 1
            guard case .int(1) = attribute(node, "transB") else { throw Failure.unknownOperator("Gemm without transB") }
            let (n, k, m) = (x[0].shape[0], x[0].shape[1], x[1].shape[0])
            var y = [Double](repeating: 0, count: n * m)
            for r in 0..<n {
                for c in 0..<m {
                    var sum = x[2].data[c]
                    for j in 0..<k { sum += x[0].data[r * k + j] * x[1].data[c * k + j] }
                    y[r * m + c] = sum
                }
            }
            return Value(shape: [n, m], data: y)
        case "Softmax":
            let (n, m) = (x[0].shape[0], x[0].shape[1])
            var y = x[0].data
            for r in 0..<n {
                let row = y[(r * m)..<((r + 1) * m)]
                let top = row.max() ?? 0
                let total = row.reduce(0) { $0 + exp($1 - top) }
                for c in 0..<m { y[r * m + c] = exp(y[r * m + c] - top) / total }
            }
            return Value(shape: [n, m], data: y)
        default: throw Failure.unknownOperator(node.opType)
        }
    }
}
