import FileIO

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the command writes: results to stdout, progress and diagnostics to stderr. Each call
/// writes straight to the file descriptor, so lines reach pipes as they come.
///
/// Every write to stdout is checked: if it fails (a full disk, a closed descriptor,
/// `/dev/full`), the command says so in one line on stderr and exits 1, so that a script never
/// takes a cut-off result for a whole one; a closed pipe (the reader went away) ends it quietly.
/// Lines of diagnostics (`note`, `error`) have their control characters escaped (`\n`, `\e`…),
/// so that a file name holding them cannot break or repaint the terminal.
enum Console {
    /// Whether stderr is a terminal (then progress bars are drawn; otherwise only summary lines).
    static let stderrIsTerminal = isatty(2) == 1

    /// Fills a closed stdin, stdout or stderr (a parent's `>&-`) with a read-only `/dev/null`,
    /// before anything else is opened: otherwise the next file opened would take the number and
    /// the results meant for stdout would be written into it. Writes to the placeholder fail
    /// (`EBADF`), so a closed stdout is reported like any other failed output.
    static func holdClosedStandardDescriptors() {
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) < 0 && errno == EBADF {
            let placeholder = open("/dev/null", O_RDONLY)
            if placeholder >= 0 && placeholder != fd {
                dup2(placeholder, fd)
                close(placeholder)
            }
        }
    }

    /// Writes `text` to stderr as is.
    static func write(_ text: String) {
        _ = writeAll(2, text)
    }

    /// Writes one line to stderr, control characters escaped.
    static func note(_ line: String) {
        _ = writeAll(2, escapingControlCharacters(line) + "\n")
    }

    /// Writes `digits: <message>` to stderr, control characters escaped.
    static func error(_ message: String) {
        _ = writeAll(2, "digits: \(escapingControlCharacters(message))\n")
    }

    /// Writes one line to stdout, or ends the process if stdout cannot take it (see above).
    static func output(_ line: String) {
        guard let failure = writeAll(1, line + "\n") else { return }
        if failure != EPIPE {
            error("cannot write the output to stdout: \(String(cString: strerror(failure)))")
        }
        FileLock.removeHeldLockFiles()
        Foundation_exit(1)
    }

    /// Writes all of `text` to `fd`, retrying after interruptions; returns nil, or the `errno`
    /// of the write that failed.
    private static func writeAll(_ fd: Int32, _ text: String) -> Int32? {
        var text = text
        return text.withUTF8 { bytes -> Int32? in
            var done = 0
            while done < bytes.count {
                let n = Glibc_write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return n < 0 ? errno : EIO }
                done += n
            }
            return nil
        }
    }
}

/// `text` with its control characters (C0, DEL, C1) written as escapes: `\n`, `\r`, `\t`,
/// `\e` for ESC, `\xHH` for the others and for the bytes of names that are not UTF-8
/// (`SystemPath`); a backslash stays itself. For names shown to people.
func escapingControlCharacters(_ text: String) -> String {
    let text = SystemPath.displayed(text)  // bytes of names that are not UTF-8, as \xHH
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var out = ""
    for scalar in text.unicodeScalars {
        guard isControl(scalar) else {
            out.unicodeScalars.append(scalar)
            continue
        }
        switch scalar {
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{1B}": out += "\\e"
        default:
            let hex = String(scalar.value, radix: 16)
            out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
        }
    }
    return out
}

/// Whether `scalar` is a control character (U+0000–001F, U+007F–009F).
private func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
}

/// `write(2)`, named apart from `Console.write`.
private func Glibc_write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
