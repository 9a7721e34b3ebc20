import Foundation
import Model

// digits-bench distort [--repeats 3]: the cost of distorting MNIST's 60,000 training images on
// one thread (affine, then elastic), the work `--augment` adds to an epoch before the team
// splits it: the best of --repeats passes, in CPU ns per image and CPU seconds per pass
// (CPU time, not wall time, so that other work on a shared machine disturbs it less).

/// Runs the distortion benchmark; see the comment at the top of this file.
func runDistortBenchmark(_ arguments: [String]) throws {
    let repeats = arguments.count == 2 && arguments[0] == "--repeats" ? Int(arguments[1]) ?? 3 : 3
    let data = try loadMNISTForBenchmark()
    let count = data.train.count
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
        print(String(format: "{\"workload\": \"distort %@, one thread\", \"images\": %d, \"cpu_seconds_per_pass\": %.4f, \"cpu_ns_per_image\": %.0f, \"checksum\": %d}",
                     kind.rawValue, count, best, best / Double(count) * 1e9, checksum))
    }
}
