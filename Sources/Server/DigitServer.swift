import FlyingFox
import FlyingSocks
import Foundation
import Model
import Synchronization

/// The server behind `digits serve`: the drawing page and its JSON API (`DigitAPI`) over
/// HTTP/1.1, on FlyingFox (async/await over BSD sockets and epoll).
///
///     let server = try DigitServer(state: checkpoint.state, path: file, host: "127.0.0.1", port: 8080)
///     try await server.run()          // until `stop()`
///
/// The network is loaded once and shared by every request; each classification is a few
/// hundred microseconds of work, done in the order the requests arrived, one per core at a
/// time (`ClassificationLine`).
public final class DigitServer: Sendable {
    /// The address it listens on, as given (`127.0.0.1`, `0.0.0.0`, `::1`).
    public let host: String
    /// The port asked for (0: any free port, see `listeningPort`).
    public let port: UInt16
    private let http: HTTPServer
    private let inFlight = RequestsInFlight()
    /// The threads that read the pictures, one per core, while `run()` serves.
    private let line = ClassificationLine(workers: ProcessInfo.processInfo.activeProcessorCount)
    /// The task of `run()` that `stop()` cancels once the requests in flight are answered.
    private let serving = Mutex<Task<Void, any Error>?>(nil)

    /// A server for the kept network of `state`, the checkpoint read from `path`.
    ///
    /// - Throws: `ServerError.badHost` if `host` is not an IP address (or `localhost`);
    ///   `.notAnMNISTNetwork` if the network does not read 784 pixels into 10 digits.
    public init(
        state: TrainingState, path: String, host: String, port: UInt16,
        limits: ServerLimits = ServerLimits()
    ) throws(ServerError) {
        let architecture = state.best.architecture
        guard architecture.inputSize == 784, architecture.classCount == 10 else {
            throw .notAnMNISTNetwork(
                path: path, inputSize: architecture.inputSize, classCount: architecture.classCount)
        }
        self.host = host
        self.port = port
        // One request is one image: a matrix-vector product too small to share out, and the
        // requests themselves keep every core busy. BLAS threads would only contend.
        BLAS.setThreads(1)
        let budget = ConnectionBudget()
        let api = DigitAPI(
            reader: DigitReader(network: state.best), line: line, modelFacts: modelFactsJSON(state, path: path),
            limits: limits, inFlight: inFlight, budget: budget)
        let pool = GuardedSocketPool(
            base: HTTPServer.defaultPool(), idleTimeout: Self.duration(limits.idleTimeoutSeconds, default: 10),
            budget: budget)
        let config = HTTPServer.Configuration(
            address: try Self.socketAddress(host: host, port: port),
            timeout: Self.clamped(limits.requestTimeoutSeconds, default: 15),
            // Bodies over 256 bytes reach the handler unread and are read there, so that a request
            // whose body is still arriving counts as in flight (and a stop waits for it).
            sharedRequestBufferSize: 256,
            sharedRequestReplaySize: limits.maximumBodyBytes,
            pool: pool, logger: .disabled)
        http = HTTPServer(config: config, handler: api)
    }

    /// Listens and serves until `stop()`.
    ///
    /// - Throws: `ServerError.portInUse` or `.cannotListen` if the address cannot be bound.
    public func run() async throws(ServerError) {
        Self.raiseDescriptorLimit()
        let http = http
        line.start()
        defer { line.stop() }
        let task = Task { try await http.run() }
        serving.withLock { $0 = task }
        do {
            try await withTaskCancellationHandler {
                try await task.value
            } onCancel: {
                task.cancel()
            }
        } catch let error as SocketError {
            guard case .failed(let call, let code, let message) = error else { return }
            if code == EADDRINUSE { throw .portInUse(host: host, port: Int(port)) }
            throw .cannotListen(host: host, port: Int(port), reason: "\(call.lowercased()): \(message)")
        } catch {
            return  // cancelled by `stop()`: the normal end
        }
    }

    /// Waits until the server listens (at most `timeout` seconds) and returns its port, or nil
    /// if it did not start listening in that time.
    public func listeningPort(timeout: Double = 5) async -> UInt16? {
        guard (try? await http.waitUntilListening(timeout: timeout)) != nil else { return nil }
        switch await http.listeningAddress {
        case .ip4(_, let port), .ip6(_, let port): return port
        default: return nil
        }
    }

    /// Stops listening, lets the requests in flight finish (at most `graceSeconds`), then ends
    /// `run()`.
    ///
    /// FlyingFox's own stop closes the listening socket and the idle connections, but then
    /// waits out its whole timeout (its accept loop is never woken); so once no request is in
    /// flight, and 0.1 s more for their responses to be written, the serving task is cancelled.
    public func stop(graceSeconds: Double = 5) async {
        let http = http
        let graceSeconds = Self.clamped(graceSeconds, default: 5)
        async let closing: Void = http.stop(timeout: graceSeconds)
        try? await Task.sleep(for: .milliseconds(20))  // let it close the listening socket first
        await inFlight.waitUntilNone(atMost: graceSeconds)
        try? await Task.sleep(for: .milliseconds(100))
        serving.withLock { $0 }?.cancel()
        await closing
    }

    /// Raises this process's limit of open descriptors to the most it may have: each
    /// connection is one, and FlyingFox stops accepting when the limit is reached.
    static func raiseDescriptorLimit() {
        var limit = rlimit()
        #if os(Linux)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(resource, &limit)
    }

    /// `seconds` clamped to 1 ms … 1 day (`default` if it is not a number): what FlyingFox's
    /// timeouts and `Duration` take without trapping.
    static func clamped(_ seconds: Double, default fallback: Double) -> Double {
        seconds.isNaN ? fallback : min(max(seconds, 0.001), 86_400)
    }

    /// `clamped(seconds)` as a duration.
    static func duration(_ seconds: Double, default fallback: Double) -> Duration {
        .milliseconds(Int((clamped(seconds, default: fallback) * 1000).rounded()))
    }

    /// The socket address for `host`, an IPv4 or IPv6 address or `localhost` (127.0.0.1).
    static func socketAddress(host: String, port: UInt16) throws(ServerError) -> any SocketAddress {
        let numeric = host == "localhost" ? "127.0.0.1" : host
        if let ip4 = try? sockaddr_in.inet(ip4: numeric, port: port) { return ip4 }
        if let ip6 = try? sockaddr_in6.inet6(ip6: numeric, port: port) { return ip6 }
        throw .badHost(host)
    }
}
