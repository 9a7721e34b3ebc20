import ArgumentParser
import FileIO
import IDX
import Imaging

/// `digits export`: writes data-set images as PNG files, to try `digits classify` on.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write data-set images as PNG files named with their index and label.",
        discussion: """
            Writes images `first` … `first + count − 1` of the split as 28×28 greyscale PNGs named \
            INDEX-LABEL.png (e.g. 00042-4.png), white ink on black as in MNIST.

            Examples:
              digits export --count 20 --out samples
              digits classify --raw samples
            """)

    @OptionGroup var data: DataOptions

    @Option(help: "Which split to export from: test or train.")
    var split = Evaluate.Split.test

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("How many images to write (at most the rest of the split).", valueName: "n"))
    var count = 100

    @Option(parsing: .unconditional, help: ArgumentHelp("Index of the first image to write.", valueName: "n"))
    var first = 0

    @Option(
        help: ArgumentHelp("Directory to write into (created if missing).", valueName: "dir"), completion: .directory)
    var out = "samples"

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1, found \(count)") }
        guard first >= 0 else { throw ValidationError("--first must be 0 or more, found \(first)") }
        if out.isEmpty { throw ValidationError("--out must name a directory, found an empty path") }
    }

    func run() throws {
        let dataset = try data.load(split.mnist)
        guard first < dataset.count else {
            throw CommandFailure(
                message:
                    "\(data.directory): the \(split.rawValue) split has \(dataset.count) images; --first \(first) is past its end"
            )
        }
        let end = first + min(count, dataset.count - first)
        try DirectoryCreation.createDirectories(holding: out + "/x")
        let digits = max(5, String(dataset.count - 1).count)
        for index in first..<end {
            let image = GrayImage(
                width: MNISTDataset.imageWidth, height: MNISTDataset.imageHeight,
                pixels: Array(dataset.image(at: index)))
            var name = String(index)
            name = String(repeating: "0", count: max(0, digits - name.count)) + name
            try image.writePNG(to: "\(out)/\(name)-\(dataset.labels[index]).png", durable: false)
        }
        Console.note(
            "wrote \(end - first) images (\(first)…\(end - 1)) of the \(split.rawValue) split to \(out)\(out.hasSuffix("/") ? "" : "/")"
        )
    }
}
