/// A softmax multilayer perceptron: its architecture, input scaling and parameters.
///
/// Layer `i` (0-based, input side first) is dense: `z = x · Wᵢᵀ + bᵢ` with `Wᵢ` `[out, in]` and
/// `bᵢ` `[out]`, followed by the activation (hidden layers) or the softmax (last layer). All
/// parameters live in one array, layer after layer, each weight matrix followed by its bias
/// (like llm.c carves its parameters out of one allocation); `layout` says where each is.
///
///     var random = RandomState(seed: 0)
///     let net = MLP(architecture: Architecture(hiddenSizes: [256, 128]), random: &random)
///     let probabilities = try net.predict(pixels)   // pixels [n, 784] bytes → [n, 10]
public struct MLP: Equatable, Sendable {
    /// The shapes, activation and loss.
    public let architecture: Architecture
    /// How pixels are turned into inputs.
    public let inputScaling: InputScaling
    /// Where each layer's weight and bias sit in `parameters`.
    public let layout: [LayerLayout]
    /// Every weight and bias, layer after layer: `W₀ [out, in]`, `b₀ [out]`, `W₁`, `b₁`, …
    public var parameters: [Float]
    /// The softmax temperature T of inference: `predict` returns softmax(logits / T). Fitted
    /// after training on the validation split so that the probabilities are calibrated
    /// (`TemperatureFit`); 1 (plain softmax) until then. Positive. Training ignores it.
    public var temperature: Float = 1

    /// A network with He or Glorot normal weights (as `architecture.activation.initialisation`
    /// says) drawn from `random`, and zero biases. The architecture must have no `problem`.
    public init(
        architecture: Architecture, inputScaling: InputScaling = InputScaling(),
        random: inout RandomState
    ) {
        self.init(architecture: architecture, inputScaling: inputScaling)
        let initialisation = architecture.activation.initialisation
        for layer in layout {
            let deviation = initialisation.deviation(fanIn: layer.inputs, fanOut: layer.outputs)
            for i in layer.weightRange {
                parameters[i] = Float(random.nextNormal() * deviation)
            }
        }
    }

    /// A network with every parameter zero.
    public init(architecture: Architecture, inputScaling: InputScaling = InputScaling()) {
        self.architecture = architecture
        self.inputScaling = inputScaling
        layout = LayerLayout.layout(of: architecture)
        parameters = [Float](repeating: 0, count: layout.last.map { $0.biasRange.upperBound } ?? 0)
    }

    /// A network with the given `parameters` (laid out as `parameters` is), or nil if their
    /// count does not fit the architecture.
    public init?(architecture: Architecture, inputScaling: InputScaling, parameters: [Float]) {
        self.init(architecture: architecture, inputScaling: inputScaling)
        guard parameters.count == self.parameters.count else { return nil }
        self.parameters = parameters
    }

    /// Layer `i`'s weights `[out, in]`, row-major.
    public func weight(_ i: Int) -> ArraySlice<Float> { parameters[layout[i].weightRange] }

    /// Layer `i`'s biases `[out]`.
    public func bias(_ i: Int) -> ArraySlice<Float> { parameters[layout[i].biasRange] }
}

/// Where one dense layer's parameters sit in the flat parameter array.
public struct LayerLayout: Equatable, Sendable {
    /// Inputs of the layer (columns of W).
    public let inputs: Int
    /// Outputs of the layer (rows of W).
    public let outputs: Int
    /// Offset of `W [outputs, inputs]`.
    public let weightOffset: Int

    /// Offset of `b [outputs]`, right after W.
    public var biasOffset: Int { weightOffset + inputs * outputs }
    /// Indices of W in the flat array.
    public var weightRange: Range<Int> { weightOffset..<biasOffset }
    /// Indices of b in the flat array.
    public var biasRange: Range<Int> { biasOffset..<(biasOffset + outputs) }

    /// The layers of `architecture`, packed one after another.
    static func layout(of architecture: Architecture) -> [LayerLayout] {
        let sizes = architecture.layerSizes
        var offset = 0
        var layers: [LayerLayout] = []
        for i in 0..<(sizes.count - 1) {
            let layer = LayerLayout(inputs: sizes[i], outputs: sizes[i + 1], weightOffset: offset)
            layers.append(layer)
            offset = layer.biasRange.upperBound
        }
        return layers
    }
}
