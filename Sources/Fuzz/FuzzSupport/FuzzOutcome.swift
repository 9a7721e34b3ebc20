#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a parser made of one fuzz input: it decoded it, or refused it with an error.
///
/// Either is a pass. A crash, a hang, a leak or a huge allocation is a finding, and so is a
/// broken invariant (for example a decoded file that does not survive re-encoding), which a
/// target reports with `FuzzInvariant.fail(_:)`.
public enum FuzzOutcome: Sendable {
    /// The input was decoded.
    case accepted
    /// The input was refused with a thrown error.
    case refused
}

/// Failing loudly when a decoded value breaks a property that every accepted input must have.
public enum FuzzInvariant {
    /// Prints `message` to standard error and aborts, so that libFuzzer saves the input as a
    /// crash and the replayer exits with a failure. Only the fuzz targets call this; it is the
    /// one way they report a finding that is not already a crash.
    public static func fail(_ message: String) -> Never {
        let line = Array("fuzz invariant broken: \(message)\n".utf8)
        _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        abort()
    }

    /// Calls `fail(message())` unless `condition` holds.
    public static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fail(message()) }
    }
}
