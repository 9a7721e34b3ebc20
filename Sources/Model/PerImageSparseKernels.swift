// The per-image sparse first layer. One MNIST image has only ~151 of its 784 pixels non-zero (a
// distorted one ~198), while a batch of 128 has ~521 columns non-zero in some image (distorted:
// ~689), the width the active-column products of SparseInputKernels.swift multiply by. Taken
// image by image over each image's own non-zero pixels, the first layer's products do about 0.29
// of that arithmetic. Each non-zero pixel p then adds a whole row of W₀ᵀ, so these kernels work on
// layer 0's weights in the transposed layout `W₀ᵀ [in, out]` (as training keeps them:
// `ParameterBuffers`):
//
//   forward   z[r, :] = Σ_{p ∈ ink(r)} x[r, p] · W₀ᵀ[p, :]           by image, from the ink lists
//   backward  ∂W₀ᵀ[p, :] = Σ_{r : x[r, p] ≠ 0} x[r, p] · ∂z[r, :]    by pixel, from the pixel lists
//
// Both hold a tile of 64 (then 16) neurons in SIMD registers while they walk one list, so every
// row of W₀ᵀ or ∂z read is a few contiguous vector loads, and the backward pass accumulates a
// pixel's whole gradient in registers before it writes it once (fused with the momentum step).
// The lists are built once per batch:
//
// - ink lists (by image): `inkCounts [rows]`; image r's non-zero pixels ascending in
//   `inkPixels [rows, width]` and their scaled values in `inkValues [rows, width]` (row r's first
//   `inkCounts[r]` entries);
// - pixel lists (by pixel): `pixelCounts [width]`; the images in which pixel p is non-zero,
//   ascending, in `pixelRows [width, capacity]`, their values in `pixelValues [width, capacity]`.
//
// Valid only when a zero pixel maps to a zero input (InputScaling.offset == 0). The plain loops
// they are tested against are in PerImageSparseTests.swift; the whole training step through them
// is checked against `referenceTrainingStep` by ReferenceStepTests.

/// Builds the ink lists of the batch's images (see the top of this file): for each of `rows`
/// images `images[indices[r]]` (`[width]` bytes each), its non-zero pixels and their values
/// `Float(byte) · scale`. Returns the number of non-zero pixels of the rows.
func ink_lists_forward(
    _ images: UnsafePointer<UInt8>, indices: UnsafePointer<Int32>, rows: Int, width: Int, scale: Float,
    counts: UnsafeMutablePointer<Int32>, pixels: UnsafeMutablePointer<Int32>, values: UnsafeMutablePointer<Float>
) -> Int {
    var total = 0
    for r in 0..<rows {
        let source = images + Int(indices[r]) * width
        let (ps, xs) = (pixels + r * width, values + r * width)
        var n = 0
        var p = 0
        // Sixteen blank pixels at a time are skipped with one comparison; inside a chunk with
        // ink every pixel is written at the list's end, which moves on only past a non-zero one
        // (no branch to mispredict; the slot after the end is scratch, inside the row's list).
        while p + 16 <= width {
            let chunk = UnsafeRawPointer(source + p).loadUnaligned(as: SIMD16<UInt8>.self)
            if chunk != SIMD16<UInt8>() {
                for q in p..<(p + 16) {
                    ps[n] = Int32(q)
                    xs[n] = Float(source[q]) * scale
                    n += source[q] != 0 ? 1 : 0
                }
            }
            p += 16
        }
        for q in p..<width where source[q] != 0 {
            ps[n] = Int32(q)
            xs[n] = Float(source[q]) * scale
            n += 1
        }
        counts[r] = Int32(n)
        total += n
    }
    return total
}

/// Builds the pixel lists of the pixels `first..<end` from the batch's ink lists (`rows` images,
/// lists `width` apart): `pixelCounts[p]` and, `capacity` apart, the images (ascending) and values.
/// Each part of the team builds its own block of pixels.
func pixel_lists_forward(
    inkCounts: UnsafePointer<Int32>, inkPixels: UnsafePointer<Int32>, inkValues: UnsafePointer<Float>,
    rows: Int, width: Int, first: Int, end: Int, capacity: Int,
    counts: UnsafeMutablePointer<Int32>, pixelRows: UnsafeMutablePointer<Int32>,
    pixelValues: UnsafeMutablePointer<Float>
) {
    guard first < end else { return }
    (counts + first).update(repeating: 0, count: end - first)
    for r in 0..<rows {
        let (ps, xs) = (inkPixels + r * width, inkValues + r * width)
        for k in 0..<Int(inkCounts[r]) {
            let p = Int(ps[k])
            guard p >= first else { continue }
            guard p < end else { break }  // ascending
            let n = Int(counts[p])
            pixelRows[p * capacity + n] = Int32(r)
            pixelValues[p * capacity + n] = xs[k]
            counts[p] = Int32(n + 1)
        }
    }
}

/// Forward product of the first layer from the ink lists, for a block of `neurons` neurons:
/// `z[r, j] = Σ_k values[r, k] · weights[pixels[r, k], j]` for r < `rows`, j < `neurons`.
///
/// - `counts`, `pixels`, `values`: the ink lists (lists `listStride` apart).
/// - `weights`: the block's columns of `W₀ᵀ [in, out]`, rows `weightStride` (= out) apart.
/// - `z`: `[rows, neurons]`, rows `zStride` apart (overwritten; the bias comes after).
func sparse_rows_forward(
    counts: UnsafePointer<Int32>, pixels: UnsafePointer<Int32>, values: UnsafePointer<Float>, listStride: Int,
    rows: Int, _ weights: UnsafePointer<Float>, weightStride: Int, neurons: Int,
    _ z: UnsafeMutablePointer<Float>, zStride: Int
) {
    // Tiles of 64 neurons (4 registers), then of 16, then one by one; the rows inside, so a
    // tile's columns of W₀ᵀ (784 × 64 floats) stay in the core's cache across the batch.
    var j = 0
    while j < neurons {
        let tile = neurons - j >= 64 ? 64 : neurons - j >= 16 ? 16 : 1
        for r in 0..<rows {
            let (ps, xs) = (pixels + r * listStride, values + r * listStride)
            let n = Int(counts[r])
            let out = z + r * zStride + j
            switch tile {
            case 64:
                var (a0, a1, a2, a3) = (SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>())
                for k in 0..<n {
                    let w = weights + Int(ps[k]) * weightStride + j
                    let x = SIMD16<Float>(repeating: xs[k])
                    a0.addProduct(x, load16(w))
                    a1.addProduct(x, load16(w + 16))
                    a2.addProduct(x, load16(w + 32))
                    a3.addProduct(x, load16(w + 48))
                }
                store16(a0, out)
                store16(a1, out + 16)
                store16(a2, out + 32)
                store16(a3, out + 48)
            case 16:
                var a0 = SIMD16<Float>()
                for k in 0..<n {
                    a0.addProduct(SIMD16<Float>(repeating: xs[k]), load16(weights + Int(ps[k]) * weightStride + j))
                }
                store16(a0, out)
            default:
                var a: Float = 0
                for k in 0..<n { a = a.addingProduct(xs[k], weights[Int(ps[k]) * weightStride + j]) }
                out[0] = a
            }
        }
        j += tile
    }
}

/// The first layer's weight gradient from the pixel lists, for a block of `neurons` neurons and
/// every pixel p < `width`: `g[p, j] = Σ_k values[p, k] · dz[rows[p, k], j]`, then
/// `target[p, j] = beta · target[p, j] + g[p, j]` (`target` `[width, neurons]`, rows
/// `targetStride` apart; with beta 0 it is only written). `dz`: `[batch, neurons]`, rows
/// `dzStride` apart; lists `listStride` apart.
func sparse_columns_backward(
    counts: UnsafePointer<Int32>, rows: UnsafePointer<Int32>, values: UnsafePointer<Float>, listStride: Int,
    width: Int, _ dz: UnsafePointer<Float>, dzStride: Int, neurons: Int,
    _ target: UnsafeMutablePointer<Float>, targetStride: Int, beta: Float
) {
    sparseColumns(
        counts: counts, rows: rows, values: values, listStride: listStride, width: width, dz, dzStride: dzStride,
        neurons: neurons, rowStride: targetStride
    ) { offset, j, g in
        let t = target + offset + j
        store16(beta == 0 ? g : beta * load16(t) + g, t)
    } scalar: { offset, g in
        let t = target + offset
        t[0] = beta == 0 ? g : beta * t[0] + g
    }
}

/// The first layer's weight gradient from the pixel lists fused with the classical momentum step
/// (`sgd_momentum_update`'s arithmetic, in its order): for every pixel p < `width` and neuron
/// j < `neurons`, with g as in `sparse_columns_backward`,
/// `v[p, j] = μ · v[p, j] + g[p, j]; v += weightDecay · w; w −= lr · v`. `w`, `v` are the
/// block's columns of `W₀ᵀ` and its velocity (rows `stride` apart), each row read and written once.
func sparse_columns_momentum_update(
    counts: UnsafePointer<Int32>, rows: UnsafePointer<Int32>, values: UnsafePointer<Float>, listStride: Int,
    width: Int, _ dz: UnsafePointer<Float>, dzStride: Int, neurons: Int,
    _ w: UnsafeMutablePointer<Float>, velocity v: UnsafeMutablePointer<Float>, stride: Int,
    learningRate: Float, momentum: Float, weightDecay: Float
) {
    sparseColumns(
        counts: counts, rows: rows, values: values, listStride: listStride, width: width, dz, dzStride: dzStride,
        neurons: neurons, rowStride: stride
    ) { offset, j, g in
        let (wp, vp) = (w + offset + j, v + offset + j)
        let weights = load16(wp)
        var velocity = momentum * load16(vp) + g
        if weightDecay != 0 { velocity += weightDecay * weights }
        store16(velocity, vp)
        store16(weights - learningRate * velocity, wp)
    } scalar: { offset, g in
        let (wp, vp) = (w + offset, v + offset)
        vp[0] = momentum * vp[0] + g
        if weightDecay != 0 { vp[0] += weightDecay * wp[0] }
        wp[0] -= learningRate * vp[0]
    }
}

/// The loop both backward kernels share: for each tile of neurons (64, 16, then 1 wide) and each
/// pixel, the pixel's gradient over its list accumulated in registers, then handed to `apply`
/// (16 neurons at a time: row offset `p · rowStride + tile start`, neuron `j` within the row, the
/// gradient) or to `scalar` (one neuron: its offset in the target, the gradient).
@inline(__always)
private func sparseColumns(
    counts: UnsafePointer<Int32>, rows: UnsafePointer<Int32>, values: UnsafePointer<Float>, listStride: Int,
    width: Int, _ dz: UnsafePointer<Float>, dzStride: Int, neurons: Int, rowStride: Int,
    apply: (_ offset: Int, _ j: Int, _ gradient: SIMD16<Float>) -> Void,
    scalar: (_ offset: Int, _ gradient: Float) -> Void
) {
    // The tile's columns of ∂z (batch × 64 floats) stay in the core's cache across the pixels.
    var j = 0
    while j < neurons {
        let tile = neurons - j >= 64 ? 64 : neurons - j >= 16 ? 16 : 1
        for p in 0..<width {
            let (rs, xs) = (rows + p * listStride, values + p * listStride)
            let n = Int(counts[p])
            let offset = p * rowStride + j
            switch tile {
            case 64:
                var (g0, g1, g2, g3) = (SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>())
                for k in 0..<n {
                    let d = dz + Int(rs[k]) * dzStride + j
                    let x = SIMD16<Float>(repeating: xs[k])
                    g0.addProduct(x, load16(d))
                    g1.addProduct(x, load16(d + 16))
                    g2.addProduct(x, load16(d + 32))
                    g3.addProduct(x, load16(d + 48))
                }
                apply(p * rowStride, j, g0)
                apply(p * rowStride, j + 16, g1)
                apply(p * rowStride, j + 32, g2)
                apply(p * rowStride, j + 48, g3)
            case 16:
                var g0 = SIMD16<Float>()
                for k in 0..<n {
                    g0.addProduct(SIMD16<Float>(repeating: xs[k]), load16(dz + Int(rs[k]) * dzStride + j))
                }
                apply(p * rowStride, j, g0)
            default:
                var g: Float = 0
                for k in 0..<n { g = g.addingProduct(xs[k], dz[Int(rs[k]) * dzStride + j]) }
                scalar(offset, g)
            }
        }
        j += tile
    }
}

/// Sixteen floats from `p` (any alignment).
@inline(__always)
private func load16(_ p: UnsafePointer<Float>) -> SIMD16<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
}

@inline(__always)
private func load16(_ p: UnsafeMutablePointer<Float>) -> SIMD16<Float> { load16(UnsafePointer(p)) }

/// Stores sixteen floats at `p` (any alignment).
@inline(__always)
private func store16(_ v: SIMD16<Float>, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD16<Float>.self)
}
