import FuzzSupport
import Model

/// The fuzz target for `SafeTensors(decoding:path:)` and `Checkpoint(_:path:)`, the checkpoint
/// reader.
///
/// Besides "never crash, hang or allocate without bound", every input must satisfy:
/// - refused: the error's message starts with the path and holds no control character (no line
///   break, no terminal escape), as `SafeTensorsError` promises;
/// - accepted: every tensor is valid (its shape's element count equals its number of values),
///   names are unique and none is `__metadata__`; and re-encoding gives a file that decodes to
///   the same tensors (bit for bit) and metadata, and re-encodes to the same bytes;
/// - read as a digits checkpoint, it is refused with a message naming the path, or gives back
///   the same tensors.
enum SafeTensorsTarget {
    /// The path named in error messages.
    static let path = "fuzz.safetensors"

    /// Decodes `bytes` and checks the properties above.
    static func run(_ bytes: [UInt8]) -> FuzzOutcome {
        let file: SafeTensors
        do {
            file = try SafeTensors(decoding: bytes, path: path)
        } catch {
            let message = error.description
            FuzzInvariant.check(message.hasPrefix(path + ": "), "message does not start with the path: \(message)")
            FuzzInvariant.check(
                !message.unicodeScalars.contains { $0.properties.generalCategory == .control },
                "message holds a control character: \(message.debugDescription)")
            return .refused
        }
        checkValid(file)

        let encoded = file.encoded()
        let again: SafeTensors
        do {
            again = try SafeTensors(decoding: encoded, path: path)
        } catch {
            FuzzInvariant.fail("a decoded file, re-encoded, is refused: \(error)")
        }
        FuzzInvariant.check(again.metadata == file.metadata, "metadata changed by re-encoding")
        FuzzInvariant.check(
            fingerprint(again) == fingerprint(file), "tensors changed by re-encoding")
        FuzzInvariant.check(again.encoded() == encoded, "re-encoding is not stable")
        checkCheckpoint(file)
        return .accepted
    }

    /// Reads `file` as a digits checkpoint (`Checkpoint(_:path:)`, which trusts nothing in the
    /// metadata): refused with a message naming the path, or accepted and giving back the same
    /// tensors from `safeTensors()`.
    static func checkCheckpoint(_ file: SafeTensors) {
        let checkpoint: Checkpoint
        do {
            checkpoint = try Checkpoint(file, path: path)
        } catch {
            let message = error.description
            FuzzInvariant.check(message.hasPrefix(path + ": "), "message does not start with the path: \(message)")
            return
        }
        FuzzInvariant.check(
            fingerprint(checkpoint.safeTensors()) == fingerprint(file), "a checkpoint's tensors changed on re-encoding")
    }

    /// Fails unless every tensor is valid and every name unique and not reserved.
    static func checkValid(_ file: SafeTensors) {
        var names = Set<String>()
        for named in file.tensors {
            FuzzInvariant.check(names.insert(named.name).inserted, "name \(named.name) decoded twice")
            FuzzInvariant.check(named.name != "__metadata__", "a tensor is named __metadata__")
            let shape = named.tensor.shape
            FuzzInvariant.check(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
            let count = shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
            FuzzInvariant.check(
                count == named.tensor.values.count,
                "tensor \(named.name) has shape \(shape) but \(named.tensor.values.count) values")
        }
    }

    /// Each tensor's name, shape and values as bit patterns (so NaNs compare equal), by name.
    static func fingerprint(_ file: SafeTensors) -> [String: [Int]] {
        var result: [String: [Int]] = [:]
        for named in file.tensors {
            result[named.name] =
                [named.tensor.shape.count] + named.tensor.shape
                + named.tensor.values.map { Int($0.bitPattern) }
        }
        return result
    }
}
