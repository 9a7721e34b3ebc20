import Testing

import Model

/// The monotonic clock behind the epochs' seconds and the commands' rates.
@Test func stopwatchCountsUpFromZero() {
    let watch = Stopwatch()
    let first = watch.seconds
    var later = first
    for _ in 0..<1000 { later = max(later, watch.seconds) }
    #expect(first >= 0)
    #expect(first < 60)
    #expect(later >= first)
}
