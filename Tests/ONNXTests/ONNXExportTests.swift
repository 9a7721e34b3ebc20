import Model
import Testing
@testable import ONNX

@Suite struct ONNXExportTests {
    /// A small random network and a few random images.
    func network(_ activation: Activation, hidden: [Int] = [7, 5], seed: UInt64 = 1) -> (MLP, [UInt8]) {
        var random = RandomState(seed: seed)
        var net = MLP(
            architecture: Architecture(
                inputSize: 12, hiddenSizes: hidden, classCount: 4, activation: activation, leakySlope: 0.2),
            inputScaling: InputScaling(scale: 1 / 255, offset: -0.1), random: &random)
        for i in net.layout.indices {
            for j in net.layout[i].biasRange { net.parameters[j] = Float(j % 5) * 0.1 - 0.2 }
        }
        let pixels = (0..<(3 * 12)).map { UInt8(truncatingIfNeeded: $0 * 37 + 11) }
        return (net, pixels)
    }

    @Test(arguments: [Activation.identity, .sigmoid, .tanh, .relu, .leakyReLU, .gelu])
    func graphComputesWhatPredictComputes(activation: Activation) throws {
        let (net, pixels) = network(activation)
        let model = try ONNXExport.model(of: net, producerVersion: "test")
        let expected = try net.predict(pixels)
        let got = try GraphInterpreter(graph: model.graph).run(pixels: pixels.map(Float.init), shape: [3, 12])
        #expect(got.shape == [3, 4])
        let worst = zip(expected, got.data).map { abs(Double($0) - $1) }.max() ?? 1
        #expect(worst < 1e-5, "largest difference \(worst)")
    }

    @Test func noHiddenLayerIsOneGemmAndTheSoftmax() throws {
        let (net, pixels) = network(.relu, hidden: [])
        let model = try ONNXExport.model(of: net, producerVersion: "test")
        #expect(model.graph.nodes.map(\.opType) == ["Mul", "Add", "Gemm", "Softmax"])
        let got = try GraphInterpreter(graph: model.graph).run(pixels: pixels.map(Float.init), shape: [3, 12])
        let worst = zip(try net.predict(pixels), got.data).map { abs(Double($0) - $1) }.max() ?? 1
        #expect(worst < 1e-5)
    }

    @Test func nodesOfEachActivation() throws {
        let ops: [(Activation, [String])] = [
            (.identity, ["Mul", "Add", "Gemm", "Gemm", "Gemm", "Softmax"]),
            (.relu, ["Mul", "Add", "Gemm", "Relu", "Gemm", "Relu", "Gemm", "Softmax"]),
            (.leakyReLU, ["Mul", "Add", "Gemm", "LeakyRelu", "Gemm", "LeakyRelu", "Gemm", "Softmax"]),
            (.gelu, ["Mul", "Add", "Gemm", "Gelu", "Gemm", "Gelu", "Gemm", "Softmax"]),
        ]
        for (activation, expected) in ops {
            let model = try ONNXExport.model(of: network(activation).0, producerVersion: "test")
            #expect(model.graph.nodes.map(\.opType) == expected, "\(activation)")
        }
    }

    @Test func temperatureDividesTheLogits() throws {
        let (net, pixels) = network(.tanh)
        let model = try ONNXExport.model(of: net, temperature: 2.5, producerVersion: "test")
        #expect(model.graph.nodes.suffix(2).map(\.opType) == ["Div", "Softmax"])
        #expect(model.metadata["temperature"] == "2.5")
        let got = try GraphInterpreter(graph: model.graph).run(pixels: pixels.map(Float.init), shape: [3, 12])
        let plain = try GraphInterpreter(graph: try ONNXExport.model(of: net, producerVersion: "t").graph)
            .run(pixels: pixels.map(Float.init), shape: [3, 12])
        // Dividing by T > 1 flattens every row: the top probability drops.
        #expect(got.data[0..<4].max()! < plain.data[0..<4].max()!)
        #expect(throws: ONNXExportError.badTemperature(0)) {
            try ONNXExport.model(of: net, temperature: 0, producerVersion: "t")
        }
    }

    @Test func imageLayoutFlattensFirst() throws {
        let (net, pixels) = network(.sigmoid)
        let model = try ONNXExport.model(of: net, layout: .image, imageHeight: 3, imageWidth: 4, producerVersion: "t")
        #expect(model.graph.nodes.first?.opType == "Flatten")
        #expect(model.graph.inputs[0].shape == [.symbolic("N"), .fixed(1), .fixed(3), .fixed(4)])
        let got = try GraphInterpreter(graph: model.graph).run(pixels: pixels.map(Float.init), shape: [3, 1, 3, 4])
        let worst = zip(try net.predict(pixels), got.data).map { abs(Double($0) - $1) }.max() ?? 1
        #expect(worst < 1e-5)
        #expect(throws: ONNXExportError.imageShapeMismatch(height: 28, width: 28, inputSize: 12)) {
            try ONNXExport.model(of: net, layout: .image, producerVersion: "t")
        }
    }

    @Test func stepIsRefusedWithAClearMessage() {
        let (net, _) = network(.step)
        #expect(throws: ONNXExportError.unsupportedActivation(.step)) {
            try ONNXExport.model(of: net, producerVersion: "t")
        }
        #expect("\(ONNXExportError.unsupportedActivation(.step))".contains("step has no ONNX operator"))
    }

    @Test func encodedFileHasTheModelProtoFields() throws {
        let (net, _) = network(.relu, hidden: [3])
        let model = try ONNXExport.model(of: net, metadata: ["format": "digits-mlp"], producerVersion: "9.9.9")
        let fields = try readFields(model.encoded())
        #expect(fields.first { $0.number == 1 }?.varint == 10)  // ir_version
        #expect(fields.first { $0.number == 2 }?.string == "digits")
        #expect(fields.first { $0.number == 3 }?.string == "9.9.9")
        let opset = try readFields(fields.first { $0.number == 8 }?.bytes ?? [])
        #expect(opset.first { $0.number == 2 }?.varint == 21)
        let metadata = try fields.filter { $0.number == 14 }.map { try readFields($0.bytes ?? []) }
        let pairs = Dictionary(uniqueKeysWithValues: metadata.map { ($0[0].string ?? "", $0[1].string ?? "") })
        #expect(pairs["format"] == "digits-mlp" && pairs["layer_sizes"] == "12-3-4" && pairs["temperature"] == "1.0")
        let graph = try readFields(fields.first { $0.number == 7 }?.bytes ?? [])
        let nodes = try graph.filter { $0.number == 1 }.map { try readFields($0.bytes ?? []) }
        #expect(
            nodes.map { $0.first { $0.number == 4 }?.string ?? "" } == [
                "Mul", "Add", "Gemm", "Relu", "Gemm", "Softmax",
            ])
        // The first weight: dims [3, 12], FLOAT, raw_data of 36 little-endian floats.
        let initializers = try graph.filter { $0.number == 5 }.map { try readFields($0.bytes ?? []) }
        let w0 = try #require(initializers.first { $0.first { $0.number == 8 }?.string == "layers.0.weight" })
        #expect(w0.filter { $0.number == 1 }.compactMap(\.varint) == [3, 12])
        let raw = try #require(w0.first { $0.number == 9 }?.bytes)
        #expect(raw.count == 36 * 4)
        let first = Float(
            bitPattern: UInt32(raw[0]) | UInt32(raw[1]) << 8 | UInt32(raw[2]) << 16 | UInt32(raw[3]) << 24)
        #expect(first == net.weight(0).first)
    }
}
