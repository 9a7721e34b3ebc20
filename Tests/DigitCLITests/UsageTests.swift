import Foundation
import Model
import Testing

/// Command lines that make no sense: exit 2, the problem and the usage on stderr, nothing run.
@Suite struct UsageTests {
    /// A bad command line and words its message should hold.
    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var saying: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["train", "--bogus"], saying: "Unknown option '--bogus'"),
        Case(arguments: ["frobnicate"], saying: "frobnicate"),
        Case(arguments: ["train", "--epochs=-1"], saying: "epochs must be from 1 to 100000, found -1"),
        Case(arguments: ["train", "--epochs", "-1"], saying: "epochs must be from 1 to 100000, found -1"),
        Case(arguments: ["train", "--epochs", "many"], saying: "'many' is invalid"),
        Case(arguments: ["train", "--batch-size", "0"], saying: "batch size must be at least 1, found 0"),
        Case(arguments: ["train", "--learning-rate", "nan"], saying: "learning rate must be positive, found nan"),
        Case(arguments: ["train", "--learning-rate", "0"], saying: "learning rate must be positive"),
        Case(arguments: ["train", "--momentum", "1"], saying: "momentum"),
        Case(arguments: ["train", "--hidden", "12,abc"], saying: "--hidden takes comma-separated widths"),
        Case(arguments: ["train", "--hidden", "0"], saying: "--hidden"),
        Case(arguments: ["train", "--activation", "step"], saying: "no gradient"),
        Case(arguments: ["train", "--activation", "swish"], saying: "swish"),
        Case(arguments: ["train", "--threads", "0"], saying: "threads"),
        Case(arguments: ["train", "--augment", "wobbly"], saying: "wobbly"),
        Case(arguments: ["train", "--preset", "huge"], saying: "huge"),
        Case(arguments: ["train", "--rotation", "200"], saying: "rotation must be in 0...180 degrees, found 200"),
        Case(arguments: ["train", "--elastic-sigma", "0"], saying: "elastic sigma"),
        Case(arguments: ["train", "--scale", "1"], saying: "scale"),
        Case(arguments: ["classify", "--top", "0", "x.png"], saying: "--top must be from 1 to 10, found 0"),
        Case(arguments: ["classify", "--top", "11", "x.png"], saying: "--top must be from 1 to 10"),
        Case(arguments: ["classify"], saying: "Missing expected argument"),
        Case(arguments: ["evaluate", "--split", "validation"], saying: "validation"),
        Case(arguments: ["export", "--count", "0"], saying: "--count must be at least 1"),
        Case(arguments: ["info"], saying: "Missing expected argument"),
    ]

    @Test(arguments: cases)
    func badCommandLineIsAUsageError(_ bad: Case) throws {
        let run = try DigitsProcess.run(bad.arguments)
        expectUsageError(run, saying: bad.saying)
        for mark in crashMarks { #expect(!run.stderr.contains(mark)) }
    }

    @Test func trainHelpListsWhatEachPresetSets() throws {
        let run = try DigitsProcess.run(["train", "--help"])
        expectSuccess(run)
        let text = run.stdout.replacingOccurrences(of: "\n", with: " ")
        #expect(text.contains("784-256-128-10, \(Preset.fast.settings.epochs) epochs"), "\(run)")
        #expect(text.contains("784-800-800-10, \(Preset.accurate.settings.epochs) epochs"), "\(run)")
        #expect(text.contains("--augment"))
    }

    @Test func helpExitsZero() throws {
        for arguments in [["--help"], ["train", "--help"], ["help", "classify"]] {
            let run = try DigitsProcess.run(arguments)
            expectSuccess(run)
            #expect(run.stdout.contains("USAGE:") || run.stdout.contains("OVERVIEW:"), "\(run)")
        }
    }
}
