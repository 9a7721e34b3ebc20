import Foundation
import Synchronization
import Testing
@testable import Model

@Test func teamBlocksCoverEveryRowOnce() {
    for (count, threads, alignment) in [(0, 2, 1), (10, 2, 16), (130, 2, 1), (1000, 3, 16), (1000, 1, 1), (3, 4, 1)] {
        let team = WorkerTeam(size: threads)
        let seen = Mutex([Int](repeating: 0, count: count))
        team.run { part in
            let block = team.block(part, of: count, alignment: alignment)
            if part + 1 < threads { #expect(block.upperBound % alignment == 0 || block.upperBound == count) }
            seen.withLock { for r in block { $0[r] += 1 } }
        }
        #expect(seen.withLock { $0.allSatisfy { $0 == 1 } })
    }
}

@Test func everyPartRunsOncePerJobForManyJobs() {
    // Many short jobs back to back (the training loop's pattern), then jobs after the workers
    // have gone to sleep: each part runs exactly once per job, and `run` returns only after all.
    let team = WorkerTeam(size: 3)
    let counts = Mutex([Int](repeating: 0, count: 3))
    var finishedBeforeReturn = true
    for job in 0..<20_000 {
        team.run { part in counts.withLock { $0[part] += 1 } }
        if job % 5_000 == 4_999 { Thread.sleep(forTimeInterval: 0.01) }
        finishedBeforeReturn = finishedBeforeReturn && counts.withLock { $0 == [job + 1, job + 1, job + 1] }
    }
    #expect(finishedBeforeReturn)
}

@Test func aTeamOfOneRunsOnTheCaller() {
    let team = WorkerTeam(size: 1)
    var parts: [Int] = []
    team.run { parts.append($0) }
    #expect(parts == [0])
    #expect(team.block(0, of: 10) == 0..<10)
}
