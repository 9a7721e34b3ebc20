#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FileIO

/// The replay mode of a fuzz target, used when it is built without libFuzzer (a plain
/// `swift build`): runs saved inputs through the same function the fuzzer calls.
///
///     FuzzSafeTensors Tests/FuzzCorpus/FuzzSafeTensors        # every file in the directory
///     FuzzSafeTensors crash-1234 slow-unit-5678               # single files
///
/// Directories are walked recursively (so a corpus's `regressions/` is included); files whose
/// names start with `.` are skipped. Prints one line per refused input when `--verbose` is given,
/// and at the end `TARGET: N inputs, A accepted, R refused`.
public enum FuzzReplay {
    /// The largest input replayed, in bytes (64 MiB); fuzz inputs are far smaller.
    public static let inputLimit = 64 << 20

    /// Replays the inputs named on the command line through `body` and exits with the status
    /// `run` returns. A fuzz target's `main` when it is built without libFuzzer.
    public static func main(target: String, body: ([UInt8]) -> FuzzOutcome) -> Never {
        exit(run(target: target, arguments: Array(CommandLine.arguments.dropFirst()), body: body))
    }

    /// Runs `body` on every input file named by `arguments` (files or directories) and returns
    /// the process exit status: 0 if every input was replayed, 1 if a file could not be read,
    /// 2 for a usage error. A crash inside `body` ends the process, as it should.
    public static func run(
        target: String, arguments: [String], body: ([UInt8]) -> FuzzOutcome
    ) -> Int32 {
        let verbose = arguments.contains("--verbose")
        let roots = arguments.filter { $0 != "--verbose" }
        guard !roots.isEmpty else {
            print("usage: \(target) [--verbose] FILE|DIRECTORY...  (replays saved fuzz inputs)")
            return 2
        }
        var files: [String] = []
        for root in roots { collectFiles(at: root, into: &files) }

        var accepted = 0
        var refused = 0
        var unreadable = 0
        for file in files {
            let bytes: [UInt8]
            do {
                bytes = try FileReading.read(file, limit: inputLimit)
            } catch {
                print("\(target): \(error)")
                unreadable += 1
                continue
            }
            switch body(bytes) {
            case .accepted: accepted += 1
            case .refused:
                refused += 1
                if verbose { print("\(target): refused \(file)") }
            }
        }
        print(
            "\(target): \(files.count) inputs, \(accepted) accepted, \(refused) refused"
                + (unreadable > 0 ? ", \(unreadable) unreadable" : ""))
        return unreadable > 0 ? 1 : 0
    }

    /// Appends `path` if it is a file, or every file below it (sorted, recursively) if it is a
    /// directory. A path that does not exist is appended as it is, so reading it reports it.
    static func collectFiles(at path: String, into files: inout [String]) {
        if DirectoryListing.isDirectory(path) {
            files += DirectoryListing.files(below: path)
        } else {
            files.append(path)
        }
    }
}
