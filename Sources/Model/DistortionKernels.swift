// Resampling one image through a distortion (Distortion.swift): the fast kernel training runs
// for every image of every batch, and the plain reference it is tested against.
//
// The fast kernel folds the affine map and the elastic field into one source position per
// output pixel and samples it bilinearly once, with no branch: the image is copied into a
// float buffer with a zero border, and positions are clamped onto that border (eight pixels
// at a time with SIMD where the positions surely fall inside the buffer, else one by one). It skips whole
// output rows that cannot reach ink: the source image's ink bounding box is found while the
// image is converted to floats, and a row whose source positions all fall outside that box
// widened by one pixel (all four taps of each blank) is written as zeros with no sampling. The result is rounded to the nearest byte, as
// the data set's own pixels are; both paths compute the same bilinear value, so they differ
// only where Float and Float64 rounding straddle a half (by one grey level at most).

/// Distorts the `side` × `side` image `source` into `target` (both `[side · side]` bytes).
///
/// - `fields`: the epoch's `DisplacementPool.fields` (nil, or `distortion.isElastic` false,
///   for an affine distortion), rows of `fieldStride` values.
/// - `padded`: scratch `[paddedImageSize(side:)]` floats: the image with a zero border of
///   `distortionBorder` pixels (this kernel writes only its interior), then a scratch row.
func distort_forward(
    _ source: UnsafePointer<UInt8>, _ target: UnsafeMutablePointer<UInt8>, side: Int,
    distortion t: Distortion, fields: UnsafePointer<Float>?, fieldStride: Int,
    padded: UnsafeMutablePointer<Float>
) {
    let (ps, border) = (side + 2 * distortionBorder, distortionBorder)
    // Convert to floats into the padded image, finding the ink's rows and columns (the
    // largest value of each column goes to the `side` floats after the image; no branches).
    let columnPeak = padded + paddedImageSize(side: side) - side
    columnPeak.update(repeating: 0, count: side)
    var top = side, bottom = -1
    for y in 0..<side {
        let row = source + y * side
        let out = padded + (y + border) * ps + border
        var any: UInt8 = 0
        for x in 0..<side {
            let value = Float(row[x])
            out[x] = value
            columnPeak[x] = max(columnPeak[x], value)
            any |= row[x]
        }
        guard any != 0 else { continue }
        if top == side { top = y }
        bottom = y
    }
    guard bottom >= 0 else {
        target.update(repeating: 0, count: side * side)
        return
    }
    var (firstColumn, lastColumn) = (side, 0)
    for x in 0..<side {
        firstColumn = min(firstColumn, columnPeak[x] > 0 ? x : side)
        lastColumn = max(lastColumn, columnPeak[x] > 0 ? x : 0)
    }
    // Source positions strictly inside (left, right) × (above, below) have a tap on ink.
    // (In padded coordinates: + border.)
    let left = Float(firstColumn - 1 + border), right = Float(lastColumn + 1 + border)
    let above = Float(top - 1 + border), below = Float(bottom + 1 + border)
    let c = Float(side - 1) / 2
    let elastic = fields != nil && t.isElastic
    let fieldBase = fields ?? UnsafePointer(padded)  // read only if elastic
    // Positions are clamped to [0, highest] (highest: a border column whose right neighbour
    // is in the buffer too).
    let highest = Float(ps - 2)
    let reachX = elastic ? t.fieldX.reach : 0, reachY = elastic ? t.fieldY.reach : 0
    let gx = elastic ? t.fieldX.gain : 0, gy = elastic ? t.fieldY.gain : 0
    for y in 0..<side {
        let v = Float(y) - c
        let rowX = t.b * v + c + t.shiftX + Float(border)  // in padded coordinates
        let rowY = t.e * v + c + t.shiftY + Float(border)
        let out = target + y * side
        // Along the row the affine position is linear in x (the field moves it by at most its
        // reach): the pixels that can reach ink form one run [first, last]; the rest are blank.
        let (firstX, lastX) = inkRun(
            origin: rowX, slope: t.a, low: left - reachX, high: right + reachX, c: c, side: side)
        let (firstY, lastY) = inkRun(
            origin: rowY, slope: t.d, low: above - reachY, high: below + reachY, c: c, side: side)
        let (first, last) = (max(firstX, firstY), min(lastX, lastY))
        guard first <= last else {
            out.update(repeating: 0, count: side)
            continue
        }
        out.update(repeating: 0, count: first)
        (out + last + 1).update(repeating: 0, count: side - 1 - last)
        let fx = fieldBase + (elastic ? t.fieldX.start + y * fieldStride : 0)
        let fy = fieldBase + (elastic ? t.fieldY.start + y * fieldStride : 0)
        // Runs of eight, the last one moved back to end at `last` (pixels outside the run, or
        // done twice, get the same exact value: the sampler is exact everywhere).
        var x = side >= 8 ? min(first, side - 8) : first
        while side >= 8 && x <= last {
            x = min(x, side - 8)
            // Eight pixels at once where all their positions surely lie inside the padded
            // image (the affine part's ends, widened by the field's reach); else one by one.
            let (x0, y0) = (rowX + t.a * (Float(x) - c), rowY + t.d * (Float(x) - c))
            let (x7, y7) = (x0 + 7 * t.a, y0 + 7 * t.d)
            guard
                min(x0, x7) - reachX > 0.01 && max(x0, x7) + reachX < highest - 0.01
                    && min(y0, y7) - reachY > 0.01 && max(y0, y7) + reachY < highest - 0.01
            else { break }
            let u = SIMD8<Float>(repeating: Float(x) - c) + SIMD8<Float>(0, 1, 2, 3, 4, 5, 6, 7)
            var sx = rowX + t.a * u, sy = rowY + t.d * u
            if elastic {
                sx += gx * UnsafeRawPointer(fx + x).loadUnaligned(as: SIMD8<Float>.self)
                sy += gy * UnsafeRawPointer(fy + x).loadUnaligned(as: SIMD8<Float>.self)
            }
            let (floorX, floorY) = (sx.rounded(.down), sy.rounded(.down))
            let (wx, wy) = (sx - floorX, sy - floorY)
            let index = nearestIntegers(floorY * Float(ps) + floorX)  // exact: already whole
            var (p00, p01, p10, p11) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
            for lane in 0..<8 {
                let p = padded + Int(index[lane])
                (p00[lane], p01[lane], p10[lane], p11[lane]) = (p[0], p[1], p[ps], p[ps + 1])
            }
            let upper = p00 + wx * (p01 - p00), lower = p10 + wx * (p11 - p10)
            // A convex combination of 0...255: no clamp needed before rounding.
            let bytes = SIMD8<UInt8>(truncatingIfNeeded: nearestIntegers(upper + wy * (lower - upper)))
            UnsafeMutableRawPointer(out + x).storeBytes(of: bytes, as: SIMD8<UInt8>.self)
            x += 8
        }
        while x <= last {
            let u = Float(x) - c
            let sx = min(max(rowX + t.a * u + gx * fx[x], 0), highest)
            let sy = min(max(rowY + t.d * u + gy * fy[x], 0), highest)
            let ix = Int(sx), iy = Int(sy)  // ≥ 0: truncation is the floor
            let wx = sx - Float(ix), wy = sy - Float(iy)
            let p = padded + iy * ps + ix
            let upper = p[0] + wx * (p[1] - p[0]), lower = p[ps] + wx * (p[ps + 1] - p[ps])
            out[x] = UInt8(min(upper + wy * (lower - upper) + 0.5, 255))
            x += 1
        }
    }
}

/// The zero border around the image in the kernel's scratch buffer, pixels: wide enough that
/// the positions of MNIST's distorted ink stay inside without clamping.
let distortionBorder = 8

/// Floats in `distort_forward`'s scratch image for `side` × `side` images.
/// (The image with its border, then `side` floats of column peaks.)
func paddedImageSize(side: Int) -> Int { (side + 2 * distortionBorder) * (side + 2 * distortionBorder) + side }

/// `values` (each in [0, 2²³)) rounded to the nearest integer (ties to even): adding 2²³
/// rounds them into the low mantissa bits, read as integers (no conversion instruction:
/// Swift's generic SIMD float-to-integer conversion runs lane by lane with checks).
@inline(__always)
private func nearestIntegers(_ values: SIMD8<Float>) -> SIMD8<UInt32> {
    unsafeBitCast(values + 8_388_608, to: SIMD8<UInt32>.self) & 0x7F_FFFF
}

/// The pixels x of a row whose position `origin + slope · (x − c)` lies strictly between
/// `low` and `high`, widened by one pixel for rounding: `(first, last)`, empty if first > last.
@inline(__always)
private func inkRun(origin: Float, slope: Float, low: Float, high: Float, c: Float, side: Int) -> (Int, Int) {
    if slope == 0 { return origin > low && origin < high ? (0, side - 1) : (1, 0) }
    let (u1, u2) = ((low - origin) / slope, (high - origin) / slope)
    let lowest = min(u1, u2) + c - 1, highest = max(u1, u2) + c + 1
    guard lowest < Float(side), highest > 0 else { return (1, 0) }
    return (Int(max(lowest, 0)), Int(min(highest, Float(side - 1))))
}

/// The plain reference of `distort_forward`: every output pixel sampled bilinearly in Float64,
/// with zeros outside the image, no shortcuts. `fieldX`, `fieldY` are the displacement windows
/// in field units `[side · side]` (nil for none). Returns `[side · side]` grey levels, unrounded.
func distortReference(
    _ source: [UInt8], side: Int, distortion t: Distortion, fieldX: [Float]?, fieldY: [Float]?
) -> [Double] {
    func pixel(_ x: Int, _ y: Int) -> Double {
        x >= 0 && x < side && y >= 0 && y < side ? Double(source[y * side + x]) : 0
    }
    let c = Double(side - 1) / 2
    var result = [Double](repeating: 0, count: side * side)
    for y in 0..<side {
        for x in 0..<side {
            let (u, v) = (Double(x) - c, Double(y) - c)
            var sx = Double(t.a) * u + Double(t.b) * v + c + Double(t.shiftX)
            var sy = Double(t.d) * u + Double(t.e) * v + c + Double(t.shiftY)
            if let fieldX, let fieldY {
                sx += Double(t.fieldX.gain) * Double(fieldX[y * side + x])
                sy += Double(t.fieldY.gain) * Double(fieldY[y * side + x])
            }
            let (x0, y0) = (Int(sx.rounded(.down)), Int(sy.rounded(.down)))
            let (wx, wy) = (sx - Double(x0), sy - Double(y0))
            result[y * side + x] =
                (1 - wy) * ((1 - wx) * pixel(x0, y0) + wx * pixel(x0 + 1, y0))
                + wy * ((1 - wx) * pixel(x0, y0 + 1) + wx * pixel(x0 + 1, y0 + 1))
        }
    }
    return result
}
