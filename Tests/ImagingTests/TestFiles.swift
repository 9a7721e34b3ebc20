#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Scratch files for tests, in a fresh directory under /tmp.
enum TestFiles {
    /// A new empty directory, e.g. `/tmp/imaging-tests-AbC123`.
    static func makeDirectory() -> String {
        var template = Array("/tmp/imaging-tests-XXXXXX".utf8CString)
        return template.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress, let made = mkdtemp(base) else { return "/tmp" }
            return String(cString: made)
        }
    }

    /// Writes `bytes` to a new file `name` in a fresh directory and returns its path.
    static func write(_ bytes: [UInt8], named name: String) -> String {
        let path = makeDirectory() + "/" + name
        guard let file = fopen(path, "wb") else { return path }
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
        return path
    }
}
