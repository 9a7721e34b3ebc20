/// Counts of integer levels, for robust statistics (medians, percentiles, spreads) of pixel
/// values without sorting them.
///
/// Bin `k` counts the value `k + offset`: `offset` 0 for 8-bit levels 0...255, −255 for signed
/// differences −255...255 (511 bins).
struct Histogram {
    /// `counts[k]`: how many values equal `k + offset`.
    var counts: [Int]
    /// The value counted by bin 0.
    var offset = 0

    /// The number of values counted.
    var total: Int { counts.reduce(0, +) }

    /// The smallest value `v` such that at least the fraction `q` (0...1) of the values are
    /// `≤ v`; nil for an empty histogram.
    func percentile(_ q: Double) -> Int? {
        let total = self.total
        guard total > 0 else { return nil }
        let needed = max(1, Int((q * Double(total)).rounded(.up)))
        var seen = 0
        for (bin, count) in counts.enumerated() {
            seen += count
            if seen >= needed { return bin + offset }
        }
        return counts.count - 1 + offset
    }

    /// The median absolute deviation from `centre`, scaled by 1.4826 so that it estimates the
    /// standard deviation of normally distributed values; nil for an empty histogram.
    func spread(around centre: Int) -> Double? {
        var deviations = [Int](repeating: 0, count: counts.count)  // no deviation reaches the range
        for (bin, count) in counts.enumerated() where count > 0 {
            let deviation = abs(bin + offset - centre)
            if deviation < deviations.count { deviations[deviation] += count }
        }
        return Histogram(counts: deviations).percentile(0.5).map { 1.4826 * Double($0) }
    }
}
