import Model

/// A JSON value written by hand, so that keys keep the order a person reads them in
/// (`{"epoch": 1, "loss": …}`) and numbers are written the same way everywhere: the JSON that
/// people and scripts read (the commands' `--json`, the server's replies). Strings are quoted by
/// Model's `jsonQuoted`, which the checkpoint's safetensors header writer shares.
///
/// Not `indirect`: arrays and objects hold their elements in arrays already, so a number or a
/// string is stored inline rather than in a box of its own (a reply of the server holds 794
/// numbers: that was 794 allocations).
public enum JSON: Sendable {
    case number(Double)
    case integer(Int)
    case string(String)
    case bool(Bool)
    case array([JSON])
    case object([(String, JSON)])
    case null

    /// The value as compact JSON text on one line. Non-finite numbers become `null`.
    public var text: String { String(decoding: utf8, as: UTF8.self) }

    /// `text` as UTF-8 bytes, written into one buffer (what the server sends).
    public var utf8: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(to: &out)
        return out
    }

    /// Appends the value's text to `out`.
    private func write(to out: inout [UInt8]) {
        switch self {
        case .number(let x):
            if !x.isFinite {
                out.append(contentsOf: "null".utf8)
            } else if x == x.rounded(), abs(x) < 1e15 {
                Self.write(Int(x), to: &out)
            } else {
                out.append(contentsOf: x.description.utf8)
            }
        case .integer(let n): Self.write(n, to: &out)
        case .string(let s): out.append(contentsOf: jsonQuoted(s).utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(contentsOf: ", ".utf8) }
                item.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (i, member) in members.enumerated() {
                if i > 0 { out.append(contentsOf: ", ".utf8) }
                out.append(contentsOf: jsonQuoted(member.0).utf8)
                out.append(contentsOf: ": ".utf8)
                member.1.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Appends the decimal digits of `n` (with a `-` if negative) to `out`, as `String(n)`
    /// writes them, without making a string.
    private static func write(_ n: Int, to out: inout [UInt8]) {
        if n < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = n.magnitude  // Int.min has no positive Int
        var divisor: UInt = 1  // the place of the leading digit
        while magnitude / divisor >= 10 { divisor *= 10 }
        var rest = magnitude
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        } while divisor > 0
    }
}
