import Model

/// Why a network cannot be exported to ONNX.
public enum ONNXExportError: Error, Equatable, CustomStringConvertible {
    /// The hidden activation has no ONNX operator (only `step`, which is inference-only here).
    case unsupportedActivation(Activation)
    /// The softmax temperature must be a finite number above 0.
    case badTemperature(Float)
    /// The input layout `[N, 1, height, width]` does not hold the network's input size.
    case imageShapeMismatch(height: Int, width: Int, inputSize: Int)

    /// The reason as one sentence, for `digits: <checkpoint>: cannot export to ONNX: <reason>`.
    public var description: String {
        switch self {
        case .unsupportedActivation(let activation):
            return "the hidden activation \(activation.rawValue) has no ONNX operator; "
                + "only identity, sigmoid, tanh, relu, leaky_relu and gelu models can be exported"
        case .badTemperature(let t):
            return "the softmax temperature must be a finite number above 0, found \(t)"
        case .imageShapeMismatch(let height, let width, let inputSize):
            return "an image input of \(height)×\(width) pixels does not fit the network's "
                + "\(inputSize) inputs; use the flat input layout"
        }
    }
}
