import Dispatch

/// Splits `0..<count` rows into `threads` contiguous blocks and runs `body` on each block at
/// the same time (the calling thread takes one block). With one thread, or few rows, it simply
/// calls `body(0..<count)`.
///
/// Used for the row-wise element kernels of the first layer (gathering W₀'s active columns, the
/// momentum update), which would otherwise run on one core while BLAS uses two. Each element
/// is computed by exactly one thread with the same arithmetic, so results do not depend on the
/// thread count.
func forEachRowBlock(_ count: Int, threads: Int, _ body: (Range<Int>) -> Void) {
    let blocks = min(max(1, threads), count / 64)
    if blocks <= 1 {
        body(0..<count)
        return
    }
    withoutActuallyEscaping(body) { body in
        // The blocks touch disjoint rows, so sharing the kernel's buffers between threads is safe.
        let shared = UncheckedSendable(body)
        DispatchQueue.concurrentPerform(iterations: blocks) { block in
            shared.value((block * count / blocks)..<((block + 1) * count / blocks))
        }
    }
}

/// A value handed to other threads without the compiler's check; only for `forEachRowBlock`.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
