import Foundation
import Synchronization
import Testing

@testable import Server

/// The classification line: first come, first served, on its own threads, never more at once
/// than it has workers.
@Suite("Classification line")
struct ClassificationLineTests {
    @Test("work is done in the order it was handed over, and its results come back")
    func inOrder() async {
        let line = ClassificationLine(workers: 1)
        line.start()
        defer { line.stop() }
        // The worker is held until all 50 pieces are in the line.
        let gate = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let order = Shared<[Int]>([])
        line.submit { gate.wait() }
        for i in 0..<50 {
            line.submit {
                order.value.withLock { $0.append(i) }
                done.signal()
            }
        }
        gate.signal()
        for _ in 0..<50 { done.wait() }
        #expect(order.value.withLock { $0 } == Array(0..<50))
        #expect(await line.run { 6 * 7 } == 42)
    }

    @Test("no more pieces of work run at once than the line has workers")
    func bounded() async {
        let line = ClassificationLine(workers: 2)
        line.start()
        defer { line.stop() }
        let counts = Shared<(running: Int, most: Int)>((0, 0))
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<40 {
                group.addTask {
                    await line.run {
                        counts.value.withLock {
                            $0.running += 1
                            $0.most = max($0.most, $0.running)
                        }
                        Thread.sleep(forTimeInterval: 0.002)
                        counts.value.withLock { $0.running -= 1 }
                    }
                }
            }
        }
        let most = counts.value.withLock { $0.most }
        #expect(most <= 2)
        #expect(most >= 1)
    }

    @Test("before start and after stop, work runs on the caller")
    func unstarted() async {
        let line = ClassificationLine(workers: 2)
        #expect(await line.run { 1 + 1 } == 2)
        line.start()
        #expect(await line.run { 2 * 2 } == 4)
        line.stop()
        #expect(await line.run { 3 } == 3)
    }
}

/// A value behind a lock, shared by the test and the line's threads.
private final class Shared<Value>: Sendable {
    let value: Mutex<Value>
    init(_ value: sending Value) { self.value = Mutex(value) }
}
