/// Number formatting for people (tables, progress) and for JSON, in one place.
public enum Format {
    /// `x` with `digits` decimals (0 to 9), e.g. `fixed(0.98123, 4)` → `0.9812`. Numbers too
    /// large for that (|x| ≥ 10¹⁵) are written in exponent form, e.g. `1e+20`; every finite
    /// number formats.
    public static func fixed(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        if abs(x) >= 1e15 { return "\(x)" }
        let digits = min(max(digits, 0), 9)
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (abs(x) * scale).rounded()
        let whole = Int(rounded / scale)
        var fraction = String(Int(rounded - Double(whole) * scale))
        while fraction.count < digits { fraction = "0" + fraction }
        let sign = x < 0 && rounded != 0 ? "-" : ""
        return digits == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }

    /// A fraction in [0, 1] as a percentage with `digits` decimals, e.g. `98.12%`.
    public static func percent(_ fraction: Double, _ digits: Int = 2) -> String {
        fixed(fraction * 100, digits) + "%"
    }

    /// A probability as a percentage with one decimal that never rounds to a certainty it is
    /// not: `>99.9%` for 0.9996, `<0.1%` for 0.0004, `100.0%` and `0.0%` only when exact.
    public static func probability(_ p: Double) -> String {
        if p < 1 && p >= 0.9995 { return ">99.9%" }
        if p > 0 && p < 0.0005 { return "<0.1%" }
        return percent(p, 1)
    }

    /// `x` rounded to an integer with thousands separators, e.g. `52,100`; numbers no `Int`
    /// holds (NaN, infinities, |x| ≥ 10¹⁵) as `fixed(x, 0)` writes them.
    public static func grouped(rounding x: Double) -> String {
        guard x.isFinite, abs(x) < 1e15 else { return fixed(x, 0) }
        return grouped(Int(x.rounded()))
    }

    /// An integer with thousands separators, e.g. `52,100`.
    public static func grouped(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// A duration in seconds as `4s`, `1m05s` or `1h02m`.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0, seconds < 1e15 else { return "?" }
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" + pad2(s % 60) + "s" }
        return "\(s / 3600)h" + pad2((s % 3600) / 60) + "m"
    }

    /// `text` right-aligned in `width` columns.
    public static func right(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// `text` left-aligned in `width` columns.
    public static func left(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    private static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
