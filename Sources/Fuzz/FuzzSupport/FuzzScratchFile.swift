#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file holding one fuzz input, for parsers that read only by path (the IDX reader).
///
/// It lives in `/dev/shm` (memory, not disk) when that exists, else in `/tmp`, and its name holds
/// the target's name and the process id, so parallel fuzzers never share one:
/// `/dev/shm/digits-fuzz-FuzzIDX-4242-input`. `with(_:body:)` writes it, runs `body`, and removes it.
public struct FuzzScratchFile: Sendable {
    /// The file's path.
    public let path: String

    /// A scratch file for `target`, told apart from the target's other scratch files by `name`.
    public init(target: String, name: String) {
        var info = stat()
        let directory = stat("/dev/shm", &info) == 0 ? "/dev/shm" : "/tmp"
        path = "\(directory)/digits-fuzz-\(target)-\(getpid())-\(name)"
    }

    /// Writes `bytes` to the file, calls `body` with its path, removes the file and returns
    /// what `body` returned. A failure to write the file is a broken harness, not a finding in
    /// the parser, but it stops the run all the same (`FuzzInvariant.fail`).
    public func with<Result>(_ bytes: [UInt8], body: (String) -> Result) -> Result {
        store(bytes)
        defer { unlink(path) }
        return body(path)
    }

    /// Replaces the file's contents with `bytes`.
    public func store(_ bytes: [UInt8]) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        FuzzInvariant.check(descriptor >= 0, "cannot create the scratch file \(path)")
        defer { close(descriptor) }
        var written = 0
        bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let n = write(descriptor, raw.baseAddress! + written, raw.count - written)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                written += n
            }
        }
        FuzzInvariant.check(written == bytes.count, "cannot write the scratch file \(path)")
    }
}
