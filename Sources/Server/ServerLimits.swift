/// The bounds that keep one client from holding the server: how much a request may send and how
/// long a connection may wait.
public struct ServerLimits: Sendable, Equatable {
    /// The largest request body accepted, in bytes (8 MiB); larger ones get 413 unread.
    public var maximumBodyBytes = 8 << 20
    /// Seconds a connection may wait for the client's next bytes (or for it to take the
    /// response) before it is closed: idle keep-alive connections, and clients that stop in
    /// the middle of a request.
    public var idleTimeoutSeconds = 10.0
    /// Seconds a request may take from its headers to its answer before it is abandoned.
    public var requestTimeoutSeconds = 15.0
    /// Seconds `stop` waits for the requests in flight to finish before it cancels them.
    public var shutdownGraceSeconds = 5.0

    /// The defaults above.
    public init() {}
}
