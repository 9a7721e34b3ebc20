import Testing
@testable import Model

@Test func sameSeedSameNumbers() {
    var a = RandomState(seed: 42)
    var b = RandomState(seed: 42)
    let xs = (0..<100).map { _ in a.next() }
    let ys = (0..<100).map { _ in b.next() }
    #expect(xs == ys)
    var c = RandomState(seed: 43)
    #expect(c.next() != xs[0])
}

@Test func savedStateContinuesTheSequence() throws {
    var a = RandomState(seed: 7)
    _ = a.next()
    var b = try #require(RandomState(state: a.state))
    #expect(a.next() == b.next())
    #expect(RandomState(state: [0, 0, 0, 0]) == nil)
}

@Test func permutationHoldsEveryIndexOnce() {
    var random = RandomState(seed: 1)
    let order = random.permutation(1000)
    #expect(Set(order).count == 1000)
    #expect(order.min() == 0 && order.max() == 999)
    #expect(order != (0..<1000).map { Int32($0) })
}

@Test func normalSamplesHaveUnitVariance() {
    var random = RandomState(seed: 3)
    let samples = (0..<20000).map { _ in random.nextNormal() }
    let mean = samples.reduce(0, +) / Double(samples.count)
    let variance = samples.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(samples.count)
    #expect(abs(mean) < 0.03)
    #expect(abs(variance - 1) < 0.05)
}

@Test func boundedIntegersStayInRange() {
    var random = RandomState(seed: 9)
    var counts = [Int](repeating: 0, count: 3)
    for _ in 0..<3000 { counts[random.nextInt(below: 3)] += 1 }
    #expect(counts.allSatisfy { $0 > 900 && $0 < 1100 })
}
