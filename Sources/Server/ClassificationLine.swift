import Foundation
import Synchronization

/// The classifications of the server, done one after another in the order their requests
/// arrived in full, on a few threads of their own (one per core): first come, first served.
///
/// Run on the tasks that received the requests, a classification (about 0.4 ms of a core) went
/// back in the line of Swift's shared executor at every step of a request (its body read, the
/// handler's task that FlyingFox starts, its end, the timeout's end), behind whatever the other
/// 31 connections had queued meanwhile; some requests were overtaken again and again, and the
/// slowest hundredth waited twice as long as the median. Here the tasks only read and write
/// sockets (short steps), and each reading waits its turn once, in a line kept in order.
///
///     let line = ClassificationLine(workers: 2)
///     line.start()
///     let answer = await line.run { expensiveWork() }
///     line.stop()                   // after the last `run`; later ones run on their caller
final class ClassificationLine: Sendable {
    /// The threads that take the work from the line.
    let workers: Int
    private let queue = Queue()

    /// A line served by `workers` threads (at least 1), started by `start()`.
    init(workers: Int) {
        self.workers = max(1, workers)
    }

    /// Starts the worker threads (once; again after a `stop()`).
    func start() {
        guard queue.open() else { return }
        for number in 0..<workers {
            let queue = queue
            let thread = Thread { queue.serve() }
            thread.name = "digits-classify-\(number)"
            thread.start()
        }
    }

    /// Ends the worker threads once the work in the line is done. Work handed to `run` after
    /// this runs on the calling thread.
    func stop() {
        queue.close(workers: workers)
    }

    /// The result of `work`, computed on a worker thread when its turn comes: after all the
    /// work handed over before it, in order. Runs `work` at once on the calling thread if the
    /// line is not started.
    func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
            submit { continuation.resume(returning: work()) }
        }
    }

    /// Puts `job` at the end of the line (or, if the line is not started, runs it at once on
    /// the calling thread).
    func submit(_ job: @escaping @Sendable () -> Void) {
        if !queue.append(job) { job() }
    }

    /// The waiting work, first in first out, and the workers' wake-ups (one per job, one per
    /// worker to end it).
    private final class Queue: Sendable {
        private struct State {
            /// The jobs handed over; those before `head` are taken (nil, so that what they
            /// hold is freed as soon as they are done).
            var jobs: [(@Sendable () -> Void)?] = []
            /// The index of the next job in `jobs`.
            var head = 0
            var open = false
        }

        private let state = Mutex(State())
        private let wakeUps = DispatchSemaphore(value: 0)

        /// Opens the line; false if it is open already.
        func open() -> Bool {
            state.withLock { state in
                if state.open { return false }
                state.open = true
                return true
            }
        }

        /// Closes the line and wakes the `workers` threads to end once it is empty.
        func close(workers: Int) {
            let wasOpen = state.withLock { state in
                defer { state.open = false }
                return state.open
            }
            guard wasOpen else { return }
            for _ in 0..<workers { wakeUps.signal() }
        }

        /// Puts `job` at the end of the line; false if the line is closed.
        func append(_ job: @escaping @Sendable () -> Void) -> Bool {
            let appended = state.withLock { state in
                guard state.open else { return false }
                state.jobs.append(job)
                return true
            }
            if appended { wakeUps.signal() }
            return appended
        }

        /// A worker thread's loop: the first job of the line, as long as there is one or the
        /// line is open.
        func serve() {
            while true {
                wakeUps.wait()
                let job = state.withLock { state -> (@Sendable () -> Void)? in
                    guard state.head < state.jobs.count else { return nil }  // a wake-up to end
                    let job = state.jobs[state.head]
                    state.jobs[state.head] = nil
                    state.head += 1
                    if state.head == state.jobs.count || state.head >= 1024 {
                        state.jobs.removeFirst(state.head)  // the taken slots, at most 1,024
                        state.head = 0
                    }
                    return job
                }
                guard let job else { return }
                job()
            }
        }
    }
}
