import ArgumentParser
import FileIO
import Model
import ONNX

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `digits export-model`: writes the checkpoint's kept network in a format other programs load.
struct ExportModel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-model",
        abstract: "Write the trained network as ONNX, or as plain safetensors weights.",
        discussion: """
            --format onnx writes a standard ONNX graph (opset \(ONNXExport.opsetVersion)) that any \
            ONNX runtime runs: input `pixels` float32 [N, 784] (or [N, 1, 28, 28] with \
            --input-layout image) holding grey levels 0…255, ink bright on dark as in MNIST; the \
            checkpoint's input scaling; one Gemm (+ activation) per layer; output \
            `probabilities` [N, 10], the softmax. The checkpoint's facts are in the model's \
            metadata_props. Models with the `step` activation cannot be exported.

            --format safetensors-plain writes only the kept network's weights and biases \
            (layers.{i}.weight [out, in], layers.{i}.bias [out]) and the checkpoint's facts, \
            without the state that resumes training.

            The output is written atomically (a failed export leaves any old file as it was) \
            and never replaces the checkpoint it reads; a file of another kind (a data file, a \
            training checkpoint, anything but an earlier export of the same format) is not \
            replaced without --overwrite.

            Examples:
              digits export-model                            writes models/mnist.onnx
              digits export-model --input-layout image --out mnist-image.onnx
              digits export-model --format safetensors-plain --out weights.safetensors

            The README's "Use the model elsewhere" runs the ONNX file with onnxruntime in Python.
            """)

    /// The export formats, spelled as on the command line.
    enum ModelFormat: String, ExpressibleByArgument, CaseIterable {
        case onnx
        case safetensorsPlain = "safetensors-plain"

        /// The file name ending of the default output.
        var suffix: String { self == .onnx ? ".onnx" : ".weights.safetensors" }
    }

    @OptionGroup var model: ModelFileOption

    @Option(help: "Format to write: onnx, or safetensors-plain (weights only).")
    var format = ModelFormat.onnx

    @Option(
        help: ArgumentHelp(
            "File to write (default: the checkpoint's path with .onnx, or .weights.safetensors, in place of .safetensors).",
            valueName: "file"),
        completion: .file())
    var out: String?

    @Option(help: "With --format onnx: the shape of the `pixels` input: flat [N, 784] or image [N, 1, 28, 28].")
    var inputLayout = ONNXInputLayout.flat

    @Flag(help: "Replace --out even if it holds something other than an export of this format.")
    var overwrite = false

    func validate() throws {
        if out?.isEmpty == true { throw ValidationError("--out must name a file") }
        if inputLayout != .flat && format != .onnx {
            throw ValidationError("--input-layout applies to --format onnx only")
        }
    }

    /// The output path: `--out`, or the checkpoint's path with the format's suffix.
    var outputPath: String {
        if let out { return out }
        let base = model.path.hasSuffix(".safetensors") ? String(model.path.dropLast(".safetensors".count)) : model.path
        return base + format.suffix
    }

    func run() throws {
        let path = outputPath
        let checkpoint = try Checkpoint.load(from: model.path)
        if sameFile(path, model.path) {
            throw CommandFailure(message: "\(path): is the checkpoint being exported (--model); choose another --out")
        }
        try OutputRules.checkExport(path, onnx: format == .onnx, inputs: [model.path], overwrite: overwrite)
        let network = checkpoint.state.best
        let facts = exportedFacts(of: checkpoint)
        let bytes: [UInt8]
        switch format {
        case .onnx:
            do {
                // The fitted softmax temperature (1 when the checkpoint has none), as classify uses it.
                bytes = try ONNXExport.model(
                    of: network, temperature: network.temperature, layout: inputLayout, metadata: facts,
                    producerVersion: DigitsVersion.number
                ).encoded()
            } catch {
                throw CommandFailure(message: "\(model.path): cannot export to ONNX: \(error)")
            }
        case .safetensorsPlain:
            let tensors = checkpoint.safeTensors().tensors.filter { $0.name.hasPrefix("layers.") }
            bytes = SafeTensors(tensors: tensors, metadata: facts).encoded()
        }
        try DirectoryCreation.createDirectories(holding: path)
        try AtomicFile.write(bytes, to: path)
        Console.note(
            "wrote \(path): \(network.architecture.sizesDescription) "
                + "\(network.architecture.activation.rawValue), \(Format.grouped(bytes.count)) bytes")
        Console.output(path)
    }
}

/// The checkpoint's metadata that describes the model (not the resume state or the history).
private func exportedFacts(of checkpoint: Checkpoint) -> [String: String] {
    let keep: Set<String> = [
        "format", "format_version", "architecture", "input_scaling", "training", "epochs_done",
        "best_epoch", "validation_accuracy", "temperature",
    ]
    return checkpoint.safeTensors().metadata.filter { keep.contains($0.key) }
}

/// Whether `a` and `b` name the same existing file (same device and inode).
private func sameFile(_ a: String, _ b: String) -> Bool {
    var sa = stat(), sb = stat()
    guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
}

extension ONNXInputLayout: ExpressibleByArgument {}
