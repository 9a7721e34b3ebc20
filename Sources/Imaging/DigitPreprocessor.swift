/// Turning a person's picture of a digit into the input an MNIST network was trained on:
/// 28 × 28 ink levels, `[784]` row-major, 0 = background, 255 = full ink.
///
/// MNIST was made by size-normalising each digit to fit a 20 × 20 box, keeping its aspect
/// ratio, with anti-aliasing, then translating it so its centre of mass sits at the centre of
/// a 28 × 28 field. `mnistInput` repeats that on any picture:
///
/// 1. Ink: polarity found and removed, background to 0, strongest ink to 255, faint noise
///    dropped (`InkExtraction`).
/// 2. Crop to the ink's bounding box; no ink → `ImageError.noDigit`.
/// 3. Resize so the longer side is 20 pixels, keeping the aspect ratio: an exact box filter
///    when shrinking, bilinear when enlarging (`resize`).
/// 4. Place in the 28 × 28 field so the grey-level centre of mass lands on pixel (14, 14),
///    the shift rounded to whole pixels, as MNIST did (its digits' centres of mass, in pixel
///    indices, average 14.0 in both axes and spread uniformly over ±0.5). Whole-pixel shifts
///    keep strokes sharp, where a subpixel (bilinear) shift would blur them; ink pushed out
///    of the field is clipped.
///
///     let image = try GrayImage(contentsOfPNG: "seven.png")
///     let input = try DigitPreprocessor.mnistInput(from: image, path: "seven.png")  // [784]
///
/// Cost: one pass over the pixels plus a 20 × 20 filter; no allocation per pixel.
public enum DigitPreprocessor {
    /// The side of the network's input field, in pixels.
    public static let side = 28
    /// The side of the box the digit is scaled to fit, in pixels.
    public static let box = 20
    /// The smallest luminance difference between background and ink that counts as a digit.
    public static let minimumContrast = 32
    /// Ink fainter than this fraction of the image's contrast is treated as background.
    public static let noiseFraction: Float = 0.1

    /// The 28 × 28 MNIST-style input for a picture of one digit, any size and polarity.
    ///
    /// - Parameters:
    ///   - image: the picture (luminance, 0 = black).
    ///   - path: names the picture in errors.
    /// - Returns: `[784]` ink levels, row-major, 0 = background, 255 = full ink.
    /// - Throws: `ImageError.noDigit` if the picture is blank or its contrast is below
    ///   `minimumContrast`.
    public static func mnistInput(from image: GrayImage, path: String) throws(ImageError)
        -> [UInt8]
    {
        guard
            let extracted = InkExtraction(
                image, minimumContrast: minimumContrast, noiseFraction: noiseFraction),
            let rect = inkBoundingBox(extracted.ink, width: image.width, height: image.height)
        else { throw .noDigit(path: path) }

        // Longer side to `box` pixels, the other in proportion (at least one pixel).
        let longer = max(rect.width, rect.height)
        let width = max(1, min(box, (rect.width * box + longer / 2) / longer))
        let height = max(1, min(box, (rect.height * box + longer / 2) / longer))
        let digit = resize(
            extracted.ink, sourceWidth: image.width, rect: rect, toWidth: width, height: height)
        return centred(digit, width: width, height: height)
    }

    /// The input for a picture that already is 28 × 28 (`digits classify --raw`): only the
    /// luminance-to-ink conversion (polarity and background; no contrast stretch, cropping,
    /// scaling, centring or denoising), so an MNIST
    /// image saved as PNG (white on black, or black on white) comes back unchanged.
    ///
    /// - Returns: `[784]` ink levels, row-major, 0 = background, 255 = full ink.
    /// - Throws: `ImageError.wrongSize` naming the size if the picture is not 28 × 28;
    ///   `.noDigit` if it is blank.
    public static func rawInput(from image: GrayImage, path: String) throws(ImageError)
        -> [UInt8]
    {
        guard image.width == side, image.height == side else {
            throw .wrongSize(path: path, width: image.width, height: image.height, expected: side)
        }
        guard
            let extracted = InkExtraction(
                image, minimumContrast: minimumContrast, noiseFraction: 0, stretch: false)
        else { throw .noDigit(path: path) }
        return extracted.ink
    }

    /// Reads the PNG at `path` and returns its network input: `rawInput` if `raw`, else
    /// `mnistInput`.
    ///
    /// - Returns: `[784]` ink levels, row-major, 0 = background, 255 = full ink.
    /// - Throws: any `ImageError` of `PNGDecoder.read` or of the preprocessing, naming `path`.
    public static func input(fromPNG path: String, raw: Bool = false) throws(ImageError)
        -> [UInt8]
    {
        let image = try PNGDecoder.read(path)
        return raw
            ? try rawInput(from: image, path: path) : try mnistInput(from: image, path: path)
    }

    /// `digit` (`[height, width]` ink, at most `box` × `box`) placed in the 28 × 28 field with
    /// its centre of mass on pixel (14, 14), rounded to 8 bits.
    static func centred(_ digit: [Float], width: Int, height: Int) -> [UInt8] {
        var mass: Float = 0
        var sumX: Float = 0
        var sumY: Float = 0
        for y in 0..<height {
            for x in 0..<width {
                let v = digit[y * width + x]
                mass += v
                sumX += v * Float(x)
                sumY += v * Float(y)
            }
        }
        let centre = Float(side / 2)
        let shiftX = mass > 0 ? Int((centre - sumX / mass).rounded()) : (side - width) / 2
        let shiftY = mass > 0 ? Int((centre - sumY / mass).rounded()) : (side - height) / 2

        var field = [UInt8](repeating: 0, count: side * side)
        for y in 0..<height {
            let row = y + shiftY
            if row < 0 || row >= side { continue }
            for x in 0..<width {
                let column = x + shiftX
                if column < 0 || column >= side { continue }
                field[row * side + column] = UInt8(min(255, max(0, digit[y * width + x].rounded())))
            }
        }
        return field
    }
}
