import FileIO
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stopping long runs by signal: the first SIGINT (Ctrl-C), SIGTERM or SIGHUP only records the
/// signal, which the training loop reads after each batch (so it can save a resumable checkpoint
/// and exit with 128 + the signal's number: 130, 143, 129); a second one ends the process at
/// once, saying that the last saved checkpoint is kept.
enum Interrupt {
    /// The signals that stop a run.
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    private static let received = Atomic<Int32>(0)
    private static let saved = Atomic<Bool>(false)
    /// The lines the handler writes on a second signal (nothing saved yet / a checkpoint saved),
    /// made before the handler is installed: a handler may not allocate.
    nonisolated(unsafe) private static var messages: (none: [UInt8], saved: [UInt8]) = ([], [])
    /// The run's lock file (NUL-terminated), removed by the handler on a second signal.
    nonisolated(unsafe) private static var lockFile: [CChar] = [0]

    /// Whether a stopping signal has arrived since `install`.
    static var requested: Bool { received.load(ordering: .relaxed) != 0 }

    /// The exit status for the signal that arrived: 128 + its number (130 for Ctrl-C).
    static var exitStatus: Int32 {
        let number = received.load(ordering: .relaxed)
        return 128 + (number != 0 ? number : SIGINT)
    }

    /// Records that a checkpoint has been saved, for the second signal's message.
    static func noteSaved() { saved.store(true, ordering: .relaxed) }

    /// Routes the stopping signals to the flag, and unblocks them in case the parent process
    /// started this one with them blocked (as Foundation's `Process` does on Linux from most
    /// threads). `checkpoint` is named in the second signal's message; `lockFile`, if any, is
    /// removed before the process ends on a second signal.
    static func install(checkpoint: String, lockFile: String? = nil) {
        Interrupt.lockFile = SystemPath.cString(lockFile ?? "")
        let name = escapingControlCharacters(checkpoint)
        messages = (
            Array("\ndigits: stopped at once by a second signal; no checkpoint was saved by this run\n".utf8),
            Array("\ndigits: stopped at once by a second signal; the last saved checkpoint is kept in \(name)\n".utf8)
        )
        var set = sigset_t()
        sigemptyset(&set)
        for number in signals {
            signal(number) { number in
                if Interrupt.received.exchange(number, ordering: .relaxed) != 0 {
                    Interrupt.writeSecondMessage()
                    Interrupt.lockFile.withUnsafeBufferPointer { name in
                        if name.count > 1, let path = name.baseAddress { _ = unlink(path) }
                    }
                    _exit(128 + number)
                }
            }
            sigaddset(&set, number)
        }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Writes the second signal's message with `write(2)` alone (async-signal-safe).
    private static func writeSecondMessage() {
        let bytes = saved.load(ordering: .relaxed) ? messages.saved : messages.none
        bytes.withUnsafeBytes { raw in _ = write(2, raw.baseAddress, raw.count) }
    }
}
