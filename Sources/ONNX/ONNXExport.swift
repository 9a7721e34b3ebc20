import Model

/// The shape of the exported graph's `pixels` input.
public enum ONNXInputLayout: String, CaseIterable, Sendable {
    /// `[N, inputSize]` (`[N, 784]` for MNIST): one row of pixels per image.
    case flat
    /// `[N, 1, height, width]` (`[N, 1, 28, 28]`), as image models take it; flattened first.
    case image
}

/// Turns an `MLP` into a standard ONNX graph that computes what `MLP.predict` computes.
///
/// The graph, for `pixels` float32 `[N, 784]` (or `[N, 1, 28, 28]`) holding 0…255:
///
///     pixels ─(Flatten, image layout only)─ Mul(scale) ─ Add(offset) ─ input      input scaling
///     input ─ Gemm(layers.0.weight, layers.0.bias, transB=1) ─ activation ─ …      hidden layers
///     … ─ Gemm(layers.L.weight, layers.L.bias, transB=1) ─ logits                  output layer
///     logits ─ Div(temperature) ─ Softmax(axis=1) ─ probabilities [N, 10]          (Div only if T ≠ 1)
///
/// Weights keep the checkpoint's `[out, in]` layout (Gemm's `transB = 1`) and names. Activations:
/// identity (no node), Sigmoid, Tanh, Relu, LeakyRelu (`alpha` = the slope), Gelu with
/// `approximate = "tanh"` (the tanh form digits trains with; opset 20 and later). `step` has no
/// ONNX operator of the same meaning at z = 0 and is refused.
public enum ONNXExport {
    /// The default-domain operator set the graph uses (ONNX 1.16+, onnxruntime 1.18+).
    public static let opsetVersion: Int64 = 21
    /// The IR version written (the one that goes with opset 21).
    public static let irVersion: Int64 = 10

    /// The ONNX model of `network`.
    ///
    /// - Parameters:
    ///   - temperature: the softmax temperature T (probabilities = softmax(logits / T)); 1 for
    ///     a network without calibration. Must be finite and above 0.
    ///   - layout: the shape of the `pixels` input; `.image` takes `imageHeight × imageWidth`
    ///     pixels, which must equal the network's input size.
    ///   - metadata: facts to store in `metadata_props` (the checkpoint's, say); `temperature`,
    ///     `input_layout` and `layer_sizes` are added.
    ///   - producerVersion: the version of the program writing the file.
    public static func model(
        of network: MLP, temperature: Float = 1, layout: ONNXInputLayout = .flat,
        imageHeight: Int = 28, imageWidth: Int = 28,
        metadata: [String: String] = [:], producerVersion: String
    ) throws(ONNXExportError) -> ONNXModel {
        let architecture = network.architecture
        guard temperature.isFinite, temperature > 0 else { throw .badTemperature(temperature) }
        if architecture.activation == .step && !architecture.hiddenSizes.isEmpty {
            throw .unsupportedActivation(.step)
        }
        let imagePixels = imageHeight.multipliedReportingOverflow(by: imageWidth)
        if layout == .image && (imagePixels.overflow || imagePixels.partialValue != architecture.inputSize) {
            throw .imageShapeMismatch(height: imageHeight, width: imageWidth, inputSize: architecture.inputSize)
        }

        var builder = GraphBuilder()
        var current = "pixels"
        if layout == .image {
            current = builder.add("Flatten", [current], "flat_pixels", [.init(name: "axis", value: .int(1))])
        }
        builder.constant("input_scale", network.inputScaling.scale)
        builder.constant("input_offset", network.inputScaling.offset)
        current = builder.add("Mul", [current, "input_scale"], "scaled_pixels")
        current = builder.add("Add", [current, "input_offset"], "input")

        for (i, layer) in network.layout.enumerated() {
            let weight = "layers.\(i).weight", bias = "layers.\(i).bias"
            builder.initializers.append(
                .init(name: weight, dims: [layer.outputs, layer.inputs], values: Array(network.weight(i))))
            builder.initializers.append(.init(name: bias, dims: [layer.outputs], values: Array(network.bias(i))))
            let isOutput = i == network.layout.count - 1
            current = builder.add(
                "Gemm", [current, weight, bias], isOutput ? "logits" : "layers.\(i).linear",
                [.init(name: "transB", value: .int(1))])
            if !isOutput {
                current = builder.activation(
                    architecture.activation, slope: architecture.leakySlope, of: current, layer: i)
            }
        }
        if temperature != 1 {
            builder.constant("temperature", temperature)
            current = builder.add("Div", [current, "temperature"], "calibrated_logits")
        }
        builder.nodes.append(
            .init(
                opType: "Softmax", name: "softmax", inputs: [current], outputs: ["probabilities"],
                attributes: [.init(name: "axis", value: .int(1))]))

        let inputShape: [ONNXValueInfo.Dimension] =
            layout == .flat
            ? [.symbolic("N"), .fixed(architecture.inputSize)]
            : [.symbolic("N"), .fixed(1), .fixed(imageHeight), .fixed(imageWidth)]
        let graph = ONNXGraph(
            name: "digits_mlp", nodes: builder.nodes, initializers: builder.initializers,
            inputs: [
                .init(name: "pixels", shape: inputShape, docString: "grey levels 0…255 as float32, ink bright on dark")
            ],
            outputs: [
                .init(
                    name: "probabilities", shape: [.symbolic("N"), .fixed(architecture.classCount)],
                    docString: "softmax probability of each class")
            ])
        var facts = metadata
        facts["temperature"] = "\(temperature)"
        facts["input_layout"] = layout.rawValue
        facts["layer_sizes"] = architecture.sizesDescription
        facts["hidden_activation"] = architecture.activation.rawValue
        return ONNXModel(
            irVersion: irVersion, opsetVersion: opsetVersion, producerName: "digits",
            producerVersion: producerVersion,
            docString: "digits MLP \(architecture.sizesDescription) (\(architecture.activation.rawValue)): "
                + "pixels 0…255 → class probabilities",
            graph: graph, metadata: facts)
    }
}

/// Collects nodes and initializers in order while the graph is built.
private struct GraphBuilder {
    var nodes: [ONNXNode] = []
    var initializers: [ONNXTensor] = []

    /// Adds a node named after its output and returns the output's name.
    mutating func add(
        _ opType: String, _ inputs: [String], _ output: String, _ attributes: [ONNXAttribute] = []
    ) -> String {
        nodes.append(.init(opType: opType, name: output, inputs: inputs, outputs: [output], attributes: attributes))
        return output
    }

    /// Adds a scalar float initializer.
    mutating func constant(_ name: String, _ value: Float) {
        initializers.append(.init(name: name, dims: [], values: [value]))
    }

    /// Adds hidden layer `layer`'s activation of `input` (none for identity); returns the output.
    mutating func activation(_ activation: Activation, slope: Float, of input: String, layer: Int) -> String {
        let output = "layers.\(layer).output"
        switch activation {
        case .identity: return input
        case .sigmoid: return add("Sigmoid", [input], output)
        case .tanh: return add("Tanh", [input], output)
        case .relu: return add("Relu", [input], output)
        case .leakyReLU: return add("LeakyRelu", [input], output, [.init(name: "alpha", value: .float(slope))])
        case .gelu: return add("Gelu", [input], output, [.init(name: "approximate", value: .string("tanh"))])
        case .step: return input  // refused before the graph is built
        }
    }
}
