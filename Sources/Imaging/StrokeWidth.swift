/// Thinning marker strokes towards MNIST's pen before the digit is scaled to its 20 × 20 box.
///
/// MNIST's digits were written with one pen: in the 20-pixel box their strokes are about 2–3
/// pixels wide (median 2.5, quartiles 2.2 and 2.9, 95th percentile 3.8, measured as below on
/// test digits). A digit drawn with a marker, or typed in a bold font, keeps its thick strokes
/// when scaled, and the network misreads more of them (loops fill in, strokes merge). Width
/// alone cannot tell a marker from one of MNIST's own thick pens, so digits are thinned only
/// beyond MNIST's median pen, and not all the way to it:
///
/// 1. The ink's rectangle is resized to a *detail* image `detailScale` times the size the digit
///    will have in the box (at most 80 × 80 pixels), where a stroke is several pixels wide
///    whatever the picture's size; a smaller rectangle is used as it is (`Detail`).
/// 2. Its mean stroke width, in box pixels: `2 · Σ ink / Σ |∇ ink|` over the detail image,
///    divided by its scale (ink area over half the outline's length: a stroke of length
///    `L` and width `w` has area `L · w` and an outline of about `2 L`; the gradient's sum
///    measures the outline of anti-aliased ink without thresholding it).
/// 3. When that width is above `pen`, the detail image is eroded (grey-level: each pixel
///    becomes the smallest ink level within a disk) by `thinnedFraction` of the excess, half
///    on each side of a stroke, so `w` becomes `pen + (1 − thinnedFraction) · (w − pen)`.
///    A fractional radius blends the erosions by the two nearest whole radii, so the result
///    changes smoothly with the width and keeps the strokes' anti-aliased levels.
/// 4. The eroded ink is cropped to its own bounding box (it lost the erosion's radius on each
///    side) and that is what is scaled to the box.
///
/// Digits at or below `pen` (half of MNIST, thin pens on big canvases) are left exactly as
/// they are; MNIST's thicker half changes little. `pen` and `thinnedFraction` were chosen on a
/// Python model of this preprocessing: on 1,500 MNIST test digits drawn with marker strokes
/// (grey dilation by 3.5–5% of the digit's height, as scripts/user-digits.py draws them) the
/// default model's loss against the plain digits fell from 1.3–2.6 points to 0.3–0.5, with the
/// plain digits read as before.
enum StrokeWidth {
    /// How many times larger than its size in the box the detail image is.
    static let detailScale = 4
    /// The widest mean stroke, in pixels of the 20-pixel box, that is left as it is: MNIST's
    /// median.
    static let pen: Float = 2.5
    /// The part of the width beyond `pen` that erosion takes off.
    static let thinnedFraction: Float = 0.75

    /// The digit in the `rect` of `ink` (`[any, sourceWidth]`, 0 = paper, 255 = full ink),
    /// thinned (see the type's description) and resized to fit `box` × `box`, as
    /// `[height, width]` ink levels; nil when its strokes are not thicker than `pen` (resize
    /// the rectangle as it is then).
    ///
    /// - Parameters:
    ///   - width, height: the size the rectangle takes in the box (its longer side `box`).
    static func thinned(
        _ ink: [UInt8], sourceWidth: Int, rect: (x: Int, y: Int, width: Int, height: Int),
        width: Int, height: Int, box: Int
    ) -> (digit: [Float], width: Int, height: Int)? {
        let detail = Detail(ink, sourceWidth: sourceWidth, rect: rect, width: width, height: height, box: box)
        let excess = meanWidth(detail.ink, width: detail.width, height: detail.height) / detail.scale - pen
        guard excess > 0 else { return nil }
        // Half the thinning on each side of a stroke, in detail pixels.
        let radius = thinnedFraction * excess / 2 * detail.scale
        let eroded = erode(detail.ink, width: detail.width, height: detail.height, radius: radius)
        guard let kept = inkBoundingBox(eroded, width: detail.width, height: detail.height) else {
            return nil
        }
        let longer = max(kept.width, kept.height)
        let newWidth = max(1, min(box, (kept.width * box + longer / 2) / longer))
        let newHeight = max(1, min(box, (kept.height * box + longer / 2) / longer))
        let digit = resize(eroded, sourceWidth: detail.width, rect: kept, toWidth: newWidth, height: newHeight)
        return (digit, newWidth, newHeight)
    }

    /// The image strokes are measured and eroded on: the digit's rectangle resized to
    /// `detailScale` times its size in the box, or, when the rectangle is smaller than that
    /// (a small picture), the rectangle itself, so that nothing is enlarged (and blurred).
    struct Detail {
        /// Ink levels, `[height, width]`.
        var ink: [UInt8]
        var width: Int
        var height: Int
        /// Detail pixels per pixel of the box.
        var scale: Float

        /// The detail image of the `rect` of `source` (`[any, sourceWidth]`), which takes
        /// `width` × `height` pixels in a box of `box`.
        init(
            _ source: [UInt8], sourceWidth: Int, rect: (x: Int, y: Int, width: Int, height: Int),
            width: Int, height: Int, box: Int
        ) {
            if rect.width >= width * detailScale && rect.height >= height * detailScale {
                (self.width, self.height) = (width * detailScale, height * detailScale)
                scale = Float(detailScale)
                ink = resize(source, sourceWidth: sourceWidth, rect: rect, toWidth: self.width, height: self.height)
                    .map { UInt8(min(255, max(0, $0.rounded()))) }
            } else {
                (self.width, self.height) = (rect.width, rect.height)
                scale = Float(max(rect.width, rect.height)) / Float(box)
                ink = [UInt8](repeating: 0, count: rect.width * rect.height)
                for y in 0..<rect.height {
                    let from = (rect.y + y) * sourceWidth + rect.x
                    ink[(y * rect.width)..<((y + 1) * rect.width)] = source[from..<(from + rect.width)]
                }
            }
        }
    }

    /// The mean stroke width, in pixels of the box, of the digit in the `rect` of `ink` once it
    /// is scaled to `width` × `height` in a box of `box` (measured on the detail image, as
    /// `thinned` does).
    static func boxWidth(
        _ ink: [UInt8], sourceWidth: Int, rect: (x: Int, y: Int, width: Int, height: Int),
        width: Int, height: Int, box: Int
    ) -> Float {
        let detail = Detail(ink, sourceWidth: sourceWidth, rect: rect, width: width, height: height, box: box)
        return meanWidth(detail.ink, width: detail.width, height: detail.height) / detail.scale
    }

    /// The mean stroke width of `ink` (`[height, width]`, any scale), in its pixels:
    /// `2 · Σ ink / Σ |∇ ink|`, the gradient by central differences with paper (0) outside
    /// the image (and taken there too); 0 for an image without ink.
    static func meanWidth(_ ink: [UInt8], width: Int, height: Int) -> Float {
        var area: Float = 0
        var outline: Float = 0
        func at(_ x: Int, _ y: Int) -> Float {
            x < 0 || y < 0 || x >= width || y >= height ? 0 : Float(ink[y * width + x])
        }
        // The gradient is also taken on the paper around the image, where edges at its border
        // have half their difference.
        for y in -1...height {
            for x in -1...width {
                area += at(x, y)
                let gx = (at(x + 1, y) - at(x - 1, y)) / 2
                let gy = (at(x, y + 1) - at(x, y - 1)) / 2
                outline += (gx * gx + gy * gy).squareRoot()
            }
        }
        return outline > 0 ? 2 * area / outline : 0
    }

    /// Grey-level erosion of `ink` (`[height, width]`) by a disk of `radius` pixels (any
    /// non-negative value): each pixel becomes the smallest level within the disk, paper (0)
    /// outside the image. A fractional radius `n + f` blends the erosions by the disks of
    /// radius `n` and `n + 1` (the integer offsets within that distance), `(1 − f)` and `f`.
    ///
    /// Fast path: the disk is a stack of row segments, so each row is first eroded by segments
    /// of every half-length 0...n + 1 (each from the previous one, a minimum of three), and a
    /// pixel takes the minimum of the right segment in each row of the disk.
    static func erode(_ ink: [UInt8], width: Int, height: Int, radius: Float) -> [UInt8] {
        let r = max(0, radius)
        let whole = Int(r.rounded(.down))
        let fraction = r - Float(whole)
        // rows[h]: each row eroded by the segment −h...h.
        var rows = [ink]
        for _ in 0..<(whole + 1) {
            let last = rows[rows.count - 1]
            var next = last
            for y in 0..<height {
                let row = y * width
                for x in 0..<width {
                    let left = x > 0 ? last[row + x - 1] : 0
                    let right = x + 1 < width ? last[row + x + 1] : 0
                    next[row + x] = min(last[row + x], left, right)
                }
            }
            rows.append(next)
        }
        func disk(_ n: Int) -> [UInt8] {
            var out = [UInt8](repeating: 0, count: ink.count)
            let spans = (-n...n).map { dy in halfSpan(dy: dy, radius: n) }
            for y in 0..<height where y >= n && y + n < height {
                for x in 0..<width {
                    var smallest = UInt8.max
                    for (k, dy) in (-n...n).enumerated() {
                        smallest = min(smallest, rows[spans[k]][(y + dy) * width + x])
                    }
                    out[y * width + x] = smallest
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

    /// The same as `erode`, computed the slow, obvious way: the minimum over every offset of
    /// the disk, for each pixel, at both whole radii. For tests.
    static func erodeReference(_ ink: [UInt8], width: Int, height: Int, radius: Float) -> [UInt8] {
        let whole = Int(max(0, radius).rounded(.down))
        let fraction = max(0, radius) - Float(whole)
        func disk(_ n: Int) -> [UInt8] {
            var out = [UInt8](repeating: 0, count: ink.count)
            for y in 0..<height {
                for x in 0..<width {
                    var smallest = UInt8.max
                    for dy in -n...n {
                        for dx in -n...n where dx * dx + dy * dy <= n * n {
                            let (u, v) = (x + dx, y + dy)
                            let level = u < 0 || v < 0 || u >= width || v >= height ? 0 : ink[v * width + u]
                            smallest = min(smallest, level)
                        }
                    }
                    out[y * width + x] = smallest
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
