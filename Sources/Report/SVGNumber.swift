// Numbers as they appear in SVG attributes: short, exact to 0.01, always the same text.

/// Formats `value` for an SVG attribute: rounded to at most two decimals, trailing zeros
/// dropped, no exponent and never `-0`.
///
///     svgNumber(3)        // "3"
///     svgNumber(2.5)      // "2.5"
///     svgNumber(1/3)      // "0.33"
///     svgNumber(-0.001)   // "0"
///
/// Non-finite values (NaN, ±∞) become `"0"` so that a bad number can never produce invalid SVG;
/// magnitudes are clamped to ±1e12, far beyond any drawing coordinate.
public func svgNumber(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let clamped = min(max(value, -1e12), 1e12)
    let hundredths = Int64((clamped * 100).rounded())
    if hundredths == 0 { return "0" }
    let sign = hundredths < 0 ? "-" : ""
    let magnitude = hundredths.magnitude
    let whole = magnitude / 100
    let fraction = magnitude % 100
    if fraction == 0 { return "\(sign)\(whole)" }
    if fraction % 10 == 0 { return "\(sign)\(whole).\(fraction / 10)" }
    let padded = fraction < 10 ? "0\(fraction)" : "\(fraction)"
    return "\(sign)\(whole).\(padded)"
}
