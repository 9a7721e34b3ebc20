#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

// digits-bench: timing harness for the scripts in scripts/bench-*.sh.
// Usage: digits-bench BENCHMARK [ARGS...]; each benchmark lives in a file of its own.
// (Loading is timed by `digits-bench-load`, a program of its own: see Sources/LoadBenchmark.)

let arguments = Array(CommandLine.arguments.dropFirst())
let benchmarks: [String: ([String]) throws -> Void] = [
    "train": runTrainBenchmark,
    "distort": runDistortBenchmark,
    "preprocess": runPreprocessBenchmark,
]
guard let name = arguments.first, let run = benchmarks[name] else {
    print("usage: digits-bench \(benchmarks.keys.sorted().joined(separator: "|")) [ARGS...]")
    exit(2)
}
do {
    try run(Array(arguments.dropFirst()))
} catch {
    print("digits-bench \(name): \(error)")
    exit(1)
}
