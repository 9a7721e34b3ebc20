import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fixed group of threads that work on one job at a time, each on its own part of it: the
/// calling thread runs part 0 and `size - 1` worker threads, started once, run parts 1, 2, ….
///
///     struct Fill: TeamJob {          // each part fills its own block of a buffer
///         let team: WorkerTeam, values: UnsafeMutablePointer<Float>, count: Int
///         func run(part: Int) {
///             for i in team.block(part, of: count) { values[i] = 1 }
///         }
///     }
///     team.run(Fill(team: team, values: buffer, count: 1000))   // returns when all parts are done
///
/// Training hands the team two jobs per batch: copying the batch's pixels (`Trainer.loadBatch`)
/// and the training step, whose parts meet at two barriers (MLP+TrainingStep.swift); each
/// thread takes one large block of the batch's rows or of a layer's neurons and runs the
/// single-threaded BLAS and element kernels on it. Why not BLAS's
/// own threads: a small network's step is a chain of about ten products of a few microseconds
/// each, and OpenBLAS parks and wakes its threads around every one of them (through
/// `sched_yield`), which cost a fifth of an S256 epoch. A worker here waits for the next job by
/// spinning for a few microseconds, then yielding its core between checks for 0.2 ms (with more
/// threads than cores, the thread it waits for may need that core), then sleeping: handing over
/// a part costs well under a microsecond during training, and an idle team (between runs, while
/// a checkpoint is written) takes no CPU time.
///
/// Measured against `DispatchQueue.concurrentPerform` (non-escaping closure, same code
/// otherwise: the training step as three rounds of parts, without barriers), alternated in one
/// run, median epoch seconds of `digits-bench train --epochs 3 --threads 2 --replay no` per
/// round (S256: 784-256-128-10 at batch 64; S800: 784-800-10 at batch 128), on the shared 2-core
/// machine (2026-12-01):
///
///     load 10–15   S256  team 1.73 2.91 1.38        concurrentPerform 0.94 1.26 1.31
///                  S800  team 14.8 3.19 3.96        concurrentPerform 5.23 3.46 1.97
///     load 4–7     S256  team 0.91 1.34 1.41        concurrentPerform 1.37 0.95 1.04
///                  S800  team 2.66 4.00 2.45        concurrentPerform 2.74 2.64 3.56
///     load 5–7     S256  team 3.54 0.77 0.49 1.06   concurrentPerform¹ 0.68 1.46 0.53 1.16
///                  S800  team 2.88 0.82 1.97 2.22   concurrentPerform¹ 1.61 1.43 2.28 2.03
///     ¹ this training step (MLP+TrainingStep.swift) written as three concurrentPerform rounds.
///
/// Neither is faster beyond the noise everywhere, so the team stays. Under heavy load
/// concurrentPerform won by up to 3× (a part tied to a descheduled thread keeps the other
/// waiting, while concurrentPerform's caller takes the parts nobody has started); under lighter
/// load its CPU time was at most its wall time in 7 rounds of 8 (Dispatch's threads mostly woke
/// too late to take a part, so the batches ran on one core) and the team's least disturbed
/// epochs were the fastest (S800 0.82 s against 1.43 s; S256 0.49 against 0.53).
/// concurrentPerform also mallocs two blocks per call (8 a batch; the team: none).
///
/// Results do not depend on timing: each part writes its own outputs, with the same arithmetic
/// on every run.
final class WorkerTeam: @unchecked Sendable {
    /// Threads working on each job, the caller's included (at least 1).
    let size: Int
    private let board: Board
    private let finished = DispatchSemaphore(value: 0)

    /// A team of `size` threads: the caller and `size - 1` new worker threads.
    init(size: Int) {
        self.size = max(1, size)
        board = Board()
        for part in 1..<self.size {
            let (board, finished) = (board, finished)
            let thread = Thread {
                board.work(part: part); finished.signal()
            }
            thread.name = "digits-worker-\(part)"
            thread.start()
        }
    }

    deinit {
        board.stop()
        for _ in 1..<size { finished.wait() }
    }

    /// Runs `job.run(part:)` for every `part` in `0..<size` at the same time, part 0 on the
    /// calling thread, and returns when all are done. The parts must touch disjoint memory.
    /// Not reentrant: one job at a time, posted from one thread.
    ///
    /// The workers reach the job through its address on the caller's stack, so handing over a
    /// job allocates nothing.
    func run<Job: TeamJob>(_ job: Job) {
        guard size > 1 else { return job.run(part: 0) }
        withUnsafePointer(to: job) { address in
            board.post(UnsafeRawPointer(address), kind: Job.self, workers: size - 1)
            address.pointee.run(part: 0)
            board.waitUntilDone()
        }
    }

    /// Starts `job.run(part:)` for the parts 1, 2, … on the workers and returns at once: the
    /// caller runs part 0 itself, then calls `finish()`. For a job whose parts meet at
    /// `barrier()`: the training step, whose part 0 the caller runs straight from
    /// `MLP.trainingStep`. A class instance, so that the workers hold it without a copy on the
    /// heap.
    func start(_ job: some TeamJob & AnyObject) {
        guard size > 1 else { return }
        board.post(job, workers: size - 1)
    }

    /// Waits until the workers have finished the parts `start` gave them.
    func finish() {
        guard size > 1 else { return }
        board.waitUntilDone()
    }

    /// Waits until every part of the current job has reached this call (each part calls it the
    /// same number of times): what one part wrote before it, every part can read after it.
    func barrier() {
        guard size > 1 else { return }
        board.barrier(parties: size)
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
/// `run(part:)` does part `part` of it. A struct rather than a closure: the team hands a closure
/// to its threads only after wrapping it on the heap, which the training loop must not do for
/// each of its jobs.
protocol TeamJob {
    /// Does part `part` (0 up to the team's size) of the work.
    func run(part: Int)
}

extension TeamJob {
    /// `run(part:)` of the job of this type at `address`; how a worker calls a job it knows only
    /// by address and type.
    fileprivate static func run(at address: UnsafeRawPointer, part: Int) {
        address.assumingMemoryBound(to: Self.self).pointee.run(part: part)
    }
}

/// What the caller and the workers share: the current job and the counters that hand it over.
private final class Board: @unchecked Sendable {
    /// Bumped once per job (and once to stop); a worker runs a job when it sees a new value.
    private let generation = Atomic<Int>(0)
    /// Workers still running the current job.
    private let pending = Atomic<Int>(0)
    /// The current job's address and type; written before `generation` is bumped, cleared
    /// after `pending` is 0.
    private var job: UnsafeRawPointer?
    private var kind: (any TeamJob.Type)?
    /// The current job when it is a class instance (`WorkerTeam.start`).
    private var object: (any TeamJob & AnyObject)?
    private var stopping = false
    /// Guards sleeping: a worker sleeps on `wake` only after checking `generation` under `lock`.
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wake = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var sleepers = 0

    /// Spins of a waiting thread before it starts yielding its core between checks (a few
    /// microseconds): with more threads than cores, the thread it waits for may need the core.
    private static let spinsBeforeYield = 5_000
    /// How long a waiting worker keeps checking before it sleeps.
    private static let checkingBeforeSleep = Duration.microseconds(200)

    init() {
        pthread_mutex_init(lock, nil)
        pthread_cond_init(wake, nil)
    }

    deinit {
        pthread_cond_destroy(wake)
        pthread_mutex_destroy(lock)
        lock.deallocate()
        wake.deallocate()
    }

    /// Publishes the job at `job`, of type `kind`, to the workers and wakes any that sleep.
    func post(_ job: UnsafeRawPointer, kind: any TeamJob.Type, workers: Int) {
        self.job = job
        self.kind = kind
        pending.store(workers, ordering: .relaxed)
        bump()
    }

    /// Publishes the job `object` to the workers and wakes any that sleep.
    func post(_ object: any TeamJob & AnyObject, workers: Int) {
        self.object = object
        pending.store(workers, ordering: .relaxed)
        bump()
    }

    /// Spins until every worker has finished the current job, then forgets it.
    func waitUntilDone() {
        var spins = 0
        while pending.load(ordering: .acquiring) > 0 {
            spins += 1
            if spins > Board.spinsBeforeYield { sched_yield() }
        }
        job = nil
        kind = nil
        object = nil
    }

    /// Parts that have reached the current barrier, and how many barriers have opened.
    private let arrived = Atomic<Int>(0)
    private let barriersOpened = Atomic<Int>(0)

    /// Waits until `parties` threads have called this (see `WorkerTeam.barrier`): the last to
    /// arrive opens it for the others, which spin, then yield their core, until it opens.
    func barrier(parties: Int) {
        let opened = barriersOpened.load(ordering: .acquiring)
        if arrived.add(1, ordering: .acquiringAndReleasing).newValue == parties {
            arrived.store(0, ordering: .relaxed)
            barriersOpened.add(1, ordering: .releasing)
            return
        }
        var spins = 0
        while barriersOpened.load(ordering: .acquiring) == opened {
            spins += 1
            if spins > Board.spinsBeforeYield { sched_yield() }
        }
    }

    /// Asks the workers to return from `work`.
    func stop() {
        stopping = true
        bump()
    }

    private func bump() {
        pthread_mutex_lock(lock)
        generation.add(1, ordering: .releasing)
        if sleepers > 0 { pthread_cond_broadcast(wake) }
        pthread_mutex_unlock(lock)
    }

    /// A worker's life: wait for a new generation, run its part of the job, repeat until stopped.
    func work(part: Int) {
        var seen = 0
        while true {
            var current = generation.load(ordering: .acquiring)
            var spins = 0
            var yieldingSince: ContinuousClock.Instant?
            while current == seen {
                spins += 1
                if spins > Board.spinsBeforeYield {
                    let now = ContinuousClock.now
                    if let since = yieldingSince, now - since > Board.checkingBeforeSleep {
                        sleep(until: seen)
                    } else {
                        if yieldingSince == nil { yieldingSince = now }
                        sched_yield()
                    }
                }
                current = generation.load(ordering: .acquiring)
            }
            seen = current
            if stopping { return }
            perform(part)
            pending.subtract(1, ordering: .releasing)
        }
    }

    /// Sleeps until `generation` moves past `seen` (`bump` wakes sleepers).
    private func sleep(until seen: Int) {
        pthread_mutex_lock(lock)
        sleepers += 1
        while generation.load(ordering: .acquiring) == seen { pthread_cond_wait(wake, lock) }
        sleepers -= 1
        pthread_mutex_unlock(lock)
    }

    /// Runs this worker's part of the current job.
    private func perform(_ part: Int) {
        if let object {
            object.run(part: part)
        } else if let job, let kind {
            kind.run(at: job, part: part)
        }
    }
}
