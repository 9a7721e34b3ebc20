import FuzzSupport

// Built with `-sanitize=fuzzer -DFUZZING` (scripts/fuzz.sh), this runs libFuzzer on
// `fuzz`; built plainly, it replays saved inputs (see `FuzzReplay`).

#if FUZZING
/// libFuzzer calls this with each input it generates.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = SafeTensorsTarget.run(bytes)
    return 0
}
#endif

/// `FuzzSafeTensors [libFuzzer flags] CORPUS...` when fuzzing, otherwise
/// `FuzzSafeTensors FILE|DIRECTORY...` to replay saved inputs.
@main
struct FuzzSafeTensorsMain {
    static func main() {
        #if FUZZING
        FuzzDriver.main { data, size in fuzz(data, size) }
        #else
        FuzzReplay.main(target: "FuzzSafeTensors", body: SafeTensorsTarget.run)
        #endif
    }
}
