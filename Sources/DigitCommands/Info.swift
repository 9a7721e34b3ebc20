import ArgumentParser
import IDX
import Model

/// `digits info`: what a checkpoint or an IDX file holds.
struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what a checkpoint or an IDX file holds.",
        discussion: """
            For a checkpoint: the architecture, the training settings, the history per epoch and \
            the validation accuracy. For an IDX file (plain or gzip): the value type and the \
            dimensions. The kind of file is told by its content, not its name.

            Examples:
              digits info models/mnist.safetensors
              digits info data/mnist/t10k-images-idx3-ubyte.gz
            """)

    @Argument(help: ArgumentHelp("A checkpoint (.safetensors) or an IDX file.", valueName: "file"), completion: .file())
    var file: String

    func validate() throws {
        if file.isEmpty { throw ValidationError("FILE must name a file, found an empty path") }
    }

    func run() throws {
        let shown = escapingControlCharacters(file)
        if let header = try idxHeader() {
            Console.output("\(shown): IDX file of \(header.dataType.name) values")
            Console.output("  dimensions  \(header.shape.map(String.init).joined(separator: " × "))")
            Console.output(
                "  values      \(Format.grouped(header.count)) (\(Format.grouped(header.payloadByteCount)) bytes)")
            return
        }
        // Not IDX: a checkpoint, or neither (the checkpoint reader says what is wrong).
        let state = try Checkpoint.load(from: file).state
        for line in describe(state) { Console.output(line) }
    }

    /// The IDX header of `file`, or nil if the file does not start like an IDX file (including a
    /// file too short to hold the 4-byte magic: then the checkpoint reader says what is wrong).
    private func idxHeader() throws -> IDXHeader? {
        let result = Result { () throws(IDXError) in try IDXReader.readHeader(path: file) }
        guard case .failure(let error) = result else { return try result.get() }
        switch error {
        case .badMagic: return nil
        case .truncatedHeader(_, let expected, _) where expected == 4: return nil
        default: throw error
        }
    }

    /// The checkpoint as lines of text: its facts, then the history per epoch.
    private func describe(_ state: TrainingState) -> [String] {
        let facts = checkpointFacts(state, path: file).dropFirst()  // the path heads the output
        let width = facts.map(\.name.count).max() ?? 0
        var lines = ["\(escapingControlCharacters(file)): digits checkpoint"]
        lines += facts.map { "  " + Format.left($0.name, width) + "  " + $0.value }
        if !state.history.isEmpty {
            lines.append("  history")
            lines.append("    epoch      loss    train  validation  seconds")
            for e in state.history {
                lines.append(
                    "    " + Format.right(String(e.epoch), 5)
                        + Format.right(Format.fixed(e.loss, 4), 10) + Format.right(Format.percent(e.trainAccuracy), 9)
                        + Format.right(e.validationAccuracy.map { Format.percent($0) } ?? "-", 12)
                        + Format.right(Format.fixed(e.seconds, 2), 9))
            }
        }
        return lines
    }
}
