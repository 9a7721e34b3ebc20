import Foundation

/// The seeded pseudo-random generator used for initialisation and shuffling: xoshiro256**.
///
/// xoshiro256** (Blackman and Vigna, 2018) keeps four `UInt64` of state; the seed is spread into
/// them with SplitMix64, as its authors recommend. The whole state is `state`, so saving it and
/// restoring it later continues the exact same sequence: training uses this to reproduce an
/// epoch's shuffle when resuming. The same seed gives the same numbers on every machine.
public struct RandomState: Equatable, Codable, Sendable {
    /// The four words of xoshiro256** state (never all zero).
    public var state: [UInt64]

    /// A generator seeded with `seed` through SplitMix64.
    public init(seed: UInt64) {
        var s = seed
        func splitMix() -> UInt64 {
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = [splitMix(), splitMix(), splitMix(), splitMix()]
    }

    /// A generator continuing from a saved `state` (four words, not all zero), or nil.
    public init?(state: [UInt64]) {
        guard state.count == 4, state.contains(where: { $0 != 0 }) else { return nil }
        self.state = state
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(state[1] &* 5, 7) &* 9
        let t = state[1] << 17
        state[2] ^= state[0]
        state[3] ^= state[1]
        state[1] ^= state[2]
        state[0] ^= state[3]
        state[2] ^= t
        state[3] = rotateLeft(state[3], 45)
        return result
    }

    /// A uniform `Double` in [0, 1) from the top 53 bits.
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in `0..<bound` (`bound > 0`), unbiased: Lemire's multiply-shift with
    /// rejection of the few values that would favour some results.
    public mutating func nextInt(below bound: Int) -> Int {
        let b = UInt64(bound)
        var product = next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold {
                product = next().multipliedFullWidth(by: b)
            }
        }
        return Int(product.high)
    }

    /// A standard normal sample (mean 0, deviation 1) by the Box-Muller transform; uses two
    /// uniforms per sample and discards the second normal, so the state stays four words.
    public mutating func nextNormal() -> Double {
        let u1 = 1 - nextUniform()  // in (0, 1], so the logarithm is finite
        let u2 = nextUniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// The numbers `0..<count` in random order (Fisher-Yates, from the end).
    public mutating func permutation(_ count: Int) -> [Int32] {
        var order = (0..<count).map { Int32($0) }
        shuffle(&order)
        return order
    }

    /// Shuffles `order` in place (Fisher-Yates, from the end); allocates nothing.
    public mutating func shuffle(_ order: inout [Int32]) {
        var i = order.count - 1
        while i > 0 {
            let j = nextInt(below: i + 1)
            order.swapAt(i, j)
            i -= 1
        }
    }

    private enum CodingKeys: String, CodingKey { case state }

    /// Decodes a saved state, refusing one that is not four words or is all zero (xoshiro's
    /// all-zero state only ever gives zeros: a shuffle from it would never end).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let words = try container.decode([UInt64].self, forKey: .state)
        guard let valid = RandomState(state: words) else {
            throw DecodingError.dataCorruptedError(
                forKey: .state, in: container,
                debugDescription: "xoshiro256** needs four words, not all zero")
        }
        self = valid
    }

    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}
