import FlyingFox
import FlyingSocks
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A bound on what a client may send before it gets an answer: `headerBytes` for the request
/// line and headers, plus the body the handler agreed to read.
///
/// FlyingFox reads headers line by line with no limit on a line's length, in time that grows
/// with the square of it (16 KB: a quarter of a second of a core; a megabyte: hours). Nothing in
/// its API bounds that, so this watches the connections from outside: every `enforce` (the pool's
/// sweep, every 50 ms) reads each server connection's byte counters from the kernel (`TCP_INFO`:
/// bytes received, and bytes of ours the client acknowledged). A connection that got no answer
/// and was over its allowance (what it sent since the last answer) at two looks in a row is
/// ended at once (`abort`): a line without end is cut off within 0.15 s, after a few tens of
/// kilobytes of parsing.
///
/// Linux only (where `TCP_INFO` has those counters); elsewhere `enforce` does nothing.
final class ConnectionBudget: Sendable {
    /// Bytes a request may send beyond its declared body: request line and headers.
    static let headerBytes: UInt64 = 8 << 10

    private struct Tracked {
        var inode: UInt64
        var peer: HTTPRequest.Address?
        /// Bytes received when our last answer went out (or when first seen).
        var mark: UInt64
        /// Bytes of ours acknowledged, when last looked at.
        var acknowledged: UInt64
        var allowance: UInt64
        /// Whether it was over its allowance, unanswered, at the last look.
        var over = false
        var dying = false
    }

    private struct State {
        var tracked: [Int32: Tracked] = [:]
        /// Sockets that are not the server's connections (the listening socket, clients of
        /// this process), by descriptor: their inode, so that they are looked at once.
        var ignored: [Int32: UInt64] = [:]
        var bodies: [HTTPRequest.Address: UInt64] = [:]
    }

    private let state = Mutex(State())

    /// Called by the handler when it starts reading a body of up to `bytes` from `peer`.
    func expectBody(from peer: HTTPRequest.Address?, bytes: Int) {
        guard let peer else { return }
        state.withLock { $0.bodies[peer] = UInt64(max(0, bytes)) }
    }

    /// Looks at every connection of this process whose local port is `port`, and shuts down
    /// those over their allowance.
    func enforce(port: UInt16) {
        #if os(Linux)
        state.withLock { state in
            var seen = Set<Int32>()
            var ignored: [Int32: UInt64] = [:]
            for descriptor in openDescriptors() {
                guard let inode = socketInode(descriptor), state.ignored[descriptor] != inode else {
                    if let inode = state.ignored[descriptor] { ignored[descriptor] = inode }
                    continue
                }
                guard let counters = tcpCounters(descriptor) else { continue }
                var entry = state.tracked[descriptor]
                if entry == nil || entry?.inode != inode {
                    // A socket not seen before: a connection to the server, or to be ignored.
                    guard counters.state != 10, localPort(descriptor) == port else {  // 10: TCP_LISTEN
                        ignored[descriptor] = inode
                        continue
                    }
                    // Answered already (a busy connection seen late): count from now; else
                    // everything it sent is its first request.
                    entry = Tracked(
                        inode: inode, peer: peerAddress(descriptor),
                        mark: counters.acknowledged > 0 ? counters.received : 0,
                        acknowledged: counters.acknowledged, allowance: Self.headerBytes)
                }
                guard var tracked = entry else { continue }
                seen.insert(descriptor)
                if tracked.dying {
                    state.tracked[descriptor] = tracked
                    continue
                }
                // An answer went out since the last look: count from here. (A busy connection
                // may send many requests between two looks; it is answered, so it is let be.)
                let answered = counters.acknowledged != tracked.acknowledged
                if answered {
                    tracked.acknowledged = counters.acknowledged
                    tracked.mark = counters.received
                    tracked.allowance = Self.headerBytes
                }
                if let peer = tracked.peer, let body = state.bodies.removeValue(forKey: peer) {
                    tracked.allowance = Self.headerBytes + body
                }
                // Over at two looks in a row: at the first, its handler may not have said yet
                // how much body it reads (a loaded machine can take longer than a sweep to get
                // there).
                let over = !answered && counters.received > tracked.mark + tracked.allowance
                if over && tracked.over {
                    abort(descriptor)
                    tracked.dying = true
                }
                tracked.over = over
                state.tracked[descriptor] = tracked
            }
            state.tracked = state.tracked.filter { seen.contains($0.key) }
            state.ignored = ignored
            if state.bodies.count > 10_000 { state.bodies.removeAll() }  // peers that went away
        }
        #endif
    }

    #if os(Linux)
    /// Ends the connection of `descriptor` at once and keeps the descriptor valid: `connect(2)`
    /// to an `AF_UNSPEC` address dissolves a TCP connection (it sends a reset and drops what the
    /// kernel holds in both directions), so the next read fails and FlyingFox closes the
    /// descriptor itself. (`shutdown(2)` alone is not enough: Linux goes on receiving after it.)
    private func abort(_ descriptor: Int32) {
        var address = sockaddr()
        address.sa_family = sa_family_t(AF_UNSPEC)
        _ = connect(descriptor, &address, socklen_t(MemoryLayout<sockaddr>.size))
        shutdown(descriptor, Int32(SHUT_RDWR))  // wakes a wait, should the reset not have
    }

    /// The descriptors open in this process (the entries of /proc/self/fd).
    private func openDescriptors() -> [Int32] {
        guard let directory = opendir("/proc/self/fd") else { return [] }
        defer { closedir(directory) }
        var descriptors: [Int32] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if let descriptor = Int32(name) { descriptors.append(descriptor) }
        }
        return descriptors
    }

    /// The inode of `descriptor` if it is a socket (unique among open sockets).
    private func socketInode(_ descriptor: Int32) -> UInt64? {
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFSOCK else { return nil }
        return UInt64(info.st_ino)
    }

    /// The TCP state and byte counters of `descriptor` (`struct tcp_info`: `tcpi_state` at
    /// byte 0, `tcpi_bytes_acked` at 120, `tcpi_bytes_received` at 128, Linux 4.1 and later).
    private func tcpCounters(_ descriptor: Int32) -> (state: UInt8, acknowledged: UInt64, received: UInt64)? {
        var buffer = [UInt8](repeating: 0, count: 256)
        var length = socklen_t(buffer.count)
        guard getsockopt(descriptor, Int32(IPPROTO_TCP), TCP_INFO, &buffer, &length) == 0, length >= 136 else {
            return nil
        }
        func word(_ offset: Int) -> UInt64 {  // little-endian, as on every Linux that runs this
            var value: UInt64 = 0
            for i in 0..<8 { value |= UInt64(buffer[offset + i]) << (8 * UInt64(i)) }
            return value
        }
        return (buffer[0], word(120), word(128))
    }

    private func localPort(_ descriptor: Int32) -> UInt16? {
        switch try? Socket(file: Socket.FileDescriptor(rawValue: descriptor)).sockname() {
        case .ip4(_, let port), .ip6(_, let port): port
        default: nil
        }
    }

    private func peerAddress(_ descriptor: Int32) -> HTTPRequest.Address? {
        (try? Socket(file: Socket.FileDescriptor(rawValue: descriptor)).remotePeer()).map(HTTPRequest.Address.make)
    }
    #endif
}
