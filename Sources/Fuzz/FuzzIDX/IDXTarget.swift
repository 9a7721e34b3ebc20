import CZlib
import FileIO
import FuzzSupport
import IDX

/// The fuzz target for `IDXReader`, plain and gzip. The reader reads only by path, so each input
/// is written to a scratch file in memory (`FuzzScratchFile`) first.
///
/// Each input is read as it is (gzip if it starts with `1f 8b`, plain otherwise). Besides
/// "never crash, hang or allocate without bound", every input must satisfy:
/// - `readHeader(path:)` agrees with `read(path:)`: it accepts whatever `read` accepts, with the
///   same type and shape; a refusal's message starts with the path;
/// - a plain input, gzipped by zlib itself, reads the same: accepted with the same values or
///   refused likewise (the gzip path is the plain path behind `inflate`);
/// - an accepted array, written plain by `IDXWriter`, gives back the input's bytes (for plain
///   input) and, written gzip, reads back to the same values;
/// - `MNISTDataset(images:labels:…)` takes any array without crashing.
enum IDXTarget {
    static let input = FuzzScratchFile(target: "FuzzIDX", name: "input")
    static let gzipped = FuzzScratchFile(target: "FuzzIDX", name: "input.gz")
    static let rewritten = FuzzScratchFile(target: "FuzzIDX", name: "rewritten")

    /// Reads `bytes` as an IDX file and checks the properties above.
    static func run(_ bytes: [UInt8]) -> FuzzOutcome {
        let result = input.with(bytes) { read($0) }
        let isGzip = bytes.starts(with: [0x1F, 0x8B])
        if !isGzip {
            writeGzip(bytes, to: gzipped.path)
            let viaGzip = read(gzipped.path)
            unlink(gzipped.path)
            switch (result, viaGzip) {
            case (.success, .success(let array)):
                FuzzInvariant.check(plainBytes(of: array) == bytes, "gzip path read other values")
            case (.failure, .failure):
                break
            case (.success, .failure(let error)):
                FuzzInvariant.fail("plain file read, its gzip refused: \(error)")
            case (.failure(let error), .success):
                FuzzInvariant.fail("plain file refused (\(error)), its gzip read")
            }
        }
        guard case .success(let array) = result else { return .refused }

        let plain = plainBytes(of: array)
        if !isGzip {
            FuzzInvariant.check(plain == bytes, "rewriting a plain file changed its bytes")
        }
        do {
            try IDXWriter.write(array, to: rewritten.path, compressed: true)
            let back = try IDXReader.read(path: rewritten.path)
            FuzzInvariant.check(plainBytes(of: back) == plain, "gzip round trip changed the values")
        } catch {
            FuzzInvariant.fail("gzip round trip failed: \(error)")
        }
        unlink(rewritten.path)
        _ = try? MNISTDataset(images: array, labels: array, imagesPath: "images", labelsPath: "labels")
        return .accepted
    }

    /// Reads the file at `path` with `read(path:)` and `readHeader(path:)`, checking they agree.
    static func read(_ path: String) -> Result<IDXArray, IDXError> {
        let result = Result { () throws(IDXError) in try IDXReader.read(path: path) }
        let header = Result { () throws(IDXError) in try IDXReader.readHeader(path: path) }
        switch (result, header) {
        case (.success(let array), .success(let header)):
            FuzzInvariant.check(
                array.shape == header.shape && array.dataType == header.dataType,
                "readHeader says \(header.dataType) \(header.shape), read gives \(array.dataType) \(array.shape)")
        case (.success, .failure(let error)):
            FuzzInvariant.fail("read accepts the file but readHeader refuses it: \(error)")
        case (.failure(let error), _):
            let message = error.description
            FuzzInvariant.check(message.hasPrefix(path + ": "), "message does not start with the path: \(message)")
        }
        return result
    }

    /// The plain IDX file `IDXWriter` writes for `array`.
    static func plainBytes(of array: IDXArray) -> [UInt8] {
        do {
            try IDXWriter.write(array, to: rewritten.path)
            defer { unlink(rewritten.path) }
            return try FileReading.read(rewritten.path, limit: 1 << 30)
        } catch {
            FuzzInvariant.fail("cannot rewrite an array that was read: \(error)")
        }
    }

    /// Writes `bytes` to `path` as one gzip member, with zlib's own file interface (independent
    /// of the IDX module's encoder).
    static func writeGzip(_ bytes: [UInt8], to path: String) {
        guard let file = gzopen(path, "wb") else { FuzzInvariant.fail("cannot create \(path)") }
        let written = bytes.withUnsafeBytes { gzwrite(file, $0.baseAddress, UInt32($0.count)) }
        let closed = gzclose(file)
        FuzzInvariant.check(Int(written) == bytes.count && closed == Z_OK, "cannot gzip to \(path)")
    }
}
