import Imaging
import Model

/// What the server answers for one picture: the digit the network read, or that there is none.
enum DigitReading: Equatable, Sendable {
    /// The most probable digit, its probability, every class's probability (`[classCount]`) and
    /// the `[784]` input the network saw.
    case digit(Int, confidence: Float, probabilities: [Float], input: [UInt8])
    /// The picture holds no digit (`reason`, e.g. blank); `input` is what the network would
    /// have seen.
    case noDigit(NoDigitReason, input: [UInt8])
}

/// Reads digits from PNG bytes with one network, loaded once and shared by every request.
struct DigitReader: Sendable {
    /// The network (the checkpoint's kept weights).
    var network: MLP

    /// The reading of `pngBytes`, or the `ImageError` that says why it is not a decodable PNG.
    /// The input is prepared by the code `digits classify` runs on a file
    /// (`DigitPreprocessor.prepare`), so the page and the command never disagree.
    func read(pngBytes: [UInt8]) throws(ImageError) -> DigitReading {
        let input = try DigitPreprocessor.prepare(pngBytes: pngBytes, path: "request body", raw: false)
        if let reason = input.reason { return .noDigit(reason, input: input.pixels) }
        // The input is always `[784]` and the network's input size is checked when the server
        // starts, so predict cannot refuse it; should it ever, answer as for a blank image.
        guard let p = try? network.predict(input.pixels), !p.isEmpty else {
            return .noDigit(.blank, input: input.pixels)
        }
        var best = 0
        for i in p.indices where p[i] > p[best] { best = i }
        return .digit(best, confidence: p[best], probabilities: p, input: input.pixels)
    }
}
