import Foundation
import FileIO
import Testing

@testable import IDX

/// The corpus of the `FuzzIDX` fuzz target, `Tests/FuzzCorpus/FuzzIDX/`: seeds written by the
/// module's writer (run with `FUZZ_CORPUS_WRITE=1` to rewrite them), and in `regressions/` any
/// input that once broke the reader. Every saved input must be read or refused with a message
/// naming the file; the fuzz target checks more (see `IDXTarget`).
@Suite("IDX fuzz corpus")
struct IDXFuzzCorpusTests {
    /// `Tests/FuzzCorpus/FuzzIDX`, found from this file's path.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FuzzCorpus/FuzzIDX").path

    @Test func everySavedInputIsReadOrRefused() throws {
        let files = DirectoryListing.files(below: Self.directory)
        #expect(files.count >= 20, "seeds missing from \(Self.directory)")
        for file in files {
            do {
                let array = try IDXReader.read(path: file)
                #expect(IDXHeader.product(of: array.shape) == array.count, "\(file)")
            } catch {
                #expect(error.description.hasPrefix(file + ": "), "\(error)")
            }
        }
    }

    /// Rewrites the seeds from the writer, when `FUZZ_CORPUS_WRITE` is set.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["FUZZ_CORPUS_WRITE"] != nil))
    func writeSeeds() throws {
        for (name, array, compressed) in try Self.seedArrays() {
            try IDXWriter.write(array, to: Self.directory + "/seed-\(name)", compressed: compressed)
        }
        for (name, bytes) in try Self.handMadeSeeds() {
            try Data(bytes).write(to: URL(fileURLWithPath: Self.directory + "/seed-\(name)"))
        }
    }

    /// Every type, plain and gzip, ranks 1 to 4, empty arrays, and an MNIST-shaped pair.
    static func seedArrays() throws -> [(String, IDXArray, Bool)] {
        var seeds: [(String, IDXArray, Bool)] = []
        for type in IDXDataType.allCases {
            seeds.append(("\(type.name)-vector", try IDXArray(shape: [5], values: sampleValues(type, count: 5)), false))
            seeds.append(
                ("\(type.name)-matrix.gz", try IDXArray(shape: [2, 3], values: sampleValues(type, count: 6)), true))
        }
        let pixels = IDXValues.uint8((0..<(2 * 784)).map { UInt8(($0 * 37) % 256) })
        seeds.append(("mnist-images", try IDXArray(shape: [2, 28, 28], values: pixels), false))
        seeds.append(("mnist-images.gz", try IDXArray(shape: [2, 28, 28], values: pixels), true))
        let labels = IDXValues.uint8([7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
        seeds.append(("mnist-labels", try IDXArray(shape: [10], values: labels), false))
        seeds.append(("mnist-labels.gz", try IDXArray(shape: [10], values: labels), true))
        seeds.append(("empty", try IDXArray(shape: [0], values: .uint8([])), false))
        seeds.append(("empty-rank3.gz", try IDXArray(shape: [3, 0, 2], values: .int16([])), true))
        seeds.append(
            ("rank4-f32.gz", try IDXArray(shape: [1, 2, 1, 3], values: sampleValues(.float32, count: 6)), true))
        return seeds
    }

    /// Files the writer never makes: two gzip members, garbage after the member, a member cut
    /// short, a plain file with a byte too many.
    static func handMadeSeeds() throws -> [(String, [UInt8])] {
        let plain = idxFile(type: 0x08, shape: [4], payload: [1, 2, 3, 4])
        let member = try gzip(plain)
        return [
            ("two-members.gz", member + member),
            ("trailing-garbage.gz", member + [0, 0, 0, 0]),
            ("cut-short.gz", Array(member.dropLast(6))),
            ("extra-byte", plain + [5]),
        ]
    }
}
