extension UnsafeMutablePointer where Pointee == Float {
    /// Allocates `count` floats starting on a 64-byte boundary, a cache line (and an AVX-512
    /// register), so that kernels' vector loads of rows whose length is a multiple of 16 floats
    /// never straddle two lines (misaligned, the per-image first layer's loads ran 1.6× slower).
    /// Freed with `deallocate()`.
    static func allocateAligned(_ count: Int) -> UnsafeMutablePointer<Float> {
        UnsafeMutableRawPointer.allocate(byteCount: Swift.max(1, count) * MemoryLayout<Float>.stride, alignment: 64)
            .bindMemory(to: Float.self, capacity: Swift.max(1, count))
    }
}
