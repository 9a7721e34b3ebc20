import Synchronization

/// How many requests the handler is working on, so that a stop can wait for them (and only
/// them) before ending the server.
final class RequestsInFlight: Sendable {
    private let count = Atomic<Int>(0)

    /// Runs `body`, counted as in flight while it runs.
    func track<T>(_ body: () async -> T) async -> T {
        count.add(1, ordering: .relaxed)
        defer { count.subtract(1, ordering: .relaxed) }
        return await body()
    }

    /// Returns once no request is in flight, or after `seconds`, checking every 10 ms.
    func waitUntilNone(atMost seconds: Double) async {
        let deadline = ContinuousClock.now + DigitServer.duration(seconds, default: 5)
        while count.load(ordering: .relaxed) > 0 && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }
}
