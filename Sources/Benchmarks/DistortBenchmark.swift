import Foundation
import Model

// digits-bench distort [--repeats 3]: the cost of distorting MNIST's 60,000 training images on
// one thread (affine, then elastic), the work `--augment` adds to an epoch before the team
// splits it: the best of --repeats passes, in CPU ns per image and CPU seconds per pass
// (CPU time, not wall time, so that other work on a shared machine disturbs it less); and how
// many of the 784 pixel columns a batch of 128 images leaves active (non-zero in some image,
// so not skipped by the first layer) with and without distortions, over 100 batches, and how
// many pixels a single image has non-zero on average (the per-image sparse path's work).

/// Runs the distortion benchmark; see the comment at the top of this file.
func runDistortBenchmark(_ arguments: [String]) throws {
    let repeats = arguments.count == 2 && arguments[0] == "--repeats" ? Int(arguments[1]) ?? 3 : 3
    let data = try loadMNISTForBenchmark()
    let count = data.train.count
    for kind in Augmentation.Kind.allCases {
        let images = Array(data.train.images[0..<(12_800 * 784)])
        let shown =
            kind == .none ? images : Augmentation(kind: kind).distort(images, count: 12_800, seed: 0, epoch: 1) ?? []
        var active = 0
        let ink = shown.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
        for batch in 0..<100 {
            var any = [Bool](repeating: false, count: 784)
            for r in (batch * 128)..<((batch + 1) * 128) {
                for p in 0..<784 where shown[r * 784 + p] != 0 { any[p] = true }
            }
            active += any.filter { $0 }.count
        }
        print(
            String(
                format:
                    "{\"workload\": \"active columns, batch 128, %@\", \"mean_active_columns\": %.1f, \"mean_nonzero_pixels_per_image\": %.1f}",
                kind.rawValue, Double(active) / 100, Double(ink) / 12_800))
    }
    for kind in [Augmentation.Kind.affine, .elastic] {
        let augmentation = Augmentation(kind: kind)
        var best = Double.infinity
        var checksum = 0
        for epoch in 1...repeats {
            let start = processCPUSeconds()  // CPU time: the machine may be shared
            guard let out = augmentation.distort(data.train.images, count: count, seed: 0, epoch: epoch) else {
                throw BenchmarkError("the images are not square")
            }
            best = min(best, processCPUSeconds() - start)
            checksum &+= out.reduce(0) { $0 &+ Int($1) }
        }
        print(
            String(
                format:
                    "{\"workload\": \"distort %@, one thread\", \"images\": %d, \"cpu_seconds_per_pass\": %.4f, \"cpu_ns_per_image\": %.0f, \"checksum\": %d}",
                kind.rawValue, count, best, best / Double(count) * 1e9, checksum))
    }
}
