/// The buffers a forward and backward pass works in, sized once for a batch size and reused for
/// every batch (so the training loop allocates nothing). The buffers are manually managed:
/// allocated in `init`, freed in `deinit` (as are `ParameterBuffers` and the worker team's
/// mutex and condition variable).
///
/// For `rows` ≤ `capacity` examples, each buffer's first `rows` rows are used:
/// - `input` `[rows, layerSizes[0]]`: the scaled pixels;
/// - `labels` `[rows]`;
/// - `preActivation(i)` `[rows, out_i]`: z of layer i (for the last layer, the logits);
/// - `activation(i)` `[rows, out_i]`: f(z) of hidden layer i;
/// - `gradient(i)` `[rows, out_i]`: ∂L/∂z of layer i (on its way, ∂L/∂a of hidden layers);
/// - `lossSums`, `corrects` `[team.size]`: each thread's share of the batch's loss and hits;
/// - for skipping blank pixels (see SparseInputKernels.swift): `activeColumns` `[inputSize]`
///   (the first `activeCount` used; `activeCount == inputSize` means the input is dense),
///   `compactWeight` and `compactGradient` `[out_0 · activeCount]`: each part of the team's
///   block of neurons `[activeCount, neurons]` at `neurons.lowerBound · activeCount`;
/// - for the per-image sparse first layer (see PerImageSparseKernels.swift): the ink lists
///   `inkCounts` `[capacity]`, `inkPixels`, `inkValues` `[capacity, inputSize]` and the pixel
///   lists `pixelCounts` `[inputSize]`, `pixelRows`, `pixelValues` `[inputSize, capacity]`, in
///   use when `firstLayerInput` is `.perImage`;
/// - for distortions (see DistortionKernels.swift): `distorted` `[rows, inputSize]` bytes, the
///   batch's distorted images, and `paddedImage(part)` `[paddedImageSize(side:)]` each thread's scratch
///   image (zero border), for square inputs of `side` × `side` pixels.
final class Workspace {
    /// The most rows (examples) the buffers hold.
    let capacity: Int
    /// The threads that share each batch's work (see TrainingStep+Optimisations.swift).
    let team: WorkerTeam
    let input: UnsafeMutablePointer<Float>
    let labels: UnsafeMutablePointer<UInt8>
    private let pre: UnsafeMutablePointer<Float>
    private let post: UnsafeMutablePointer<Float>
    private let grad: UnsafeMutablePointer<Float>
    let lossSums: UnsafeMutablePointer<Double>
    let corrects: UnsafeMutablePointer<Int>
    let columnMask: UnsafeMutablePointer<UInt8>
    let activeColumns: UnsafeMutablePointer<Int32>
    /// Columns of `input` in use; `input` is `[rows, activeCount]`.
    var activeCount: Int {
        didSet { firstLayerInput = activeCount < sizes[0] ? .activeColumns : .dense }
    }
    /// How the first layer reads the current batch (set with `activeCount`, or to `.perImage`
    /// once the ink and pixel lists are built).
    var firstLayerInput = FirstLayerInput.dense
    let inkCounts: UnsafeMutablePointer<Int32>
    let inkPixels: UnsafeMutablePointer<Int32>
    let inkValues: UnsafeMutablePointer<Float>
    let pixelCounts: UnsafeMutablePointer<Int32>
    let pixelRows: UnsafeMutablePointer<Int32>
    let pixelValues: UnsafeMutablePointer<Float>
    let compactWeight: UnsafeMutablePointer<Float>
    let compactGradient: UnsafeMutablePointer<Float>
    let distorted: UnsafeMutablePointer<UInt8>
    private let paddedImages: UnsafeMutablePointer<Float>
    /// Floats per `paddedImage(part)`.
    let paddedImageSize: Int
    private let offsets: [Int]
    private let sizes: [Int]

    /// Buffers for batches of up to `capacity` examples through `architecture`, worked on by
    /// `team` (default: the calling thread alone).
    init(architecture: Architecture, capacity: Int, team: WorkerTeam = WorkerTeam(size: 1)) {
        self.capacity = max(1, capacity)
        self.team = team
        sizes = architecture.layerSizes
        var offsets: [Int] = []
        var total = 0
        for width in sizes.dropFirst() {
            offsets.append(total)
            total += width * self.capacity
        }
        self.offsets = offsets
        input = .allocateAligned(self.capacity * sizes[0])
        labels = .allocate(capacity: self.capacity)
        pre = .allocateAligned(total)
        post = .allocateAligned(total)
        grad = .allocateAligned(total)
        lossSums = .allocate(capacity: team.size)
        corrects = .allocate(capacity: team.size)
        activeCount = sizes[0]
        let firstLayer = sizes[0] * sizes[1]
        columnMask = .allocate(capacity: sizes[0])
        activeColumns = .allocate(capacity: sizes[0])
        compactWeight = .allocateAligned(firstLayer)
        compactGradient = .allocateAligned(firstLayer)
        let lists = self.capacity * sizes[0]
        inkCounts = .allocate(capacity: self.capacity)
        inkPixels = .allocate(capacity: lists)
        inkValues = .allocate(capacity: lists)
        pixelCounts = .allocate(capacity: sizes[0])
        pixelRows = .allocate(capacity: lists)
        pixelValues = .allocate(capacity: lists)
        inkCounts.initialize(repeating: 0, count: self.capacity)
        inkPixels.initialize(repeating: 0, count: lists)
        inkValues.initialize(repeating: 0, count: lists)
        pixelCounts.initialize(repeating: 0, count: sizes[0])
        pixelRows.initialize(repeating: 0, count: lists)
        pixelValues.initialize(repeating: 0, count: lists)
        let side = Int(Double(sizes[0]).squareRoot().rounded(.up))
        paddedImageSize = Model.paddedImageSize(side: side)
        distorted = .allocate(capacity: self.capacity * sizes[0])
        paddedImages = .allocate(capacity: team.size * paddedImageSize)
        distorted.initialize(repeating: 0, count: self.capacity * sizes[0])
        paddedImages.initialize(repeating: 0, count: team.size * paddedImageSize)
        columnMask.initialize(repeating: 0, count: sizes[0])
        activeColumns.initialize(repeating: 0, count: sizes[0])
        compactWeight.initialize(repeating: 0, count: firstLayer)
        compactGradient.initialize(repeating: 0, count: firstLayer)
        input.initialize(repeating: 0, count: self.capacity * sizes[0])
        labels.initialize(repeating: 0, count: self.capacity)
        pre.initialize(repeating: 0, count: total)
        post.initialize(repeating: 0, count: total)
        grad.initialize(repeating: 0, count: total)
        lossSums.initialize(repeating: 0, count: team.size)
        corrects.initialize(repeating: 0, count: team.size)
    }

    deinit {
        for buffer in [input, pre, post, grad, compactWeight, compactGradient, paddedImages, inkValues, pixelValues] {
            buffer.deallocate()
        }
        lossSums.deallocate()
        corrects.deallocate()
        columnMask.deallocate()
        activeColumns.deallocate()
        labels.deallocate()
        distorted.deallocate()
        for buffer in [inkCounts, inkPixels, pixelCounts, pixelRows] { buffer.deallocate() }
    }

    /// Whether `input` holds only the active columns (`activeCount` < input size).
    var isSparse: Bool { firstLayerInput == .activeColumns }

    /// z of layer `i`, `[capacity, out_i]`.
    func preActivation(_ i: Int) -> UnsafeMutablePointer<Float> { pre + offsets[i] }

    /// f(z) of layer `i`, `[capacity, out_i]`.
    func activation(_ i: Int) -> UnsafeMutablePointer<Float> { post + offsets[i] }

    /// Scratch image `[paddedImageSize(side:)]` (zero border) of the team's thread `part`.
    func paddedImage(_ part: Int) -> UnsafeMutablePointer<Float> { paddedImages + part * paddedImageSize }

    /// ∂L/∂z of layer `i`, `[capacity, out_i]`.
    func gradient(_ i: Int) -> UnsafeMutablePointer<Float> { grad + offsets[i] }

    /// The input of layer `i`: the network input for layer 0, else the previous activation.
    func layerInput(_ i: Int) -> UnsafeMutablePointer<Float> { i == 0 ? input : activation(i - 1) }

    /// The row length of `layerInput(i)`: `activeCount` for layer 0, else layer i's input size.
    func layerInputWidth(_ i: Int) -> Int { i == 0 ? activeCount : sizes[i] }
}

/// How the training step's first layer reads a batch (TrainingStep+FirstLayer.swift).
enum FirstLayerInput: Equatable {
    /// `Workspace.input` `[rows, inputSize]`, every pixel: dense products.
    case dense
    /// `Workspace.input` `[rows, activeCount]`, the columns non-zero in some image (SparseInputKernels.swift).
    case activeColumns
    /// The ink and pixel lists of each image's non-zero pixels (PerImageSparseKernels.swift).
    case perImage
}
