import Foundation
import Imaging

// digits-bench preprocess: the cost of turning a PNG into network input, one image at a time.
//
//   digits-bench preprocess [--repeat 21] [--dump FILE] PNG...
//       for each file, the median over --repeat runs of decoding + preprocessing
//       (`DigitPreprocessor.prepare(pngBytes:)`) and of preprocessing alone
//       (`prepare(image:)` on the decoded picture), in milliseconds; then the median and the
//       worst over the files. --dump FILE writes each file's 784-byte input (0 for a blank
//       picture, as `DigitInput.blank`), in the order given, for invariance checks.
// Every result is one line of JSON.

/// Runs the preprocessing benchmark; see the comment at the top of this file.
func runPreprocessBenchmark(_ arguments: [String]) throws {
    var repeats = 21
    var dump: String?
    var files: [String] = []
    var i = 0
    while i < arguments.count {
        switch arguments[i] {
        case "--repeat", "--dump":
            guard i + 1 < arguments.count else { throw BenchmarkError("\(arguments[i]) needs a value") }
            if arguments[i] == "--dump" {
                dump = arguments[i + 1]
            } else {
                guard let n = Int(arguments[i + 1]), n > 0 else {
                    throw BenchmarkError("--repeat needs a positive count, found \(arguments[i + 1])")
                }
                repeats = n
            }
            i += 2
        default:
            files.append(arguments[i])
            i += 1
        }
    }
    guard !files.isEmpty else { throw BenchmarkError("no PNG files given") }

    let clock = ContinuousClock()
    func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
    var inputs: [UInt8] = []
    var decodeAndPrepare: [Double] = []
    var prepareOnly: [Double] = []
    var prepareCPU: [Double] = []  // thread CPU time: less disturbed by other processes
    for file in files {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw BenchmarkError("\(file): cannot read the file")
        }
        let bytes = [UInt8](data)
        let image = try PNGDecoder.decode(bytes, path: file)
        var whole: [Double] = []
        var alone: [Double] = []
        var aloneCPU: [Double] = []
        var input = DigitInput.blank
        for _ in 0..<repeats {
            let start = clock.now
            input = try DigitPreprocessor.prepare(pngBytes: bytes, path: file, raw: false)
            let decoded = clock.now
            let cpuStart = threadCPUMilliseconds()
            _ = try DigitPreprocessor.prepare(image: image, path: file, raw: false)
            let end = clock.now
            aloneCPU.append(threadCPUMilliseconds() - cpuStart)
            whole.append(milliseconds(decoded - start))
            alone.append(milliseconds(end - decoded))
        }
        inputs += input.pixels
        decodeAndPrepare.append(whole.sorted()[repeats / 2])
        prepareOnly.append(alone.sorted()[repeats / 2])
        prepareCPU.append(aloneCPU.sorted()[repeats / 2])
        print(
            String(
                format:
                    "{\"file\": \"%@\", \"width\": %d, \"height\": %d, \"blank\": %@, \"decode_and_prepare_ms\": %.3f, \"prepare_ms\": %.3f, \"prepare_cpu_ms\": %.3f}",
                file, image.width, image.height, input.isBlank ? "true" : "false",
                decodeAndPrepare.last ?? 0, prepareOnly.last ?? 0, prepareCPU.last ?? 0))
    }
    if let dump {
        guard FileManager.default.createFile(atPath: dump, contents: Data(inputs)) else {
            throw BenchmarkError("\(dump): cannot write the inputs")
        }
    }
    let sortedWhole = decodeAndPrepare.sorted()
    let sortedAlone = prepareOnly.sorted()
    let sortedCPU = prepareCPU.sorted()
    print(
        String(
            format:
                "{\"files\": %d, \"decode_and_prepare_ms_median\": %.3f, \"decode_and_prepare_ms_max\": %.3f, \"prepare_ms_median\": %.3f, \"prepare_ms_max\": %.3f, \"prepare_cpu_ms_median\": %.3f, \"prepare_cpu_ms_max\": %.3f}",
            files.count, sortedWhole[files.count / 2], sortedWhole.last ?? 0, sortedAlone[files.count / 2],
            sortedAlone.last ?? 0, sortedCPU[files.count / 2], sortedCPU.last ?? 0))
}

/// The CPU time this thread has used, in milliseconds (`CLOCK_THREAD_CPUTIME_ID`).
func threadCPUMilliseconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1e6
}
