import Imaging

// The one place where the server turns PNG bytes into network input. It has the shape of the
// preprocessing API that issue 10 adds to Imaging (`DigitPreprocessor.prepare(pngBytes:path:raw:)`
// returning `DigitInput`); until that is merged it is built on `PNGDecoder.decode` and
// `DigitPreprocessor.mnistInput`, the same code `digits classify` runs. When it is merged, delete
// `DigitInput` below and make `prepareInput` call `DigitPreprocessor.prepare`.

/// The 28 × 28 image the network sees, and whether the picture held no digit at all.
struct DigitInput: Equatable, Sendable {
    /// `[784]` ink levels, row-major, 0 = background, 255 = full ink (all 0 when blank).
    var pixels: [UInt8]
    /// True when the picture is blank or its contrast too low to tell ink from paper.
    var isBlank: Bool
}

/// The network input for a PNG held in memory: decoded, then preprocessed the MNIST way
/// (`raw`: taken as a 28 × 28 MNIST-style image as it is).
///
/// - Parameters:
///   - pngBytes: the whole PNG file.
///   - path: names the image in errors (the server passes `request body`).
/// - Throws: `ImageError` when the bytes are not a decodable PNG (or, with `raw`, not 28 × 28);
///   a blank picture is not an error but `isBlank`.
func prepareInput(pngBytes: [UInt8], path: String, raw: Bool) throws(ImageError) -> DigitInput {
    let image = try PNGDecoder.decode(pngBytes, path: path)
    do {
        let pixels = raw
            ? try DigitPreprocessor.rawInput(from: image, path: path)
            : try DigitPreprocessor.mnistInput(from: image, path: path)
        return DigitInput(pixels: pixels, isBlank: false)
    } catch .noDigit {
        let side = DigitPreprocessor.side
        return DigitInput(pixels: [UInt8](repeating: 0, count: side * side), isBlank: true)
    }
}
