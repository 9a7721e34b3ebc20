import Model

/// A JSON value written by hand, so that keys keep the order a person reads them in
/// (`{"epoch": 1, "loss": …}`) and numbers are written the same way everywhere.
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
        switch self {
        case .number(let x):
            guard x.isFinite else { return "null" }
            if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
            return "\(x)"
        case .integer(let n): return String(n)
        case .string(let s): return jsonQuoted(s)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let items): return "[" + items.map(\.text).joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.map { jsonQuoted($0.0) + ": " + $0.1.text }.joined(separator: ", ") + "}"
        }
    }
}
