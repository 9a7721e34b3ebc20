#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the command writes: results to stdout, progress and diagnostics to stderr. Each call
/// writes straight to the file descriptor, so lines reach pipes as they come.
enum Console {
    /// Whether stderr is a terminal (then progress bars are drawn; otherwise only summary lines).
    static let stderrIsTerminal = isatty(2) == 1

    /// Writes `text` to stderr as is.
    static func write(_ text: String) {
        writeAll(2, text)
    }

    /// Writes one line to stderr.
    static func note(_ line: String) {
        writeAll(2, line + "\n")
    }

    /// Writes `digits: <message>` to stderr.
    static func error(_ message: String) {
        writeAll(2, "digits: \(message)\n")
    }

    /// Writes one line to stdout.
    static func output(_ line: String) {
        writeAll(1, line + "\n")
    }

    /// Writes all of `text` to `fd`, retrying after interruptions; gives up silently on a closed
    /// pipe (there is nobody left to tell).
    private static func writeAll(_ fd: Int32, _ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var done = 0
            while done < bytes.count {
                let n = Glibc_write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                done += n
            }
        }
    }
}

/// `write(2)`, named apart from `Console.write`.
private func Glibc_write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
