// "Nice" axis ticks: steps of 1, 2 or 5 × 10^k, and their labels.

import Foundation

/// Tick positions for one axis: evenly spaced at a step of 1, 2 or 5 × 10^k.
public struct NiceTicks: Sendable, Equatable {
    /// First tick (≤ the data minimum).
    public var lower: Double
    /// Last tick (≥ the data maximum).
    public var upper: Double
    /// Distance between ticks (1, 2 or 5 × 10^k).
    public var step: Double

    /// Ticks covering [`minimum`, `maximum`] with about `count` intervals (at least one).
    /// The domain is widened outward to whole steps. An empty or inverted range is widened
    /// around its value; non-finite inputs give the ticks of [0, 1].
    ///
    ///     NiceTicks(from: 0.13, to: 2.7, count: 5)   // 0, 0.5, …, 3   (step 0.5)
    public init(from minimum: Double, to maximum: Double, count: Int = 5) {
        var lo = minimum.isFinite ? minimum : 0
        var hi = maximum.isFinite ? maximum : 1
        if lo > hi { swap(&lo, &hi) }
        if hi - lo < 1e-12 {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= pad
            hi += pad
        }
        let step = NiceTicks.niceStep(for: (hi - lo) / Double(max(1, count)))
        self.step = step
        // A tiny tolerance keeps 0.30000000000000004 from becoming a whole extra step.
        self.lower = (lo / step + 1e-9).rounded(.down) * step
        self.upper = (hi / step - 1e-9).rounded(.up) * step
    }

    /// Ticks from exactly `lower` to `upper` at `step` (the caller vouches that they fit).
    public init(lower: Double, upper: Double, step: Double) {
        self.lower = lower
        self.upper = upper
        self.step = step
    }

    /// The 1, 2, 5 × 10^k step nearest to `rough` on a log scale (for `rough` > 0; otherwise 1):
    /// the mantissa of `rough` is rounded to 1 below √2, to 2 below √10, to 5 below √50,
    /// else to 10. So `count` ticks requested give between about 0.7 × and 1.4 × as many.
    public static func niceStep(for rough: Double) -> Double {
        guard rough.isFinite, rough > 0 else { return 1 }
        let power = pow(10, log10(rough).rounded(.down))
        let mantissa = rough / power
        if mantissa < 2.0.squareRoot() { return power }
        if mantissa < 10.0.squareRoot() { return 2 * power }
        if mantissa < 50.0.squareRoot() { return 5 * power }
        return 10 * power
    }

    /// The tick values from `lower` to `upper` inclusive (at most 1000).
    public var values: [Double] {
        let steps = ((upper - lower) / step).rounded()
        guard step > 0, upper >= lower, steps.isFinite else { return [lower] }
        let count = Int(min(999, steps)) + 1
        return (0..<count).map { lower + Double($0) * step }
    }

    /// Decimals needed to write every tick exactly (0 for steps ≥ 1, 1 for 0.5, 2 for 0.05 …).
    public var decimals: Int {
        guard step > 0, step.isFinite else { return 0 }
        return Int(min(20, max(0, (-log10(step) - 1e-9).rounded(.up))))
    }

    /// `value` written with this axis's `decimals`, never as `-0`.
    public func label(_ value: Double, scale: Double = 1, suffix: String = "") -> String {
        let shift = log10(scale).rounded()
        let places = min(20, max(0, decimals - (shift.isFinite ? Int(max(-1000, min(1000, shift))) : 0)))
        var text = String(format: "%.\(places)f", value * scale)
        if Double(text) == 0 { text = String(format: "%.\(places)f", 0.0) }
        return text + suffix
    }
}
