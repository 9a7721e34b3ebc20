import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension DigitServer {
    /// Serves on the calling thread until SIGINT (Ctrl-C) or SIGTERM, then stops listening and
    /// returns once the requests in flight are answered (at most `graceSeconds`). A second
    /// signal ends the process at once (exit 130).
    ///
    /// - Parameter listening: called once with the port the server listens on.
    /// - Throws: `ServerError` if the server cannot listen (then it returns at once).
    public func serveUntilSignalled(graceSeconds: Double = 5, listening: @escaping @Sendable (UInt16) -> Void)
        throws(ServerError)
    {
        let wake = ShutdownSignal.install()
        let outcome = Mutex<ServerError?>(nil)
        let finished = DispatchSemaphore(value: 0)
        Task {
            do throws(ServerError) { try await self.run() } catch { outcome.withLock { $0 = error } }
            ShutdownSignal.wakeUp()  // the server ended by itself: stop waiting for a signal
            finished.signal()
        }
        Task {
            if let port = await self.listeningPort() { listening(port) }
        }
        ShutdownSignal.wait(on: wake)
        Task { await self.stop(graceSeconds: graceSeconds) }
        finished.wait()
        if let error = outcome.withLock({ $0 }) { throw error }
    }
}

/// SIGINT and SIGTERM turned into a byte on a pipe (the self-pipe trick: a signal handler may
/// only do async-signal-safe things such as `write`), for a thread to wait on.
enum ShutdownSignal {
    private static let writeEnd = Atomic<Int32>(-1)
    private static let signalled = Atomic<Bool>(false)

    /// Routes SIGINT and SIGTERM to the pipe (unblocking them, in case the parent started this
    /// process with them blocked) and returns the pipe's read end.
    static func install() -> Int32 {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) != 0 { return -1 }  // no pipe: `wait` returns at once, nothing served
        writeEnd.store(ends[1], ordering: .relaxed)
        let handler: @convention(c) (Int32) -> Void = { _ in
            if ShutdownSignal.signalled.exchange(true, ordering: .relaxed) { _exit(130) }
            ShutdownSignal.wakeUp()
        }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        return ends[0]
    }

    /// Writes the wake-up byte (async-signal-safe).
    static func wakeUp() {
        var byte: UInt8 = 1
        _ = write(writeEnd.load(ordering: .relaxed), &byte, 1)
    }

    /// Blocks until the first wake-up byte arrives on `readEnd`.
    static func wait(on readEnd: Int32) {
        guard readEnd >= 0 else { return }
        var byte: UInt8 = 0
        while read(readEnd, &byte, 1) < 0 && errno == EINTR {}
    }
}
