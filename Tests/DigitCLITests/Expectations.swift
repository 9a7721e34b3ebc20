import Foundation
import Model
import Testing

/// Text that must never reach a user: the marks of a crash or a trap.
let crashMarks = [
    "Fatal error", "Stack dump", "stack trace", "Backtrace", "Segmentation fault", "💣", "Illegal instruction",
]

/// Expects `run` to have failed cleanly: exit status `exitCode` (not a signal), exactly one line
/// on stderr (or, with `progressLines`, exactly one `digits:` line after any progress lines),
/// naming `path` and containing every text in `saying`, and no crash marks.
func expectCleanFailure(
    _ run: DigitsRun, exitCode: Int32 = 1, naming path: String?, saying: [String] = [],
    progressLines: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(run.exitCode == exitCode, "\(run)", sourceLocation: sourceLocation)
    #expect(run.signal == nil, "\(run)", sourceLocation: sourceLocation)
    let lines = progressLines ? run.errorLines.filter { $0.hasPrefix("digits:") } : run.errorLines
    #expect(lines.count == 1, "expected one error line: \(run)", sourceLocation: sourceLocation)
    if progressLines {
        #expect(run.errorLines.last?.hasPrefix("digits:") == true, "\(run)", sourceLocation: sourceLocation)
    }
    let line = lines.first ?? ""
    if let path {
        #expect(line.contains(path), "the message does not name \(path): \(line)", sourceLocation: sourceLocation)
    }
    for text in saying {
        #expect(
            line.localizedCaseInsensitiveContains(text), "'\(text)' not in: \(line)", sourceLocation: sourceLocation)
    }
    for mark in crashMarks {
        #expect(!run.stderr.contains(mark), "\(run)", sourceLocation: sourceLocation)
    }
}

/// Expects `run` to be a usage error: exit 2, the message and the usage on stderr, nothing on stdout.
func expectUsageError(_ run: DigitsRun, saying text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(run.exitCode == 2, "\(run)", sourceLocation: sourceLocation)
    #expect(run.stderr.contains("Usage:") || run.stderr.contains("USAGE:"), "\(run)", sourceLocation: sourceLocation)
    #expect(
        run.stderr.localizedCaseInsensitiveContains(text), "'\(text)' not in: \(run)", sourceLocation: sourceLocation)
    #expect(run.stdout.isEmpty, "\(run)", sourceLocation: sourceLocation)
}

/// Expects `run` to have succeeded (exit 0), showing what it printed otherwise.
func expectSuccess(_ run: DigitsRun, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(run.exitCode == 0, "\(run)", sourceLocation: sourceLocation)
}

/// The JSON object on one line of output.
func jsonObject(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: Data(line.utf8))
    return try #require(value as? [String: Any], "not a JSON object: \(line)", sourceLocation: sourceLocation)
}

/// The bit patterns of every tensor of the checkpoint at `path` whose name starts with one of
/// `prefixes`, by name.
func tensorBits(_ path: String, prefixes: [String] = ["layers.", "resume."]) throws -> [String: [UInt32]] {
    let file = try SafeTensors(contentsOf: path)
    var bits: [String: [UInt32]] = [:]
    for named in file.tensors where prefixes.contains(where: { named.name.hasPrefix($0) }) {
        bits[named.name] = named.tensor.values.map(\.bitPattern)
    }
    return bits
}
