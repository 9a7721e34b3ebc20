import ArgumentParser
import FileIO

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `digits`: train a handwritten-digit reader on MNIST, evaluate it, and read your own digits.
///
/// Exit codes: 0 success, 1 failure (a bad file, missing data, a failed image), 2 usage error,
/// 130, 143, 129 interrupted by SIGINT (Ctrl-C), SIGTERM, SIGHUP (after saving a resumable
/// checkpoint). The executable's `main.swift` calls `Digits.main()`.
public struct Digits: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "digits",
        abstract: "Learn to read handwritten digits (MNIST) and read yours.",
        discussion: """
            A multilayer perceptron trained with minibatch SGD on the MNIST data set, saved as a \
            safetensors checkpoint. Typical use:

              scripts/download-mnist.sh     fetch MNIST into data/mnist
              digits train                  train models/mnist.safetensors
              digits evaluate               accuracy and confusion matrix on the test set
              digits classify my-digit.png  read your own digit

            Progress and diagnostics go to stderr, results to stdout.
            """,
        version: DigitsVersion.description,
        subcommands: [
            Train.self, Evaluate.self, Classify.self, Export.self, Info.self, ReportCommand.self,
            ExportModel.self,
            Serve.self,
        ])

    /// The root command has no options of its own (ArgumentParser makes it from the arguments).
    public init() {}

    /// Runs the command line, mapping errors to the exit codes above: usage errors print the
    /// usage and exit 2; the modules' errors print one line `digits: <message>` and exit 1.
    public static func main() {
        // Over a file-size limit (`ulimit -f`), let write(2) fail with EFBIG, reported as an error
        // naming the file, instead of SIGXFSZ killing the process without a word.
        signal(SIGXFSZ, SIG_IGN)
        Console.holdClosedStandardDescriptors()
        // File names that are not UTF-8 survive (FileIO.SystemPath); CommandLine.arguments would
        // replace their bytes.
        let arguments = Array(SystemPath.arguments.dropFirst())
        if arguments.first == "help", arguments.count > 1,
            !configuration.subcommands.contains(where: { $0._commandName == arguments[1] })
        {
            // `digits help frobnicate`: ArgumentParser would print the main help and exit 0.
            Console.write(
                "Error: unknown subcommand '\(escapingControlCharacters(arguments[1]))'\n"
                    + "Usage: " + usageString() + "\n  See 'digits --help' for the subcommands.\n")
            Foundation_exit(2)
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let exit as ExitCode {
            Foundation_exit(exit.rawValue)
        } catch let failure as CommandFailure {
            Console.error(failure.message)
            Foundation_exit(failure.exitCode)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                Digits.exit(withError: error)  // --help, --version
            } else if code == .validationFailure {
                Console.write(fullMessage(for: error) + "\n")
                Foundation_exit(2)
            } else {
                Console.error("\(error)")
                Foundation_exit(1)
            }
        }
    }
}

/// `exit(3)`, spelled apart from `ParsableCommand.exit(withError:)`.
func Foundation_exit(_ code: Int32) -> Never {
    exit(code)
}

/// A failure the command has already explained: printed as `digits: <message>`, then the process
/// exits with `exitCode` (1 unless said otherwise).
struct CommandFailure: Error {
    var message: String
    var exitCode: Int32 = 1
}
