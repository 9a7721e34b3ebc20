import FlyingSocks
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A socket pool that ends the connections that wait too long or send too much.
///
/// FlyingFox suspends a connection's task in the pool whenever its socket has nothing to read
/// (or no room to write). This pool forwards each wait to `base` and notes when it began. A
/// sweep every 50 ms then
/// - shuts down (`shutdown(2)`) the sockets whose wait is older than `idleTimeout`, which wakes
///   the wait with an end of file so that FlyingFox closes the connection: an idle keep-alive
///   connection, a client that stops halfway through its headers or body, or one that never
///   reads its answer;
/// - lets `budget` end the connections that sent more than a request may (`ConnectionBudget`).
///
/// The listening socket waits without limit. One sweep for all connections, rather than a timer
/// per wait: a wait costs a dictionary entry. A socket is only shut down while its wait is
/// registered, that is, while FlyingFox cannot have closed it, so the descriptor cannot belong
/// to another connection by then.
final class GuardedSocketPool<Base: AsyncSocketPool>: AsyncSocketPool {
    /// The pool that does the waiting (epoll on Linux, kqueue on macOS).
    let base: Base
    /// The longest wait for one socket event.
    let idleTimeout: Duration
    /// The bound on what a client may send before it is answered.
    let budget: ConnectionBudget
    /// The sockets waiting now, by descriptor: when their wait began.
    private let waiting = Mutex<[Int32: ContinuousClock.Instant]>([:])
    /// The port the server listens on (0 until its socket is first seen).
    private let listeningPort = Atomic<UInt16>(0)

    init(base: Base, idleTimeout: Duration, budget: ConnectionBudget) {
        self.base = base
        self.idleTimeout = idleTimeout
        self.budget = budget
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
            if listeningPort.load(ordering: .relaxed) == 0 { adopt(socket) }
            return try await base.suspendSocket(socket, untilReadyFor: events)
        }
        waiting.withLock { $0[descriptor] = .now }
        defer { _ = waiting.withLock { $0.removeValue(forKey: descriptor) } }
        try await base.suspendSocket(socket, untilReadyFor: events)
    }

    /// Every 50 ms: shuts down the sockets that have waited longer than `idleTimeout`, and
    /// enforces the budget.
    private func sweep() async throws {
        while true {
            try await Task.sleep(for: .milliseconds(50))
            let now = ContinuousClock.now
            let port = listeningPort.load(ordering: .relaxed)
            waiting.withLock { waits in
                for (descriptor, since) in waits where now - since > idleTimeout {
                    shutdown(descriptor, Int32(SHUT_RDWR))
                    waits[descriptor] = nil
                }
                if port != 0 { budget.enforce(port: port) }
            }
        }
    }

    /// Notes the port of the listening socket, and sets `TCP_NODELAY` on it, which the
    /// connections it accepts inherit: FlyingFox writes an answer's head and body apart, and
    /// without it the body waits for the client's delayed acknowledgement of the head (40 ms
    /// on Linux), which capped a connection at 22 answers a second.
    private func adopt(_ listening: Socket) {
        var on: Int32 = 1
        _ = setsockopt(
            listening.file.rawValue, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        switch try? listening.sockname() {
        case .ip4(_, let port), .ip6(_, let port): listeningPort.store(port, ordering: .relaxed)
        default: break
        }
    }

    /// Whether `descriptor` is a listening socket (`SO_ACCEPTCONN`).
    private func isListening(_ descriptor: Int32) -> Bool {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        return getsockopt(descriptor, SOL_SOCKET, SO_ACCEPTCONN, &value, &length) == 0 && value != 0
    }
}
