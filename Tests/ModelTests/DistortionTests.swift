import Testing
@testable import Model

/// `count` 16 × 16 images, each a random bright rectangle of strokes on black (a blank border
/// of at least 2 pixels, like MNIST's), labelled by its shape's width (0...3).
private func strokeImages(count: Int, side: Int = 16, seed: UInt64) -> Examples {
    var random = RandomState(seed: seed)
    var images = [UInt8](repeating: 0, count: count * side * side)
    var labels = [UInt8](repeating: 0, count: count)
    for n in 0..<count {
        let label = random.nextInt(below: 4)
        labels[n] = UInt8(label)
        let (x0, y0) = (2 + random.nextInt(below: 3), 2 + random.nextInt(below: 3))
        for y in y0..<(side - 2) {
            for x in x0..<min(side - 2, x0 + 3 + 2 * label) where (x + y) % 3 != 0 {
                images[n * side * side + y * side + x] = UInt8(100 + random.nextInt(below: 156))
            }
        }
    }
    return Examples(images: images, labels: labels)
}

/// `distort_forward` on one image.
private func distorted(_ image: [UInt8], side: Int, _ distortion: Distortion, pool: DisplacementPool? = nil) -> [UInt8]
{
    var out = [UInt8](repeating: 7, count: image.count)
    var padded = [Float](repeating: 0, count: paddedImageSize(side: side))
    let fields = pool?.fields ?? []
    image.withUnsafeBufferPointer { source in
        out.withUnsafeMutableBufferPointer { target in
            fields.withUnsafeBufferPointer { f in
                padded.withUnsafeMutableBufferPointer { p in
                    distort_forward(
                        source.baseAddress!, target.baseAddress!, side: side, distortion: distortion,
                        fields: pool == nil ? nil : f.baseAddress, fieldStride: pool?.stride ?? 0,
                        padded: p.baseAddress!)
                }
            }
        }
    }
    return out
}

@Test func theIdentityDistortionReproducesTheImageExactly() throws {
    let examples = strokeImages(count: 5, side: 28, seed: 1)
    for n in 0..<5 {
        let image = Array(examples.images[(n * 784)..<((n + 1) * 784)])
        #expect(distorted(image, side: 28, .identity) == image)
    }
    // An augmentation with every range 0 is the identity too.
    var none = Augmentation(kind: .elastic)
    (none.rotationDegrees, none.scale, none.shear, none.shiftPixels, none.elasticPixels) = (0, 0, 0, 0, 0)
    #expect(none.distort(examples.images, count: 5, seed: 3, epoch: 1) == examples.images)
    #expect(Augmentation.none.distort(examples.images, count: 5, seed: 3, epoch: 1) == examples.images)
}

@Test func aOnePixelShiftMovesTheImageByOnePixel() throws {
    let side = 28
    let image = Array(strokeImages(count: 1, side: side, seed: 2).images)
    let right = distorted(image, side: side, Distortion(shiftX: -1))  // each pixel samples its left neighbour
    let down = distorted(image, side: side, Distortion(shiftY: -1))
    for y in 0..<side {
        for x in 0..<side {
            #expect(right[y * side + x] == (x == 0 ? 0 : image[y * side + x - 1]))
            #expect(down[y * side + x] == (y == 0 ? 0 : image[(y - 1) * side + x]))
        }
    }
}

@Test func theFastKernelMatchesTheReference() throws {
    // Every kind, strong ranges (so that ink leaves the image), images of two sizes.
    for side in [16, 28] {
        let examples = strokeImages(count: 40, side: side, seed: 3)
        var strong = Augmentation(kind: .elastic)
        (strong.rotationDegrees, strong.scale, strong.shear, strong.shiftPixels, strong.elasticPixels) = (
            40, 0.4, 0.5, 5, 4
        )
        for augmentation in [Augmentation(kind: .affine), Augmentation(kind: .elastic), strong] {
            let pool = DisplacementPool(side: side, sigma: augmentation.elasticSigma, seed: 9, epoch: 2)
            var largest = 0.0
            for n in 0..<examples.count {
                let image = Array(examples.images[(n * side * side)..<((n + 1) * side * side)])
                let d = Distortion(augmentation: augmentation, pool: pool, seed: 9, epoch: 2, index: n)
                let fast = distorted(image, side: side, d, pool: pool)
                let window = { (w: FieldWindow) in
                    (0..<(side * side)).map { pool.fields[w.start + ($0 / side) * pool.stride + $0 % side] }
                }
                let reference = distortReference(
                    image, side: side, distortion: d, fieldX: d.isElastic ? window(d.fieldX) : nil,
                    fieldY: d.isElastic ? window(d.fieldY) : nil)
                for i in 0..<fast.count { largest = max(largest, abs(Double(fast[i]) - reference[i])) }
            }
            #expect(largest <= 0.51, "side \(side), \(augmentation.summary): largest difference \(largest)")
        }
    }
}

@Test func theSeparableSmoothingMatchesTheDirectConvolution() {
    let noise = TestData.uniform(2 * 64 * 64, seed: 4)
    let taps = gaussianTaps(sigma: 4)
    #expect(taps.count == 9 && abs(taps.reduce(0, +) - 1) < 1e-6)
    let fast = smoothTorus(noise, period: 64, count: 2, kernel: taps)
    let reference = smoothTorusReference(noise, period: 64, count: 2, kernel: taps)
    let largest = zip(fast, reference).map { abs(Double($0) - $1) }.max() ?? 1
    #expect(largest < 1e-5)
}

@Test(arguments: [1.0, 2.5, 6.0])
func theElasticDisplacementNeverExceedsItsSetting(pixels: Double) {
    var augmentation = Augmentation(kind: .elastic)
    augmentation.elasticPixels = pixels
    let pool = DisplacementPool(side: 28, sigma: 4, seed: 5, epoch: 1)
    var overall = 0.0
    for index in 0..<300 {
        let d = Distortion(augmentation: augmentation, pool: pool, seed: 5, epoch: 1, index: index)
        for w in [d.fieldX, d.fieldY] {
            var largest = 0.0
            for y in 0..<28 {
                for x in 0..<28 {
                    largest = max(largest, abs(Double(w.gain * pool.fields[w.start + y * pool.stride + x])))
                }
            }
            #expect(largest <= pixels * (1 + 1e-5))
            overall = max(overall, largest)
        }
    }
    // Each window is scaled so that its largest displacement is the setting (as the peer does).
    #expect(overall >= pixels * (1 - 1e-5))
}

@Test func distortionsAreDeterministicPerSeedAndEpoch() throws {
    let examples = strokeImages(count: 30, side: 28, seed: 6)
    let augmentation = Augmentation(kind: .elastic)
    let a = try #require(augmentation.distort(examples.images, count: 30, seed: 1, epoch: 1))
    #expect(augmentation.distort(examples.images, count: 30, seed: 1, epoch: 1) == a)
    #expect(augmentation.distort(examples.images, count: 30, seed: 1, epoch: 2) != a)
    #expect(augmentation.distort(examples.images, count: 30, seed: 2, epoch: 1) != a)
    #expect(a != examples.images)
    // Image i's distortion depends on its index alone, not on what else is distorted with it.
    let tail = try #require(
        augmentation.distort(Array(examples.images[(10 * 784)...]), count: 20, seed: 1, epoch: 1, firstIndex: 10))
    #expect(Array(a[(10 * 784)...]) == tail)
}

@Test func aBatchIsDistortedTheSameOnAnyNumberOfThreads() {
    let examples = strokeImages(count: 64, side: 28, seed: 7)
    let order: [Int32] = (0..<64).map { Int32(($0 * 37) % 64) }
    let pool = DisplacementPool(side: 28, sigma: 4, seed: 3, epoch: 4)
    var results: [[UInt8]] = []
    for threads in [1, 2, 3] {
        let architecture = Architecture(inputSize: 784, hiddenSizes: [8], classCount: 4)
        let workspace = Workspace(architecture: architecture, capacity: 64, team: WorkerTeam(size: threads))
        examples.images.withUnsafeBufferPointer { images in
            order.withUnsafeBufferPointer { indices in
                pool.fields.withUnsafeBufferPointer { fields in
                    workspace.team.run(
                        BatchDistortion(
                            images: images.baseAddress!, indices: indices.baseAddress!, rows: 64, side: 28,
                            augmentation: Augmentation(kind: .elastic), pool: pool, fields: fields.baseAddress,
                            seed: 3, epoch: 4, workspace: workspace))
                }
            }
        }
        results.append(Array(UnsafeBufferPointer(start: workspace.distorted, count: 64 * 784)))
    }
    #expect(results[0] == results[1] && results[0] == results[2])
    let alone = Augmentation(kind: .elastic).distort(
        Array(examples.images[(37 * 784)..<(38 * 784)]), count: 1, seed: 3, epoch: 4, firstIndex: 37)
    #expect(Array(results[0][784..<1568]) == alone)
}

private func augmentedRun(skipBlank: Bool = true) -> (Architecture, TrainingSettings, Examples) {
    var settings = Preset.fast.settings
    settings.epochs = 3
    settings.batchSize = 16
    settings.validationCount = 40
    settings.threads = 2
    settings.seed = 8
    settings.skipBlankInputs = skipBlank
    settings.augmentation = Augmentation(kind: .elastic)
    let architecture = Architecture(inputSize: 256, hiddenSizes: [12], classCount: 4)
    return (architecture, settings, strokeImages(count: 200, seed: 9))
}

@Test func resumingAnAugmentedRunGivesIdenticalWeights() throws {
    let (architecture, settings, examples) = augmentedRun()
    var whole = try Trainer(architecture: architecture, settings: settings, examples: examples)
    #expect(try whole.run())
    // Stop in the middle of epoch 2 (10 batches per epoch), then resume from the saved state
    // after a round trip through the checkpoint format.
    var parts = try Trainer(architecture: architecture, settings: settings, examples: examples)
    var batches = 0
    #expect(try parts.run(progress: { _ in batches += 1 }, shouldStop: { batches == 14 }) == false)
    let saved = try Checkpoint(Checkpoint(state: parts.state).safeTensors(), path: "memory")
    var resumed = try Trainer(resuming: saved.state, examples: examples)
    #expect(try resumed.run())
    #expect(resumed.state.latest.parameters == whole.state.latest.parameters)
    #expect(resumed.state.best == whole.state.best)
    #expect(resumed.state.history.map(\.loss) == whole.state.history.map(\.loss))
    // Distortions really were applied: the training loss differs from an undistorted run's.
    var plain = settings
    plain.augmentation = nil
    var undistorted = try Trainer(architecture: architecture, settings: plain, examples: examples)
    _ = try undistorted.run()
    #expect(undistorted.state.history.map(\.loss) != whole.state.history.map(\.loss))
}

@Test func blankColumnsAreFoundInTheDistortedBatch() throws {
    // The images' blank border is where distortions move ink: skipping the originals' blank
    // columns would drop it. Sparse and dense first layers must train alike.
    let (architecture, settings, examples) = augmentedRun()
    let (_, dense, _) = augmentedRun(skipBlank: false)
    let difference = try trainSideBySide(architecture, settings, dense, examples: examples).difference
    #expect(difference < 1e-4)
}

@Test func distortionsRefuseImagesThatAreNotSquare() {
    var settings = Preset.fast.settings
    settings.validationCount = 10
    let examples = TestData.blobs(count: 50, width: 24, classes: 3, seed: 1)
    #expect(throws: TrainingError.self) {
        _ = try Trainer(
            architecture: Architecture(inputSize: 24, hiddenSizes: [], classCount: 3),
            settings: settings, examples: examples)
    }
    var bad = Augmentation()
    bad.elasticSigma = 0
    #expect(bad.problem?.contains("sigma") == true)
}

@Test func thePlainFinalEpochsTrainOnTheImagesAsTheyAre() throws {
    var augmentation = Augmentation(kind: .elastic)
    augmentation.plainFinalEpochs = 2
    #expect((1...5).map { augmentation.distorts(epoch: $0, of: 5) } == [true, true, true, false, false])
    #expect(Augmentation.none.distorts(epoch: 1, of: 5) == false)
    augmentation.plainFinalEpochs = .min
    #expect(augmentation.distorts(epoch: 5, of: 5))
    augmentation.plainFinalEpochs = .max
    #expect(!augmentation.distorts(epoch: 1, of: 5))
    // A run whose every epoch is plain trains exactly as a run without distortions.
    let (architecture, settings, examples) = augmentedRun()
    var allPlain = settings
    allPlain.augmentation?.plainFinalEpochs = settings.epochs
    var plain = settings
    plain.augmentation = nil
    var a = try Trainer(architecture: architecture, settings: allPlain, examples: examples)
    var b = try Trainer(architecture: architecture, settings: plain, examples: examples)
    _ = try a.run()
    _ = try b.run()
    #expect(a.state.latest.parameters == b.state.latest.parameters)
    // One plain final epoch: the first epochs match the distorted run, the last one differs.
    var lastPlain = settings
    lastPlain.augmentation?.plainFinalEpochs = 1
    var c = try Trainer(architecture: architecture, settings: lastPlain, examples: examples)
    var d = try Trainer(architecture: architecture, settings: settings, examples: examples)
    _ = try c.run()
    _ = try d.run()
    #expect(Array(c.state.history.map(\.loss).prefix(2)) == Array(d.state.history.map(\.loss).prefix(2)))
    #expect(c.state.history[2].loss != d.state.history[2].loss)
    allPlain.augmentation?.plainFinalEpochs = settings.epochs + 1
    #expect(allPlain.problem()?.contains("plain final epochs must be at most") == true)
}
