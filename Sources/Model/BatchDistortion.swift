/// Distorts a batch's images into `workspace.distorted` `[rows, side · side]`: row r is example
/// `indices[r]` through its own `Distortion` of this epoch (and, with `inkScale`, its ink list). Part p of the team takes a block of
/// the rows; each image's distortion depends only on (seed, epoch, example), never on the part.
struct BatchDistortion: TeamJob {
    /// `[count, side · side]` the training images.
    let images: UnsafePointer<UInt8>
    /// `[rows]` the batch's examples.
    let indices: UnsafePointer<Int32>
    let rows: Int
    let side: Int
    let augmentation: Augmentation
    /// The epoch's displacement fields (nil unless elastic), and `pool.fields`' storage.
    let pool: DisplacementPool?
    let fields: UnsafePointer<Float>?
    let seed: UInt64
    let epoch: Int
    let workspace: Workspace
    /// If set, each distorted image's ink list (PerImageSparseKernels.swift) is built right
    /// after it, its values scaled by this factor.
    var inkScale: Float? = nil

    func run(part: Int) {
        let width = side * side
        let scratch = workspace.paddedImage(part)
        for r in workspace.team.block(part, of: rows) {
            let example = Int(indices[r])
            let distortion = Distortion(
                augmentation: augmentation, pool: pool, seed: seed, epoch: epoch, index: example)
            distort_forward(
                images + example * width, workspace.distorted + r * width, side: side,
                distortion: distortion, fields: fields, fieldStride: pool?.stride ?? 0, padded: scratch)
            if let inkScale {
                var row = Int32(r)
                _ = ink_lists_forward(
                    workspace.distorted, indices: &row, rows: 1, width: width, scale: inkScale,
                    counts: workspace.inkCounts + r, pixels: workspace.inkPixels + r * width,
                    values: workspace.inkValues + r * width)
            }
        }
    }
}
