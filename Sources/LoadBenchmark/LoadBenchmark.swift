#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import IDX

/// `digits-bench-load [DIR] [RUNS]`: times loading both splits of the MNIST-layout data set in
/// DIR (default `data/mnist`) through `MNISTDataset`, RUNS times (default 5).
///
/// Prints each run, the median in seconds, the decoded size in bytes and the process's peak
/// resident memory (`getrusage` max RSS, the same figure as Linux's VmHWM), as `key: value`
/// lines that `scripts/bench-load.sh` reads. Each run's data is released before the next one,
/// so the peak is that of one load.
///
/// A program of its own, linking only what loading needs (IDX, FileIO, zlib): the peak memory
/// is then the loader's data plus a small runtime, not libraries that loading never uses.
@main
struct LoadBenchmark {
    static func main() throws {
        try runLoadBenchmark(Array(CommandLine.arguments.dropFirst()))
    }
}

func runLoadBenchmark(_ arguments: [String]) throws {
    let directory = arguments.first ?? "data/mnist"
    let runs = arguments.count > 1 ? Int(arguments[1]) ?? 0 : 5
    guard runs > 0 else {
        print("usage: digits-bench-load [DIR] [RUNS]  (RUNS: a positive number of loads)")
        return
    }

    let clock = ContinuousClock()
    var seconds: [Double] = []
    var decodedBytes = 0
    var examples = 0
    for _ in 0..<runs {
        let start = clock.now
        let (train, test) = try loadBothSplits(directory)
        let elapsed = start.duration(to: clock.now)
        seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        examples = train.count + test.count
        decodedBytes = train.images.count + train.labels.count + test.images.count + test.labels.count
    }

    print("directory: \(directory)")
    print("examples: \(examples)")
    print("decoded_bytes: \(decodedBytes)")
    print("runs_seconds: \(seconds.map { formatted($0, digits: 4) }.joined(separator: " "))")
    print("median_seconds: \(formatted(median(seconds), digits: 4))")
    print("peak_rss_bytes: \(peakResidentBytes())")
}

/// Loads the training and test splits of `directory`.
private func loadBothSplits(_ directory: String) throws -> (MNISTDataset, MNISTDataset) {
    (
        try MNISTDataset(directory: directory, split: .train),
        try MNISTDataset(directory: directory, split: .test)
    )
}

/// The median of `values` (not empty).
private func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// The peak resident set size of this process so far, in bytes.
private func peakResidentBytes() -> Int {
    var usage = rusage()
    #if canImport(Glibc)
    guard getrusage(Int32(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
    return Int(usage.ru_maxrss) * 1024  // KiB on Linux
    #else
    guard getrusage(RUSAGE_SELF, &usage) == 0 else { return 0 }
    return Int(usage.ru_maxrss)  // bytes on macOS
    #endif
}

/// `value` with `digits` digits after the point.
private func formatted(_ value: Double, digits: Int) -> String {
    let scale = Double((0..<digits).reduce(1) { product, _ in product * 10 })
    let scaled = Int((value * scale).rounded())
    let fraction = String(scaled % Int(scale))
    return "\(scaled / Int(scale))." + String(repeating: "0", count: digits - fraction.count) + fraction
}
