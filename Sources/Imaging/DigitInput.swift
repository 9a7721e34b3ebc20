/// What a picture becomes for the network: the 28 × 28 ink levels, or the answer that there is
/// no digit to read.
///
/// `pixels` is `[784]` row-major, 0 = background, 255 = full ink; for a blank picture it is all
/// zeros and `isBlank` is true. A blank picture (uniform, fully transparent, or too faint to
/// tell ink from paper) is an answer, not an error: callers print `reason` instead of a digit.
public struct DigitInput: Equatable, Sendable {
    /// `[784]` ink levels, row-major, 0 = background, 255 = full ink.
    public var pixels: [UInt8]
    /// Whether the picture holds no ink at all.
    public var isBlank: Bool

    /// An input from its pixels (`[784]`).
    public init(pixels: [UInt8], isBlank: Bool = false) {
        self.pixels = pixels
        self.isBlank = isBlank
    }

    /// The input of a picture with nothing on it: 784 zeros, `isBlank`.
    public static let blank = DigitInput(
        pixels: [UInt8](repeating: 0, count: DigitPreprocessor.side * DigitPreprocessor.side),
        isBlank: true)

    /// Why there is no digit to classify, or nil when there is one.
    public var reason: NoDigitReason? { isBlank ? .blank : nil }
}

/// Why a picture that was read holds no digit: the one place its wording lives, for
/// `digits classify` (plain and `--json`) and anything else that answers for pictures.
public enum NoDigitReason: String, Equatable, Sendable, CaseIterable {
    /// The picture is uniform, fully transparent, or its contrast too low to hold ink.
    case blank = "blank image"

    /// The short machine-readable reason, for JSON: `{"digit": null, "reason": "blank image"}`.
    public var code: String { rawValue }

    /// The reason as a person reads it after "no digit": `the image is blank`.
    public var explanation: String {
        switch self {
        case .blank: return "the image is blank"
        }
    }
}
