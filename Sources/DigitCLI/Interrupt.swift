import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C handling for long runs: the first SIGINT only raises a flag that the training loop reads
/// after each batch (so it can save a resumable checkpoint); a second one ends the process at once.
enum Interrupt {
    private static let flag = Atomic<Bool>(false)

    /// Whether SIGINT has arrived since `install()`.
    static var requested: Bool { flag.load(ordering: .relaxed) }

    /// Routes SIGINT to the flag, and unblocks SIGINT in case the parent process started this one
    /// with it blocked (as Foundation's `Process` does on Linux from most threads).
    static func install() {
        signal(SIGINT) { _ in
            if Interrupt.flag.exchange(true, ordering: .relaxed) {
                _exit(130)
            }
        }
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &interrupt, nil)
    }
}
