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

    /// Refuses `export-model --out PATH` unless the file there (if any) is an export of the same
    /// format and not one of `inputs`: an ONNX model (its first byte is the tag of field 1,
    /// ir_version, 0x08), or a safetensors file that is not a training checkpoint (it holds no
    /// `resume.` tensors), so an export never replaces a data file, a run or a file of another kind.
    static func checkExport(_ path: String, onnx: Bool, inputs: [String], overwrite: Bool) throws {
        try OutputGuard.check(path, inputs: inputs, overwrite: overwrite) { head in
            if onnx { return head.first == 0x08 ? nil : "it is not an ONNX model (it holds \(describe(head)))" }
            if head.count > 9, head[8] == UInt8(ascii: "{"), !contains(head, "\"resume.") { return nil }
            return isCheckpoint(head)
                ? "it is a digits training checkpoint, not exported weights"
                : "it is not exported weights (it holds \(describe(head)))"
        }
    }

    /// The title every report page starts with (`<title>digits report: NAME</title>`).
    static let reportTitle = "digits report: "

    /// Refuses to write a report's `names` into `directory` unless the directory holds none of
    /// them, or holds a digits report (its index.html is one); never over one of `inputs`.
    static func checkReportDirectory(
        _ directory: String, names: [String], index: String, inputs: [String], overwrite: Bool
    ) throws {
        let indexPath = directory + "/" + index
        let ours: ([UInt8]) -> Bool = { contains($0, "<title>\(reportTitle)") }
        let indexIsOurs =
            FileType.of(indexPath) == .missing
            || ((try? FileReading.head(indexPath, count: OutputGuard.headBytes)).map(ours) ?? false)
        for name in names {
            try OutputGuard.check(directory + "/" + name, inputs: inputs, overwrite: overwrite) { head in
                if name == index {
                    return ours(head) ? nil : "it is not the page of a digits report (it holds \(describe(head)))"
                }
                return indexIsOurs ? nil : "it is not part of a digits report (\(indexPath) is not one)"
            }
        }
    }

    /// Whether `head`, the start of a file, is a safetensors header with the digits format tag.
    static func isCheckpoint(_ head: [UInt8]) -> Bool {
        guard head.count > 9, head[8] == UInt8(ascii: "{") else { return false }
        return contains(head, "\"format\":\"\(Checkpoint.formatName)\"")
    }

    /// Whether the bytes of `text` occur in `bytes`.
    static func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard let first = needle.first, bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { start in
            bytes[start] == first && bytes[start..<start + needle.count].elementsEqual(needle)
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
