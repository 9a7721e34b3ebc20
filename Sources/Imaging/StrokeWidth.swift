/// Bringing the strokes' width towards MNIST's pen before the digit is scaled to its 20 × 20 box.
///
/// MNIST's digits were written with one pen: in the 20-pixel box their strokes are about 2–3
/// pixels wide (median 2.5, quartiles 2.2 and 2.9, 95th percentile 3.8, measured as below on
/// test digits). A digit drawn with a marker, or typed in a bold font, keeps its thick strokes
/// when scaled, and the network misreads more of them (loops fill in, strokes merge); a fine
/// pen on a big canvas becomes hairlines it misreads too. Width alone cannot tell a marker
/// from one of MNIST's own thick pens, so the width is moved only part of the way to MNIST's
/// median:
///
/// 1. The ink's rectangle is resized to a *detail* image `detailScale` times the size the digit
///    will have in the box (at most 80 × 80 pixels), where a stroke is several pixels wide
///    whatever the picture's size (`Detail`).
/// 2. Its mean stroke width, in box pixels: `2 · Σ ink / Σ |∇ ink|` over the detail image,
///    divided by its scale (ink area over half the outline's length: a stroke of length
///    `L` and width `w` has area `L · w` and an outline of about `2 L`; the gradient's sum
///    measures the outline of anti-aliased ink without thresholding it).
/// 3. The detail image is eroded (grey-level: each pixel becomes the smallest ink level within
///    a disk) when that width is above `pen`, dilated (the largest level) when it is below, by
///    `correctedFraction` of the difference, half on each side of a stroke, so `w` becomes
///    `pen + (1 − correctedFraction) · (w − pen)`. A fractional radius blends the results of
///    the two nearest whole radii, so the result changes smoothly with the width and keeps the
///    strokes' anti-aliased levels.
///    Digits smaller than `minimumSize` in the picture are left as they are.
/// 4. The result is cropped to its own bounding box (it lost or gained the radius on each
///    side) and that is what is scaled to the box.
///
/// A digit whose strokes measure MNIST's median is left as it is, and MNIST's own digits change
/// little. `pen` and `correctedFraction` were chosen on a Python model of this preprocessing:
/// on 1,500 MNIST test digits drawn with marker strokes (grey dilation by 3.5–5% of the digit's
/// height, as scripts/user-digits.py draws them) the default model's loss against the plain
/// digits fell from 1.3–2.6 points to 0.3–0.5, on 1,000 drawn with a fine pen (eroded by 3% of
/// the height) from 1.5 to 0.4, with the plain digits read as before.
enum StrokeWidth {
    /// How many times larger than its size in the box the detail image is.
    static let detailScale = 4
    /// The mean stroke width strokes are brought towards, in pixels of the 20-pixel box:
    /// MNIST's median.
    static let pen: Float = 2.5
    /// The part of the difference between a digit's width and `pen` that is corrected.
    static let correctedFraction: Float = 0.75
    /// The smallest digit, in pixels of the picture along its longer side, whose strokes are
    /// changed: twice the box. Below it the detail image would be mostly interpolation, and an
    /// MNIST-sized digit (20 pixels) would come out blurred, not just thinner or thicker.
    static let minimumSize = 40

    /// The digit in the `rect` of `ink` (`[any, sourceWidth]`, 0 = paper, 255 = full ink),
    /// with its strokes brought towards `pen` (see the type's description) and resized to fit
    /// `box` × `box`, as `[height, width]` ink levels; nil when its strokes already are `pen`
    /// wide or the digit is smaller than `minimumSize` (resize the rectangle as it is then).
    ///
    /// - Parameters:
    ///   - width, height: the size the rectangle takes in the box (its longer side `box`).
    static func normalised(
        _ ink: [UInt8], sourceWidth: Int, rect: (x: Int, y: Int, width: Int, height: Int),
        width: Int, height: Int, box: Int
    ) -> (digit: [Float], width: Int, height: Int)? {
        // A digit drawn this small (MNIST's own 20 pixels among them) is left as it is.
        guard max(rect.width, rect.height) >= minimumSize else { return nil }
        let detail = Detail(ink, sourceWidth: sourceWidth, rect: rect, width: width, height: height)
        let difference = meanWidth(detail.ink, width: detail.width, height: detail.height) / detail.scale - pen
        // Half the correction on each side of a stroke, in detail pixels.
        let radius = correctedFraction * abs(difference) / 2 * detail.scale
        guard radius > 0 else { return nil }
        // A margin of paper for dilated strokes to grow into.
        let margin = Int(radius.rounded(.up)) + 1
        let (paddedWidth, paddedHeight) = (detail.width + 2 * margin, detail.height + 2 * margin)
        var padded = [UInt8](repeating: 0, count: paddedWidth * paddedHeight)
        for y in 0..<detail.height {
            let to = (y + margin) * paddedWidth + margin
            padded[to..<(to + detail.width)] = detail.ink[(y * detail.width)..<((y + 1) * detail.width)]
        }
        let changed = morph(
            padded, width: paddedWidth, height: paddedHeight, radius: radius,
            dilate: difference < 0)
        guard let kept = inkBoundingBox(changed, width: paddedWidth, height: paddedHeight) else {
            return nil
        }
        let longer = max(kept.width, kept.height)
        let newWidth = max(1, min(box, (kept.width * box + longer / 2) / longer))
        let newHeight = max(1, min(box, (kept.height * box + longer / 2) / longer))
        let digit = resize(changed, sourceWidth: paddedWidth, rect: kept, toWidth: newWidth, height: newHeight)
        return (digit, newWidth, newHeight)
    }

    /// The image strokes are measured and changed on: the digit's rectangle resized to
    /// `detailScale` times its size in the box, whatever the picture's size (a small picture
    /// is enlarged, bilinearly, which softens its edges a little once it is shrunk back).
    struct Detail {
        /// Ink levels, `[height, width]`.
        var ink: [UInt8]
        var width: Int
        var height: Int
        /// Detail pixels per pixel of the box.
        var scale: Float { Float(detailScale) }

        /// The detail image of the `rect` of `source` (`[any, sourceWidth]`), which takes
        /// `width` × `height` pixels in the box.
        init(
            _ source: [UInt8], sourceWidth: Int, rect: (x: Int, y: Int, width: Int, height: Int),
            width: Int, height: Int
        ) {
            (self.width, self.height) = (width * detailScale, height * detailScale)
            ink = resize(source, sourceWidth: sourceWidth, rect: rect, toWidth: self.width, height: self.height)
                .map { UInt8(min(255, max(0, $0.rounded()))) }
        }
    }

    /// The mean stroke width, in pixels of the box, of the digit in the `rect` of `ink` once it
    /// is scaled to `width` × `height` (measured on the detail image, as `normalised` does).
    static func boxWidth(
        _ ink: [UInt8], sourceWidth: Int, rect: (x: Int, y: Int, width: Int, height: Int),
        width: Int, height: Int
    ) -> Float {
        let detail = Detail(ink, sourceWidth: sourceWidth, rect: rect, width: width, height: height)
        return meanWidth(detail.ink, width: detail.width, height: detail.height) / detail.scale
    }

    /// The mean stroke width of `ink` (`[height, width]`, any scale), in its pixels:
    /// `2 · Σ ink / Σ |∇ ink|`, the gradient by central differences with paper (0) outside
    /// the image (and taken there too); 0 for an image without ink.
    static func meanWidth(_ ink: [UInt8], width: Int, height: Int) -> Float {
        // The ink with a frame of paper two pixels wide, so that every neighbour is in it.
        let (paddedWidth, paddedHeight) = (width + 4, height + 4)
        var padded = [Float](repeating: 0, count: paddedWidth * paddedHeight)
        for y in 0..<height {
            for x in 0..<width { padded[(y + 2) * paddedWidth + x + 2] = Float(ink[y * width + x]) }
        }
        var area: Float = 0
        var outline: Float = 0
        // The gradient is also taken on the paper around the image, where edges at its border
        // have half their difference.
        padded.withUnsafeBufferPointer { at in
            for y in 1...(height + 2) {
                for x in 1...(width + 2) {
                    let i = y * paddedWidth + x
                    area += at[i]
                    let gx = (at[i + 1] - at[i - 1]) / 2
                    let gy = (at[i + paddedWidth] - at[i - paddedWidth]) / 2
                    outline += (gx * gx + gy * gy).squareRoot()
                }
            }
        }
        return outline > 0 ? 2 * area / outline : 0
    }

    /// Grey-level erosion (or, with `dilate`, dilation) of `ink` (`[height, width]`) by a disk
    /// of `radius` pixels (any non-negative value): each pixel becomes the smallest (largest)
    /// level within the disk, paper (0) outside the image. A fractional radius `n + f` blends
    /// the results for the disks of radius `n` and `n + 1` (the integer offsets within that
    /// distance), `(1 − f)` and `f`. A dilation is the erosion of the inverted ink.
    static func morph(_ ink: [UInt8], width: Int, height: Int, radius: Float, dilate: Bool) -> [UInt8] {
        guard dilate else { return erode(ink, width: width, height: height, radius: radius, outside: 0) }
        let inverted = erode(ink.map { 255 - $0 }, width: width, height: height, radius: radius, outside: 255)
        return inverted.map { 255 - $0 }
    }

    /// Grey-level erosion of `ink` (`[height, width]`) by a disk of `radius` pixels, as `morph`,
    /// with `outside` the level beyond the image's edges.
    ///
    /// Fast path: the disk is a stack of row segments, so each row is first eroded by segments
    /// of every half-length 0...n + 1 (each from the previous one, a minimum of three pixels),
    /// and a pixel takes the minimum of the right segment in each row of the disk.
    static func erode(_ ink: [UInt8], width: Int, height: Int, radius: Float, outside: UInt8) -> [UInt8] {
        let r = max(0, radius)
        let whole = Int(r.rounded(.down))
        let fraction = r - Float(whole)
        let count = ink.count
        // rows[h · count ..< (h + 1) · count]: each row eroded by the segment −h...h.
        var rows = [UInt8](repeating: 0, count: (whole + 2) * count)
        rows[0..<count] = ink[0..<count]
        rows.withUnsafeMutableBufferPointer { rows in
            for h in 1..<(whole + 2) {
                let (last, next) = ((h - 1) * count, h * count)
                for y in 0..<height where width > 0 {
                    let (from, to) = (last + y * width, next + y * width)
                    // The two ends take `outside` beyond the row; the run between them is a plain
                    // minimum of three neighbours, which the compiler vectorises.
                    rows[to] = min(rows[from], width > 1 ? rows[from + 1] : outside, outside)
                    if width > 1 {
                        rows[to + width - 1] = min(rows[from + width - 1], rows[from + width - 2], outside)
                    }
                    if width > 2 {
                        for x in 1..<(width - 1) {
                            rows[to + x] = min(rows[from + x], min(rows[from + x - 1], rows[from + x + 1]))
                        }
                    }
                }
            }
        }
        func disk(_ n: Int) -> [UInt8] {
            if n == 0 { return ink }
            var out = [UInt8](repeating: outside, count: count)
            let spans = (-n...n).map { dy in halfSpan(dy: dy, radius: n) * count }
            rows.withUnsafeBufferPointer { rows in
                out.withUnsafeMutableBufferPointer { out in
                    for y in 0..<height {
                        // A disk reaching beyond the top or bottom edge takes in `outside`.
                        let clipped = y < n || y + n >= height
                        let row = y * width
                        if !clipped {
                            for x in 0..<width { out[row + x] = .max }
                        }
                        // Row by row of the disk, each a run along x (vectorised).
                        for dy in max(-n, -y)...min(n, height - 1 - y) {
                            let from = spans[dy + n] + (y + dy) * width
                            for x in 0..<width { out[row + x] = min(out[row + x], rows[from + x]) }
                        }
                    }
                }
            }
            return out
        }
        let inner = disk(whole)
        guard fraction > 0 else { return inner }
        let outer = disk(whole + 1)
        return zip(inner, outer).map { a, b in
            UInt8((Float(a) * (1 - fraction) + Float(b) * fraction).rounded())
        }
    }

    /// The half-length of the disk of `radius` (integer offsets within that distance) in row
    /// `dy` of it: the largest `h` with `h² + dy² ≤ radius²`.
    static func halfSpan(dy: Int, radius: Int) -> Int {
        var h = 0
        while (h + 1) * (h + 1) + dy * dy <= radius * radius { h += 1 }
        return h
    }

    /// The same as `morph`, computed the slow, obvious way: the extreme over every offset of
    /// the disk, for each pixel, at both whole radii. For tests.
    static func morphReference(
        _ ink: [UInt8], width: Int, height: Int, radius: Float, dilate: Bool
    ) -> [UInt8] {
        let whole = Int(max(0, radius).rounded(.down))
        let fraction = max(0, radius) - Float(whole)
        func disk(_ n: Int) -> [UInt8] {
            var out = [UInt8](repeating: 0, count: ink.count)
            for y in 0..<height {
                for x in 0..<width {
                    var levels: [UInt8] = []
                    for dy in -n...n {
                        for dx in -n...n where dx * dx + dy * dy <= n * n {
                            let (u, v) = (x + dx, y + dy)
                            levels.append(u < 0 || v < 0 || u >= width || v >= height ? 0 : ink[v * width + u])
                        }
                    }
                    out[y * width + x] = (dilate ? levels.max() : levels.min()) ?? 0
                }
            }
            return out
        }
        let inner = disk(whole)
        guard fraction > 0 else { return inner }
        return zip(inner, disk(whole + 1)).map { a, b in
            UInt8((Float(a) * (1 - fraction) + Float(b) * fraction).rounded())
        }
    }
}
