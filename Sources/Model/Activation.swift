import Foundation

/// The function applied element-wise after each hidden dense layer.
///
/// | case | f(z) | f'(z) |
/// |---|---|---|
/// | `identity` | z | 1 |
/// | `sigmoid` | 1 / (1 + e^-z) | f(1 - f) |
/// | `tanh` | tanh z | 1 - f² |
/// | `relu` | max(0, z) | 1 if z > 0 else 0 |
/// | `leakyReLU` | z if z > 0 else slope·z | 1 if z > 0 else slope |
/// | `gelu` | ½z(1 + tanh(√(2/π)(z + 0.044715z³))) (the tanh approximation) | its derivative |
/// | `step` | 1 if z > 0 else 0 | none: forward use only, training refuses it |
///
/// GELU uses the tanh approximation (Hendrycks and Gimpel), which PyTorch offers as
/// `approximate="tanh"`; it differs from the exact erf form by less than 1e-3.
public enum Activation: String, Codable, CaseIterable, Sendable {
    case identity, sigmoid, tanh, relu
    case leakyReLU = "leaky_relu"
    case gelu, step

    /// Whether the activation has a derivative that training can use.
    public var isTrainable: Bool { self != .step }

    /// The weight initialisation suited to the activation: He for the ReLU family (and GELU,
    /// which behaves like ReLU for large |z|, and step), Glorot for sigmoid, tanh and identity.
    public var initialisation: Initialisation {
        switch self {
        case .relu, .leakyReLU, .gelu, .step: return .he
        case .identity, .sigmoid, .tanh: return .glorot
        }
    }

    /// f(z) for one value; `slope` is the leaky ReLU's slope for z ≤ 0.
    @inline(__always)
    func value(_ z: Float, slope: Float) -> Float {
        switch self {
        case .identity: return z
        case .sigmoid: return 1 / (1 + Foundation.exp(-z))
        case .tanh: return Foundation.tanh(z)
        case .relu: return z > 0 ? z : 0
        case .leakyReLU: return z > 0 ? z : slope * z
        case .gelu: return 0.5 * z * (1 + Foundation.tanh(geluInner(z)))
        case .step: return z > 0 ? 1 : 0
        }
    }

    /// f'(z) given z and a = f(z) (whichever is cheaper); 0 for `step`.
    @inline(__always)
    func derivative(_ z: Float, _ a: Float, slope: Float) -> Float {
        switch self {
        case .identity: return 1
        case .sigmoid: return a * (1 - a)
        case .tanh: return 1 - a * a
        case .relu: return z > 0 ? 1 : 0
        case .leakyReLU: return z > 0 ? 1 : slope
        case .gelu:
            let t = Foundation.tanh(geluInner(z))
            let du = geluScale * (1 + 3 * geluCubic * z * z)
            return 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * du
        case .step: return 0
        }
    }
}

/// √(2/π), the scale inside the GELU tanh approximation.
let geluScale: Float = 0.797_884_56
/// The cubic coefficient of the GELU tanh approximation.
let geluCubic: Float = 0.044_715

@inline(__always)
func geluInner(_ z: Float) -> Float { geluScale * (z + geluCubic * z * z * z) }

/// How a layer's initial weights are drawn (biases always start at zero).
public enum Initialisation: String, Codable, Sendable {
    /// He (Kaiming) normal: N(0, 2 / fan_in). Keeps ReLU activations' variance steady.
    case he
    /// Glorot (Xavier) normal: N(0, 2 / (fan_in + fan_out)). Suits sigmoid and tanh.
    case glorot

    /// The standard deviation of the weights of a layer `[fanOut, fanIn]`.
    public func deviation(fanIn: Int, fanOut: Int) -> Double {
        switch self {
        case .he: return (2 / Double(fanIn)).squareRoot()
        case .glorot: return (2 / Double(fanIn + fanOut)).squareRoot()
        }
    }
}
