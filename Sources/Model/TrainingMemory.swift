#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An estimate, made before anything is allocated, of the memory a training run needs, in bytes;
/// the trainer refuses a run whose estimate exceeds the machine's physical memory.
///
/// It counts the parameters six times (the latest and best networks, momentum, the copy of the
/// parameters and momentum that the batches train in place (`ParameterBuffers`), and a gradient
/// or the checkpoint being written), the checkpoint's encoded copy (three parameter sets of
/// 4-byte floats), the workspace (`[batch, width]` activations, pre-activations and gradients of
/// every layer, the input batch and its per-image ink and pixel lists, the compacted first layer)
/// and the data (1 byte per pixel, a 4-byte index per example). Arithmetic saturates at
/// `Int.max`, so no size can trap.
public struct TrainingMemory: Equatable, Sendable {
    /// Parameters of the network (weights and biases).
    public var parameterCount: Int
    /// Bytes for the parameter sets and the checkpoint's copy.
    public var parameterBytes: Int
    /// Bytes of the per-batch workspace.
    public var workspaceBytes: Int
    /// Bytes of the examples and their shuffle order.
    public var dataBytes: Int

    /// The whole estimate in bytes.
    public var totalBytes: Int { saturatingSum([parameterBytes, workspaceBytes, dataBytes]) }

    /// The estimate for `architecture` trained with `batchSize` on `exampleCount` examples.
    public init(architecture: Architecture, batchSize: Int, exampleCount: Int) {
        let sizes = architecture.layerSizes
        var parameters = 0
        var activations = 0
        for (inputs, outputs) in zip(sizes, sizes.dropFirst()) {
            parameters = saturatingSum([parameters, saturatingProduct([inputs, outputs]), outputs])
            activations = saturatingSum([activations, outputs])
        }
        parameterCount = parameters
        parameterBytes = saturatingProduct([parameters, 4, 6 + 3])
        let firstLayer = saturatingProduct([sizes[0], sizes.count > 1 ? sizes[1] : 0, 2])
        workspaceBytes = saturatingProduct(
            [
                saturatingSum([
                    saturatingProduct([
                        batchSize,
                        saturatingSum([saturatingProduct([sizes[0], 5]), saturatingProduct([activations, 3])]),
                    ]),
                    firstLayer,
                ]), 4,
            ])
        dataBytes = saturatingProduct([exampleCount, saturatingSum([architecture.inputSize, 4 + 1])])
    }

    /// The machine's physical memory in bytes (`sysconf`), or nil if unknown.
    public static var physicalMemoryBytes: Int? {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), pageSize = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, pageSize > 0 else { return nil }
        return saturatingProduct([pages, pageSize])
    }

    /// A count for people: `4.3 billion`, `52.1 million`, or the number itself below a million.
    public static func describeCount(_ count: Int) -> String {
        let value = Double(count)
        if value >= 1e9 { return "\((value / 1e8).rounded() / 10) billion" }
        if value >= 1e6 { return "\((value / 1e5).rounded() / 10) million" }
        return String(count)
    }

    /// `bytes` for people, e.g. `3.2 GB`.
    public static func describe(_ bytes: Int) -> String {
        let units = [(1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "kB")]
        let value = Double(bytes)
        for (scale, unit) in units where value >= scale {
            let scaled = (value / scale * 10).rounded() / 10
            return scaled >= 1e6 ? "more than a million \(unit)" : "\(scaled) \(unit)"
        }
        return "\(bytes) bytes"
    }
}

/// The sum of `values` (each ≥ 0), or `Int.max` if it overflows.
func saturatingSum(_ values: [Int]) -> Int {
    var total = 0
    for value in values {
        let (sum, overflow) = total.addingReportingOverflow(value)
        if overflow { return .max }
        total = sum
    }
    return total
}

/// The product of `values` (each ≥ 0), or `Int.max` if it overflows.
func saturatingProduct(_ values: [Int]) -> Int {
    var total = 1
    for value in values {
        let (product, overflow) = total.multipliedReportingOverflow(by: value)
        if overflow { return .max }
        total = product
    }
    return total
}
