/// Seconds elapsed on the monotonic clock (`ContinuousClock`) since the watch was made: for
/// durations and rates (an epoch's time, samples per second, a progress bar's redraws), never
/// for dates. The one clock of the trainer and of the commands' progress output.
///
///     let watch = Stopwatch()
///     work()
///     print(watch.seconds)  // e.g. 0.0125
public struct Stopwatch: Sendable {
    private let start: ContinuousClock.Instant

    /// A watch started now.
    public init() {
        start = .now
    }

    /// Seconds since the watch was started (fractional, ≥ 0).
    public var seconds: Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
