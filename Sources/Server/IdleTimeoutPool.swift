import FlyingSocks
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A socket pool that gives up on a connection that waits too long.
///
/// FlyingFox suspends a connection's task in the pool whenever its socket has nothing to read
/// (or no room to write). This pool forwards each wait to `base` and notes its deadline; a
/// sweep every quarter of `idleTimeout` shuts down (`shutdown(2)`) the sockets whose wait has
/// passed it, which wakes the wait with an end of file, so that FlyingFox closes the connection:
/// an idle keep-alive connection, a client that stops halfway through its headers or body, or
/// one that never reads its response. The listening socket alone waits without limit.
///
/// One sweep for all connections, rather than a timer per wait: a wait costs a dictionary entry.
/// A socket is only shut down while its wait is registered, that is, while FlyingFox cannot have
/// closed it, so the descriptor cannot belong to another connection by then.
final class IdleTimeoutPool<Base: AsyncSocketPool>: AsyncSocketPool {
    /// The pool that does the waiting (epoll on Linux, kqueue on macOS).
    let base: Base
    /// The longest wait for one socket event.
    let idleTimeout: Duration
    /// The sockets waiting now, by descriptor: when their wait began.
    private let waiting = Mutex<[Int32: ContinuousClock.Instant]>([:])

    init(base: Base, idleTimeout: Duration) {
        self.base = base
        self.idleTimeout = idleTimeout
    }

    func prepare() async throws { try await base.prepare() }

    /// Runs `base` and the sweep until cancelled.
    func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.base.run() }
            group.addTask { try await self.sweep() }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
        let descriptor = socket.file.rawValue
        if isListening(descriptor) {
            return try await base.suspendSocket(socket, untilReadyFor: events)
        }
        waiting.withLock { $0[descriptor] = .now }
        defer { _ = waiting.withLock { $0.removeValue(forKey: descriptor) } }
        try await base.suspendSocket(socket, untilReadyFor: events)
    }

    /// Every quarter of `idleTimeout` (at least 20 ms), shuts down the sockets that have waited
    /// longer than `idleTimeout`.
    private func sweep() async throws {
        let interval = max(idleTimeout / 4, .milliseconds(20))
        while true {
            try await Task.sleep(for: interval)
            let now = ContinuousClock.now
            waiting.withLock { waits in
                for (descriptor, since) in waits where now - since > idleTimeout {
                    shutdown(descriptor, Int32(SHUT_RDWR))
                    waits[descriptor] = nil
                }
            }
        }
    }

    /// Whether `descriptor` is a listening socket (`SO_ACCEPTCONN`).
    private func isListening(_ descriptor: Int32) -> Bool {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        return getsockopt(descriptor, SOL_SOCKET, SO_ACCEPTCONN, &value, &length) == 0 && value != 0
    }
}
