/// The shape of a network: input size, hidden layer widths, activation and loss.
///
/// `784-256-128-10` with ReLU is `Architecture(hiddenSizes: [256, 128])`. No hidden layers gives
/// softmax regression. Every hidden layer uses the same activation; the output layer is always
/// a softmax over `classCount` classes.
public struct Architecture: Codable, Equatable, Sendable {
    /// Inputs per example (784 for 28×28 MNIST images).
    public var inputSize: Int
    /// Widths of the hidden layers, input side first; empty for softmax regression.
    public var hiddenSizes: [Int]
    /// Number of classes (outputs of the last layer).
    public var classCount: Int
    /// Activation after every hidden layer.
    public var activation: Activation
    /// Slope for z ≤ 0 of the leaky ReLU (ignored by the other activations).
    public var leakySlope: Float
    /// The loss minimised in training.
    public var loss: Loss

    /// An architecture; the defaults are the default recipe 784-256-128-10, ReLU, cross-entropy.
    public init(
        inputSize: Int = 784, hiddenSizes: [Int] = [256, 128], classCount: Int = 10,
        activation: Activation = .relu, leakySlope: Float = 0.01, loss: Loss = .crossEntropy
    ) {
        self.inputSize = inputSize
        self.hiddenSizes = hiddenSizes
        self.classCount = classCount
        self.activation = activation
        self.leakySlope = leakySlope
        self.loss = loss
    }

    /// All layer sizes from input to output, e.g. `[784, 256, 128, 10]`.
    public var layerSizes: [Int] { [inputSize] + hiddenSizes + [classCount] }

    /// Number of dense layers (hidden layers + the output layer).
    public var layerCount: Int { hiddenSizes.count + 1 }

    /// The sizes as text, e.g. "784-256-128-10".
    public var sizesDescription: String { layerSizes.map(String.init).joined(separator: "-") }

    /// The widest layer accepted (inputs, hidden units or classes).
    public static let maximumWidth = 65_536
    /// The most hidden layers accepted.
    public static let maximumHiddenLayers = 64

    /// Why the architecture cannot be built, or nil if it can (every size from 1 to
    /// `maximumWidth`, at least 2 classes, at most `maximumHiddenLayers` hidden layers, finite
    /// slope). Within these bounds no parameter count overflows; whether the memory suffices is
    /// `TrainingMemory`'s question.
    public var problem: String? {
        if !(1...Self.maximumWidth).contains(inputSize) {
            return "input size must be from 1 to \(Self.maximumWidth), found \(inputSize)"
        }
        if !(2...Self.maximumWidth).contains(classCount) {
            return "class count must be from 2 to \(Self.maximumWidth), found \(classCount)"
        }
        if hiddenSizes.count > Self.maximumHiddenLayers {
            return "at most \(Self.maximumHiddenLayers) hidden layers, found \(hiddenSizes.count)"
        }
        if let bad = hiddenSizes.first(where: { !(1...Self.maximumWidth).contains($0) }) {
            return "hidden layer widths must be from 1 to \(Self.maximumWidth), found \(bad)"
        }
        if !leakySlope.isFinite { return "leaky slope must be finite, found \(leakySlope)" }
        return nil
    }
}

/// The loss minimised in training; both act on the softmax of the last layer.
public enum Loss: String, Codable, CaseIterable, Sendable {
    /// Cross-entropy −log p[label], computed stably through log-sum-exp.
    case crossEntropy = "cross_entropy"
    /// Squared error Σ_k (p_k − onehot_k)² of the softmax output against one-hot targets.
    case meanSquaredError = "mse"
}

/// How raw pixels become network inputs: `input = Float(pixel) · scale + offset`.
///
/// Part of the model (saved in its checkpoint) so that inference scales exactly as training did.
/// The default maps 0...255 to 0...1.
public struct InputScaling: Codable, Equatable, Sendable {
    /// Multiplier applied to each pixel value 0...255.
    public var scale: Float
    /// Added after scaling.
    public var offset: Float

    /// A scaling; the default is x/255.
    public init(scale: Float = 1.0 / 255.0, offset: Float = 0) {
        self.scale = scale
        self.offset = offset
    }
}
