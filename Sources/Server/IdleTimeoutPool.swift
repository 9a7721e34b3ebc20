import FlyingSocks

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A socket pool that gives up on a connection that waits too long.
///
/// FlyingFox suspends a connection's task in the pool whenever its socket has nothing to read
/// (or no room to write). This pool forwards each wait to `base` but ends it with
/// `SocketError.timeout` after `idleTimeout`, so that FlyingFox closes the connection: an idle
/// keep-alive connection, a client that stops halfway through its headers or body, or one that
/// never reads its response. The listening socket alone waits without limit.
struct IdleTimeoutPool<Base: AsyncSocketPool>: AsyncSocketPool {
    /// The pool that does the waiting (epoll on Linux, kqueue on macOS).
    var base: Base
    /// The longest wait for one socket event.
    var idleTimeout: Duration

    func prepare() async throws { try await base.prepare() }

    func run() async throws { try await base.run() }

    func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
        if isListening(socket.file.rawValue) {
            return try await base.suspendSocket(socket, untilReadyFor: events)
        }
        let base = base
        let idleTimeout = idleTimeout
        let ready = try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await base.suspendSocket(socket, untilReadyFor: events)
                return true
            }
            group.addTask {
                try await Task.sleep(for: idleTimeout)
                return false
            }
            defer { group.cancelAll() }
            return try await group.next() ?? false
        }
        if !ready { throw SocketError.timeout(message: "no activity for \(idleTimeout)") }
    }

    /// Whether `descriptor` is a listening socket (`SO_ACCEPTCONN`).
    private func isListening(_ descriptor: Int32) -> Bool {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        return getsockopt(descriptor, SOL_SOCKET, SO_ACCEPTCONN, &value, &length) == 0 && value != 0
    }
}
