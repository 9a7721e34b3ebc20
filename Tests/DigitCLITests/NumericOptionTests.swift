import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every numeric option of every subcommand at the values a careless or hostile user may type:
/// the command either works or refuses in one line (exit 1, or a usage error, exit 2); never a
/// signal, never more than 10 s, never more than 1 GB of memory.
@Suite struct NumericOptionTests {
    /// The values tried on every option.
    static let values = ["0", "-1", "9223372036854775807", "1e308", "nan", "inf", "", "twelve"]

    /// One option of one subcommand, with the rest of a quick, valid command line around it.
    struct Case: CustomTestStringConvertible, Sendable {
        var subcommand: String
        var option: String
        var testDescription: String { "\(subcommand) --\(option)" }
    }

    static let cases: [Case] =
        [
            "epochs", "batch-size", "learning-rate", "momentum", "weight-decay", "step-every", "step-factor",
            "warmup", "validation", "seed", "threads", "leaky-slope", "hidden",
            "rotation", "scale", "shear", "shift", "elastic", "elastic-sigma",
        ].map { Case(subcommand: "train", option: $0) }
        + [
            Case(subcommand: "evaluate", option: "misclassified"), Case(subcommand: "classify", option: "top"),
            Case(subcommand: "export", option: "count"), Case(subcommand: "export", option: "first"),
            Case(subcommand: "report", option: "mistakes"), Case(subcommand: "report", option: "units"),
            Case(subcommand: "serve", option: "port"), Case(subcommand: "serve", option: "idle-timeout"),
        ]

    /// A quick valid command line for `subcommand`, writing into `scratch`.
    static func baseArguments(_ subcommand: String, scratch: ScratchDirectory) throws -> [String] {
        let data = try Fixtures.dataSet.get().directory
        let model = try Fixtures.smallModel.get().path
        switch subcommand {
        case "train":
            return [
                "train", "--data", try Fixtures.tinyDataSet.get(), "--model", scratch.file("m.safetensors"),
                "--hidden", "8", "--epochs", "1", "--batch-size", "16", "--validation", "20",
                "--schedule", "step",
            ]
        case "evaluate": return ["evaluate", "--data", data, "--model", model]
        case "classify":
            return ["classify", "--model", model, try scratch.write(try BadImageTests.goodPNG(), to: "seven.png")]
        case "export": return ["export", "--data", data, "--out", scratch.file("pngs")]
        // A model that does not exist: an accepted value ends at loading it (exit 1), not in a
        // server that runs until stopped.
        case "serve": return ["serve", "--model", scratch.file("missing.safetensors")]
        default: return ["report", "--data", data, "--model", model, "--out", scratch.file("report")]
        }
    }

    @Test(arguments: cases)
    func everyValueEndsCleanly(_ test: Case) throws {
        let scratch = try ScratchDirectory("numeric")
        let base = try Self.baseArguments(test.subcommand, scratch: scratch)
        for value in Self.values {
            let arguments = base + ["--\(test.option)", value]
            let started = Date()
            let run = try DigitsProcess.run(arguments, timeout: 20)
            let seconds = Date().timeIntervalSince(started)
            let label = "--\(test.option) '\(value)'"
            #expect(run.signal == nil, "\(label): \(run)")
            #expect(seconds < 10, "\(label) took \(seconds) s")
            for mark in crashMarks { #expect(!run.stderr.contains(mark), "\(label): \(run)") }
            switch run.exitCode {
            case 0:
                break
            case 1:
                let errors = run.errorLines.filter { $0.hasPrefix("digits:") }
                #expect(errors.count == 1 && run.errorLines.last == errors.first, "\(label): \(run)")
            case 2:
                #expect(run.stderr.contains("Error:") || run.stderr.contains("digits:"), "\(label): \(run)")
            default:
                Issue.record("\(label): exit \(run.exitCode.map(String.init) ?? "-"): \(run)")
            }
            try? FileManager.default.removeItem(atPath: scratch.file("m.safetensors"))
        }
        // ru_maxrss of the children: the largest any `digits` of this test process reached (kB).
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        #expect(usage.ru_maxrss < 1_000_000, "a child used \(usage.ru_maxrss) kB")
    }
}
