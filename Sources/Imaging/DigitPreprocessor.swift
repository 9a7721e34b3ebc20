/// Turning a person's picture of a digit into the input an MNIST network was trained on:
/// 28 × 28 ink levels, `[784]` row-major, 0 = background, 255 = full ink. This is the one path
/// every command takes from a PNG to network input (`classify`, `--show`, `--explain`, `serve`).
///
/// MNIST was made by size-normalising each digit to fit a 20 × 20 box, keeping its aspect
/// ratio, with anti-aliasing, then translating it so its centre of mass sits at the centre of
/// a 28 × 28 field. `prepare` repeats that on any picture:
///
/// 0. Transparency is flattened onto black or white, whichever contrasts with the ink
///    (`Transparency`, done when the PNG is decoded).
/// 1. Ink: paper level, lighting gradient and noise measured on the border, polarity and
///    contrast from robust statistics, specks dropped (`InkExtraction`, `InkComponents`).
///    No ink → `DigitInput.blank`.
/// 2. Crop to the ink's bounding box.
/// 3. Resize so the longer side is 20 pixels, keeping the aspect ratio: an exact box filter
///    when shrinking, bilinear when enlarging (`resize`); strokes that became a faint trace
///    (a fine pen on a big canvas) are brightened back to full ink (`thinStrokePeak`).
///    First the strokes' width is brought most of the way to MNIST's median pen, thinning a
///    marker or a bold font and thickening a fine pen, on a detail image 4 times the box
///    (`StrokeWidth`).
/// 4. Place in the 28 × 28 field so the grey-level centre of mass lands on pixel (14, 14),
///    the shift rounded to whole pixels, as MNIST did (its digits' centres of mass, in pixel
///    indices, average 14.0 in both axes and spread uniformly over ±0.5). Whole-pixel shifts
///    keep strokes sharp, where a subpixel (bilinear) shift would blur them; ink pushed out
///    of the field is clipped.
///
///     let input = try DigitPreprocessor.prepare(pngFile: "seven.png", raw: false)
///     if let reason = input.reason { print("no digit (\(reason.explanation))") }
///
/// Cost: a few passes over the pixels plus a 20 × 20 filter; no allocation per pixel.
public enum DigitPreprocessor {
    /// The side of the network's input field, in pixels.
    public static let side = 28
    /// The side of the box the digit is scaled to fit, in pixels.
    public static let box = 20
    /// The smallest luminance difference between paper and ink that counts as a digit.
    public static let minimumContrast = 32
    /// Ink fainter than this fraction of the picture's contrast is treated as paper.
    public static let noiseFraction = 0.1
    /// A scaled digit whose strongest pixel is below this (of 255) has strokes thinner than
    /// about ¾ of a pixel of the box; it is brightened until that pixel is full ink.
    public static let thinStrokePeak: Float = 191

    /// The network input for the PNG file at `path`.
    ///
    /// - Parameters:
    ///   - path: the PNG file; it names the picture in errors.
    ///   - raw: use a 28 × 28 picture as it is (`rawInput`) instead of finding, scaling and
    ///     centring the digit (`mnistInput`).
    /// - Returns: the `[784]` input, or `DigitInput.blank` for a picture without ink.
    /// - Throws: `ImageError` naming `path` when the file cannot be read or decoded, or, with
    ///   `raw`, is not 28 × 28.
    public static func prepare(pngFile path: String, raw: Bool) throws(ImageError) -> DigitInput {
        try prepare(image: PNGDecoder.read(path), path: path, raw: raw)
    }

    /// The network input for PNG bytes held in memory (an upload, say). Returns and throws as
    /// `prepare(pngFile:raw:)`.
    ///
    /// - Parameters:
    ///   - pngBytes: the whole PNG file.
    ///   - path: names the picture in errors.
    ///   - raw: as in `prepare(pngFile:raw:)`.
    public static func prepare(pngBytes: [UInt8], path: String, raw: Bool) throws(ImageError)
        -> DigitInput
    {
        try prepare(image: PNGDecoder.decode(pngBytes, path: path), path: path, raw: raw)
    }

    /// The network input for a decoded picture. Returns and throws as `prepare(pngFile:raw:)`.
    ///
    /// - Parameters:
    ///   - image: the picture (luminance, 0 = black).
    ///   - path: names the picture in errors.
    ///   - raw: as in `prepare(pngFile:raw:)`.
    public static func prepare(image: GrayImage, path: String, raw: Bool) throws(ImageError)
        -> DigitInput
    {
        let pixels = raw ? try rawInput(from: image, path: path) : mnistInput(from: image)
        return pixels.map { DigitInput(pixels: $0) } ?? .blank
    }

    /// The 28 × 28 MNIST-style input for a picture of one digit, any size and polarity:
    /// `[784]` ink levels, row-major, 0 = background, 255 = full ink; nil when the picture
    /// holds no ink.
    static func mnistInput(from image: GrayImage) -> [UInt8]? {
        guard image.width > 0, image.height > 0, image.pixels.count == image.width * image.height,
            let first = image.pixels.first, !image.pixels.allSatisfy({ $0 == first })  // uniform
        else { return nil }
        let extracted = InkExtraction(
            image, minimumContrast: minimumContrast, noiseFraction: noiseFraction)
        guard let rect = extracted.box else { return nil }

        // Longer side to `box` pixels, the other in proportion (at least one pixel).
        let longer = max(rect.width, rect.height)
        var width = max(1, min(box, (rect.width * box + longer / 2) / longer))
        var height = max(1, min(box, (rect.height * box + longer / 2) / longer))
        var digit: [Float]
        if let normalised = StrokeWidth.normalised(
            extracted.ink, sourceWidth: image.width, rect: rect, width: width, height: height, box: box)
        {
            (digit, width, height) = normalised
        } else {
            digit = resize(
                extracted.ink, sourceWidth: image.width, rect: rect, toWidth: width, height: height)
        }
        // Strokes much thinner than a pixel of the box (a fine pen on a big canvas) average out
        // to a faint trace when shrinking: bring their strongest pixel back to full ink.
        let peak = digit.max() ?? 0
        if peak > 0 && peak < thinStrokePeak {
            for i in digit.indices { digit[i] = min(255, digit[i] * 255 / peak) }
        }
        return centred(digit, width: width, height: height)
    }

    /// The input for a picture that already is 28 × 28 (`digits classify --raw`): only the
    /// luminance-to-ink conversion (polarity and background; no contrast stretch, cropping,
    /// scaling, centring or denoising), so an MNIST image saved as PNG (white on black, or
    /// black on white) comes back unchanged. Nil when the picture holds no ink.
    ///
    /// - Throws: `ImageError.wrongSize` naming the size if the picture is not 28 × 28.
    static func rawInput(from image: GrayImage, path: String) throws(ImageError) -> [UInt8]? {
        guard image.width == side, image.height == side, image.pixels.count == side * side else {
            throw .wrongSize(path: path, width: image.width, height: image.height, expected: side)
        }
        return InkExtraction.raw(image, minimumContrast: minimumContrast)
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
