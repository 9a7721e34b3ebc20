import FileIO
import Model

/// What the commands' outputs may replace (the `FileIO.OutputGuard` rule with the checks of each
/// kind of output): never an input of the same command, and only a file of the same kind, unless
/// `--overwrite` is given.
enum OutputRules {
    /// Refuses `--model PATH` for training unless the file there (if any) is a digits checkpoint
    /// and not one of `inputs`.
    static func checkCheckpoint(_ path: String, inputs: [String], overwrite: Bool) throws {
        try OutputGuard.check(path, inputs: inputs, overwrite: overwrite) { head in
            isCheckpoint(head) ? nil : "it is not a digits checkpoint (it holds \(describe(head)))"
        }
    }

    /// Refuses `--predictions PATH` unless the file there (if any) holds one digit per line and
    /// is not one of `inputs`.
    static func checkPredictions(_ path: String, inputs: [String], overwrite: Bool) throws {
        try OutputGuard.check(path, inputs: inputs, overwrite: overwrite) { head in
            let isPredictions = head.allSatisfy { ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == 0x0A }
            return isPredictions ? nil : "it does not hold predictions, one digit per line (it holds \(describe(head)))"
        }
    }

    /// Whether `head`, the start of a file, is a safetensors header with the digits format tag.
    static func isCheckpoint(_ head: [UInt8]) -> Bool {
        guard head.count > 9, head[8] == UInt8(ascii: "{") else { return false }
        let tag = Array("\"format\":\"\(Checkpoint.formatName)\"".utf8)
        return head.count >= tag.count && (0...(head.count - tag.count)).contains { start in
            head[start] == tag[0] && Array(head[start..<start + tag.count]) == tag
        }
    }

    /// A few words on what `head` looks like, for the refusal message.
    static func describe(_ head: [UInt8]) -> String {
        if head.starts(with: [0x1F, 0x8B]) { return "gzip data, perhaps a data-set file" }
        if head.count >= 4, head[0] == 0, head[1] == 0, (0x08...0x0E).contains(head[2]) {
            return "IDX data, perhaps a data-set file"
        }
        if head.count > 9, head[8] == UInt8(ascii: "{") { return "a safetensors file of another program" }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "a PNG image" }
        let text = head.allSatisfy { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 >= 0x20 }
        return text ? "text" : "data of another kind"
    }
}
