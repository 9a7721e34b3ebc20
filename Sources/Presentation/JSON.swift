import Model

/// A JSON value written by hand, so that keys keep the order a person reads them in
/// (`{"epoch": 1, "loss": …}`) and numbers are written the same way everywhere: the JSON that
/// people and scripts read (the commands' `--json`, the server's replies). Strings are quoted by
/// Model's `jsonQuoted`, which the checkpoint's safetensors header writer shares.
public indirect enum JSON: Sendable {
    case number(Double)
    case integer(Int)
    case string(String)
    case bool(Bool)
    case array([JSON])
    case object([(String, JSON)])
    case null

    /// The value as compact JSON text on one line. Non-finite numbers become `null`.
    public var text: String {
        var out = ""
        write(to: &out)
        return out
    }

    /// Appends `text` to `out`, in one buffer (a reply of the server holds arrays of 784 numbers).
    private func write(to out: inout String) {
        switch self {
        case .number(let x):
            if !x.isFinite {
                out += "null"
            } else if x == x.rounded(), abs(x) < 1e15 {
                out += String(Int(x))
            } else {
                out += "\(x)"
            }
        case .integer(let n): out += String(n)
        case .string(let s): out += jsonQuoted(s)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                item.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, member) in members.enumerated() {
                if i > 0 { out += ", " }
                out += jsonQuoted(member.0)
                out += ": "
                member.1.write(to: &out)
            }
            out += "}"
        }
    }
}
