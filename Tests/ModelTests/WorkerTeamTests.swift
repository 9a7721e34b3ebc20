import Foundation
import Testing
@testable import Model

// Each part of a job writes only its own slots of a buffer, as the team's contract asks.

/// Records the block `team.block(part, of: count, alignment:)` of each part.
private struct RecordBlocks: TeamJob {
    let team: WorkerTeam
    let count: Int
    let alignment: Int
    let blocks: UnsafeMutableBufferPointer<Range<Int>>

    func run(part: Int) { blocks[part] = team.block(part, of: count, alignment: alignment) }
}

/// Counts, per part, how often the part ran.
private struct CountRuns: TeamJob {
    let counts: UnsafeMutableBufferPointer<Int>

    func run(part: Int) { counts[part] += 1 }
}

@Test func teamBlocksCoverEveryRowOnce() {
    for (count, threads, alignment) in [(0, 2, 1), (10, 2, 16), (130, 2, 1), (1000, 3, 16), (1000, 1, 1), (3, 4, 1)] {
        let team = WorkerTeam(size: threads)
        let blocks = UnsafeMutableBufferPointer<Range<Int>>.allocate(capacity: threads)
        defer { blocks.deallocate() }
        blocks.initialize(repeating: 0..<0)
        team.run(RecordBlocks(team: team, count: count, alignment: alignment, blocks: blocks))
        var seen = [Int](repeating: 0, count: count)
        for block in blocks { for r in block { seen[r] += 1 } }
        #expect(seen.allSatisfy { $0 == 1 }, "\(count) rows, \(threads) threads")
        // Inner boundaries fall on multiples of the alignment (or at the end).
        #expect(blocks.dropLast().allSatisfy { $0.upperBound % alignment == 0 || $0.upperBound == count })
    }
}

@Test func everyPartRunsOncePerJobForManyJobs() {
    // Many short jobs back to back (the training loop's pattern), and jobs after the workers have
    // gone to sleep: each part runs exactly once per job, and `run` returns only after all.
    let team = WorkerTeam(size: 3)
    let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: 3)
    defer { counts.deallocate() }
    counts.initialize(repeating: 0)
    var finishedBeforeReturn = true
    for job in 1...20_000 {
        team.run(CountRuns(counts: counts))
        finishedBeforeReturn = finishedBeforeReturn && counts.allSatisfy { $0 == job }
        if job % 5_000 == 0 { Thread.sleep(forTimeInterval: 0.01) }
    }
    #expect(finishedBeforeReturn)
}

@Test func aTeamOfOneRunsOnTheCaller() {
    let team = WorkerTeam(size: 1)
    let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: 1)
    defer { counts.deallocate() }
    counts.initialize(repeating: 0)
    team.run(CountRuns(counts: counts))
    #expect(counts[0] == 1)
    #expect(team.block(0, of: 10) == 0..<10)
}
