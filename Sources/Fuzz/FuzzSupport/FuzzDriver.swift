#if FUZZING
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibFuzzer

/// The fuzzing mode of a fuzz target, built with `-sanitize=fuzzer -DFUZZING` (scripts/fuzz.sh).
///
/// SwiftPM gives every executable target its own entry point, so libFuzzer's `main` is not
/// used: the target's `main` calls this, which hands the command line (libFuzzer's flags and
/// corpus directories) to libFuzzer's driver.
public enum FuzzDriver {
    /// Runs libFuzzer on `testOneInput` (the target's `LLVMFuzzerTestOneInput`) and exits with
    /// its status.
    public static func main(_ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
    }
}
#endif
