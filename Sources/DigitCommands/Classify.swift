import ArgumentParser
import FileIO
import Foundation
import Imaging
import Model

/// `digits classify`: reads the digit in each PNG image.
struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read the digit in PNG images.",
        discussion: """
            Each PATH is a PNG file or a directory (its .png files are read, in name order). \
            Any PNG a person may have works: grey, colour, palette, transparent, 16-bit, \
            interlaced. The image is turned into what the network was trained on, the way MNIST \
            was made: the ink is found (dark on light or light on dark), cropped, scaled to fit \
            20×20 keeping its aspect ratio, and centred by its centre of mass in a 28×28 field. \
            A transparent picture is put on black or white, whichever contrasts with its ink; \
            the paper's lighting gradient and noise are measured on the border and taken out, \
            and specks apart from the digit are dropped. \
            --raw skips this for images that already are 28×28 MNIST-style digits.

            An image with nothing on it (uniform, fully transparent, or too faint) is an \
            answer, not an error: "blank.png: no digit (the image is blank)", or with --json \
            {"file": "blank.png", "digit": null, "reason": "blank image"}.

            Exit status: 0 when every image was read and answered, 1 when any could not be read \
            (not a PNG, truncated, corrupt, too large; the others are still printed), 2 for \
            usage errors.

            Examples:
              digits classify my-digit.png
              digits classify --show --top 3 my-digit.png
              digits classify --json samples/ > predictions.jsonl
              digits classify --explain --out why my-digit.png

            --explain --out DIR writes, for each image, a page explain.html with the image as \
            given, the 28×28 image the network saw (enlarged 6×) and a bar chart of the ten \
            probabilities, and prints the page's path. With one image the files go into DIR; \
            with several, into one subdirectory of DIR per image, named after the image's file. \
            (--top, --show and --json do not apply to --explain.)
            """)

    @OptionGroup var model: ModelFileOption

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("How many of the most probable digits to show (1 to 10).", valueName: "k"))
    var top = 3

    @Flag(help: "Use 28×28 images as they are (MNIST-style), without finding and centring the digit.")
    var raw = false

    @Flag(help: "Also print the 28×28 image the network saw, in shade blocks.")
    var show = false

    @Flag(help: "Print one JSON object per image on stdout (JSON Lines).")
    var json = false

    @Flag(help: "Write a page explaining each answer into --out (see below) and print its path.")
    var explain = false

    @Option(
        help: ArgumentHelp(
            "With --explain: the directory to write into, created if missing.", valueName: "dir"),
        completion: .directory)
    var out: String?

    @Argument(
        help: ArgumentHelp("PNG files or directories of them.", valueName: "path"),
        completion: .file(extensions: ["png"]))
    var paths: [String]

    func validate() throws {
        guard (1...10).contains(top) else { throw ValidationError("--top must be from 1 to 10, found \(top)") }
        if explain && out == nil { throw ValidationError("--explain needs --out DIR, the directory to write into") }
        if out != nil && !explain { throw ValidationError("--out is only used with --explain") }
        if out?.isEmpty == true { throw ValidationError("--out must name a directory") }
        if explain && json { throw ValidationError("--explain and --json cannot be used together") }
        if paths.contains("") { throw ValidationError("a PATH is empty: name a PNG file or a directory") }
    }

    func run() throws {
        let files = try expandPaths(paths)
        let network = try model.loadNetwork()
        if explain, let out { return try explainEach(files, network: network, into: out) }
        let pixelsPerImage = network.architecture.inputSize

        // Read every image first, then classify them all in one batch.
        var inputs: [UInt8] = []
        inputs.reserveCapacity(files.count * pixelsPerImage)
        var outcomes: [Result<ImageAnswer, ImageError>] = []
        var batchCount = 0
        for file in files {
            do {
                let input = try DigitPreprocessor.prepare(pngFile: file, raw: raw)
                if let reason = input.reason {
                    outcomes.append(.success(.noDigit(reason)))
                    continue
                }
                inputs.append(contentsOf: input.pixels)
                outcomes.append(.success(.row(batchCount)))
                batchCount += 1
            } catch {
                outcomes.append(.failure(error))
            }
        }
        let probabilities = batchCount > 0 ? try network.predict(inputs) : []
        let classes = network.architecture.classCount

        var failures = 0
        for (file, outcome) in zip(files, outcomes) {
            switch outcome {
            case .failure(let error):
                failures += 1
                if json {
                    Console.output(JSON.object([("file", .string(file)), ("error", .string("\(error)"))]).text)
                } else {
                    Console.error("\(error)")
                }
            case .success(.noDigit(let reason)):
                if json {
                    Console.output(
                        JSON.object([
                            ("file", .string(file)), ("digit", .null), ("reason", .string(reason.code)),
                        ]).text)
                } else {
                    Console.output("\(file): no digit (\(reason.explanation))")
                }
            case .success(.row(let row)):
                let p = Array(probabilities[row * classes..<(row + 1) * classes])
                let ranked = p.indices.sorted { (p[$0], -$0) > (p[$1], -$1) }
                if json {
                    Console.output(
                        JSON.object([
                            ("file", .string(file)), ("digit", .integer(ranked[0])),
                            ("confidence", .number(Double(p[ranked[0]]))),
                            ("probabilities", .array(p.map { .number(Double($0)) })),
                        ]).text)
                } else {
                    let alternatives = ranked.dropFirst().prefix(top - 1)
                        .map { "\($0) (\(Format.probability(Double(p[$0]))))" }
                    Console.output(
                        "\(escapingControlCharacters(file)): \(ranked[0]) (\(Format.probability(Double(p[ranked[0]]))))"
                            + (alternatives.isEmpty ? "" : "  then " + alternatives.joined(separator: ", ")))
                    if show {
                        let image = Array(inputs[row * pixelsPerImage..<(row + 1) * pixelsPerImage])
                        Console.output(shadePreview(image))
                    }
                }
            }
        }
        if failures > 0 {
            if files.count > 1 { Console.note("\(failures) of \(files.count) images could not be classified") }
            throw ExitCode.failure
        }
    }
}

/// What `classify` found in one readable image: the row of its input in the batch, or why
/// there is no digit to classify.
enum ImageAnswer {
    /// The image's input is row `n` of the batch.
    case row(Int)
    /// The image holds no digit, for this reason.
    case noDigit(NoDigitReason)
}

/// The PNG files named by `paths`: files as given, directories as their `.png` entries in name
/// order. A path that does not exist is kept, so that its error is reported with the others.
func expandPaths(_ paths: [String]) throws -> [String] {
    var files: [String] = []
    for path in paths {
        if FileType.of(path) == .directory {
            let entries = DirectoryListing.names(in: path)
            let pngs = entries.filter { $0.lowercased().hasSuffix(".png") }
            if pngs.isEmpty { throw CommandFailure(message: "\(path): no .png files in this directory") }
            // Only what could be a PNG file: FIFOs, devices and sockets are refused by the
            // reader without opening them, so a FIFO named x.png cannot hang the run.
            let prefix = path.hasSuffix("/") ? path : path + "/"
            files += pngs.map { prefix + $0 }
        } else {
            files.append(path)
        }
    }
    return files
}
