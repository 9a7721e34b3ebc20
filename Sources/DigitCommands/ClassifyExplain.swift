import ArgumentParser
import FileIO
import Imaging
import Model
import Report

extension Classify {
    /// `digits classify --explain`: for each image, writes the files of an `ImageExplanation`
    /// (the image as given, what the network saw, its probabilities, explain.html) and prints
    /// the page's path on stdout and the answer on stderr. One image goes into `directory`;
    /// several go into one subdirectory each, named after the image's file (made unique).
    /// An image without a digit is answered on stderr and gets no page; an image that cannot
    /// be read is reported and skipped, and the command then exits 1.
    func explainEach(_ files: [String], network: MLP, into directory: String) throws {
        var used: Set<String> = []
        var failures = 0
        for file in files {
            var target = directory
            if files.count > 1 {
                let stem = PathParts(file).stem
                target += "/" + uniqueName(stem.isEmpty ? "image" : stem, among: &used)
            }
            do {
                let input = try DigitPreprocessor.prepare(pngFile: file, raw: raw)
                if let reason = input.reason {
                    Console.note("\(file): no digit (\(reason.explanation)); no page written")
                    continue
                }
                let ink = input.pixels
                let probabilities = try network.predict(ink)
                let original = try FileReading.read(file, limit: PNGDecoder.maximumFileBytes)
                let explanation = ImageExplanation(
                    title: file.split(separator: "/").last.map(String.init) ?? file,
                    inputPNG: original, ink: ink, probabilities: probabilities)
                try DirectoryCreation.createDirectories(holding: target + "/" + ImageExplanation.pageFile)
                for output in try explanation.files() {
                    try AtomicFile.write(output.bytes, to: target + "/" + output.name, durable: false)
                }
                let best = argmaxRows(probabilities, classes: probabilities.count).first ?? 0
                Console.note("\(file): \(best) (\(Format.probability(Double(probabilities[best]))))")
                Console.output(target + "/" + ImageExplanation.pageFile)
            } catch let error as ImageError {
                failures += 1
                Console.error("\(error)")
            } catch let error as FileIOError {
                failures += 1
                Console.error("\(error)")
            }
        }
        if failures > 0 {
            if files.count > 1 { Console.note("\(failures) of \(files.count) images could not be explained") }
            throw ExitCode.failure
        }
    }
}

/// `name`, or `name-2`, `name-3`, … whichever is not yet in `used`; the result is added to it.
private func uniqueName(_ name: String, among used: inout Set<String>) -> String {
    var candidate = name
    var n = 1
    while used.contains(candidate) {
        n += 1
        candidate = "\(name)-\(n)"
    }
    used.insert(candidate)
    return candidate
}
