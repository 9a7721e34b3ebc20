#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the command writes: results to stdout, progress and diagnostics to stderr.
enum Console {
    /// Whether stderr is a terminal (then progress bars are drawn; otherwise only summary lines).
    static let stderrIsTerminal = isatty(2) == 1

    /// Writes `text` to stderr as is.
    static func write(_ text: String) {
        fputs(text, stderr)
    }

    /// Writes one line to stderr.
    static func note(_ line: String) {
        fputs(line + "\n", stderr)
    }

    /// Writes `digits: <message>` to stderr.
    static func error(_ message: String) {
        fputs("digits: \(message)\n", stderr)
    }

    /// Writes one line to stdout and flushes it, so that pipes see each line as it comes.
    static func output(_ line: String) {
        fputs(line + "\n", stdout)
        fflush(stdout)
    }
}
