import Foundation

/// How the work of a batch is cut into parts that run at the same time, one block of rows or of
/// neurons each, on `DispatchQueue.concurrentPerform` (the calling thread and Dispatch's
/// threads, one per core at most):
///
///     struct Fill: TeamJob {          // each part fills its own block of a buffer
///         let team: WorkerTeam, values: UnsafeMutablePointer<Float>, count: Int
///         func run(part: Int) {
///             for i in team.block(part, of: count) { values[i] = 1 }
///         }
///     }
///     team.run(Fill(team: team, values: buffer, count: 1000))   // returns when all parts are done
///
/// Each part runs the single-threaded BLAS and element kernels on its block (BLAS's own threads
/// park and wake around each of a small network's many short products, which cost a fifth of an
/// S256 epoch). A part is not tied to a thread: whichever thread is free takes the next part,
/// so a thread the system has descheduled (this machine is shared) holds nobody up.
///
/// Measured against the team it replaces (worker threads started once per run, each tied to its
/// part, spinning then yielding between jobs; otherwise the same code), alternated in one run,
/// median epoch seconds of `digits-bench train --epochs 3 --threads 2 --replay no` per round
/// (S256: 784-256-128-10 at batch 64; S800: 784-800-10 at batch 128), on the shared 2-core
/// machine (2026-12-01):
///
///     load 10–15   S256  concurrentPerform 0.94 1.26 1.31   spinning team 1.73 2.91 1.38
///                  S800  concurrentPerform 5.23 3.46 1.97   spinning team 14.8 3.19 3.96
///     load 4–7     S256  concurrentPerform 1.37 0.95 1.04   spinning team 0.91 1.34 1.41
///                  S800  concurrentPerform 2.74 2.64 3.56   spinning team 2.66 4.00 2.45
///
/// Under heavy load concurrentPerform was faster in 5 rounds of 6, by up to 3× (a part tied to a
/// descheduled thread kept the other waiting); under moderate load the two were within the
/// rounds' spread of each other. So concurrentPerform stays: never slower beyond the noise, and
/// no threads of its own spinning on a shared machine. Its price: libdispatch mallocs two small
/// blocks per call, 8 per training batch (`scripts/bench-train.sh allocations`: 8.0 a batch of
/// S256, against 0.011 for the spinning team), a few hundred nanoseconds of a batch's ~0.4 ms.
///
/// Results do not depend on timing: each part writes its own outputs, with the same arithmetic
/// whichever thread runs it.
struct WorkerTeam: Sendable {
    /// Parts each job is cut into (at least 1); the `threads` setting.
    let size: Int

    /// A team that cuts each job into `size` parts.
    init(size: Int) {
        self.size = max(1, size)
    }

    /// Runs `job.run(part:)` for every `part` in `0..<size` at the same time and returns when all
    /// are done. The parts must touch disjoint memory. Nothing of the job goes to the heap;
    /// libdispatch takes two small blocks of its own per call (for more than one part).
    func run<Job: TeamJob>(_ job: Job) {
        guard size > 1 else { return job.run(part: 0) }
        nonisolated(unsafe) let job = job  // shared by the parts, which write disjoint memory
        DispatchQueue.concurrentPerform(iterations: size) { part in job.run(part: part) }
    }

    /// The row blocks `run` hands out: part `part` of `count` rows cut into `size` contiguous
    /// blocks whose boundaries are multiples of `alignment` (except the last).
    func block(_ part: Int, of count: Int, alignment: Int = 1) -> Range<Int> {
        func boundary(_ p: Int) -> Int {
            p == size ? count : min(count, (p * count / size + alignment / 2) / alignment * alignment)
        }
        return boundary(part)..<boundary(part + 1)
    }
}

/// One job for a `WorkerTeam`: a value holding what the work needs (buffers, sizes), whose
/// `run(part:)` does part `part` of it.
protocol TeamJob: SendableMetatype {
    /// Does part `part` (0 up to the team's size) of the work.
    func run(part: Int)
}
