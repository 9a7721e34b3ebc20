#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FileIO
import Testing

@testable import Imaging

/// The corpus of the `FuzzPNG` fuzz target, `Tests/FuzzCorpus/FuzzPNG/`: seeds from the test PNG
/// writer, one per colour type and bit depth (run with `FUZZ_CORPUS_WRITE=1` to rewrite them),
/// and in `regressions/` any input that once broke the decoder or the preprocessing. Every saved
/// input must be decoded and preprocessed, or refused; the fuzz target checks more (`PNGTarget`).
@Suite("PNG fuzz corpus")
struct PNGFuzzCorpusTests {
    /// `Tests/FuzzCorpus/FuzzPNG`, found from this file's path.
    static let directory: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(2)  // "ImagingTests" and this file's name
        return (parts + ["FuzzCorpus", "FuzzPNG"]).joined(separator: "/")
    }()

    @Test func everySavedInputIsDecodedOrRefused() throws {
        let files = DirectoryListing.files(below: Self.directory)
        #expect(files.count >= 20, "seeds missing from \(Self.directory)")
        #expect(files.contains { $0.contains("/regressions/") })
        for file in files {
            let bytes = try FileReading.read(file, limit: PNGDecoder.maximumFileBytes)
            let image: GrayImage
            do {
                image = try PNGDecoder.decode(bytes, path: file)
            } catch {
                #expect(error.description.hasPrefix(file + ": "), "\(error)")
                continue
            }
            #expect(image.pixels.count == image.width * image.height, "\(file)")
            for raw in [false, true] {
                if let input = try? DigitPreprocessor.prepare(image: image, path: file, raw: raw) {
                    #expect(input.pixels.count == 784, "\(file)")
                }
            }
        }
    }

    /// Finding 1 of the fuzzer: a chunk whose length field claims more bytes than the file holds
    /// (here a tEXt chunk claiming 1.1 GB in a 150-byte file) made libpng allocate that much
    /// before it found the data missing. Such a file is now refused before libpng sees it.
    @Test func chunkLongerThanTheFileIsRefusedBeforeLibpng() throws {
        let path = Self.directory + "/regressions/text-chunk-claims-1GB.png"
        let bytes = try FileReading.read(path, limit: 1 << 20)
        #expect(throws: ImageError.corrupt(path: path, reason: "file ends before the IEND chunk (truncated)")) {
            try PNGDecoder.decode(bytes, path: path)
        }
        let good = TestPNG(width: 2, height: 1, colorType: .gray, bitDepth: 8, samples: [10, 250]).encode()
        var claiming = Array(good[..<33]) + TestPNG.chunk("tEXt", Array("a\u{0}b".utf8)) + Array(good[33...])
        claiming[33] = 0x7F  // tEXt's length: 2 GiB − 1 instead of 3
        #expect(throws: ImageError.corrupt(path: "t.png", reason: "file ends before the IEND chunk (truncated)")) {
            try PNGDecoder.decode(claiming, path: "t.png")
        }
        #expect(try PNGDecoder.decode(good).pixels == [10, 250])
    }

    /// Finding 2 of the fuzzer: a header declaring up to 50 megapixels over a few bytes of image
    /// data made the decoder allocate the pixel buffer (99 MB for a 106-byte palette file, 196 MB
    /// for a 68-byte 16-bit grey + alpha one) before libpng found the data missing. Now the
    /// declared size is checked against what the compressed data could inflate to.
    @Test func headerPromisingMoreThanTheDataHoldsIsRefusedBeforeAllocation() throws {
        for name in ["header-claims-99MB-of-pixels.png", "header-claims-7000x7000-ga16.png"] {
            let path = Self.directory + "/regressions/" + name
            let bytes = try FileReading.read(path, limit: 1 << 20)
            #expect(bytes.count < 200)
            do {
                _ = try PNGDecoder.decode(bytes, path: path)
                Issue.record("\(name) decoded")
            } catch {
                guard case .corrupt(path, let reason) = error else {
                    Issue.record("\(name): \(error)")
                    continue
                }
                #expect(reason.contains("compressed image data cannot hold"), "\(reason)")
            }
        }
        // The most compressible image there is still decodes: 1024 × 1024 white at 1 bit.
        let white = TestPNG(
            width: 1024, height: 1024, colorType: .gray, bitDepth: 1,
            samples: [Int](repeating: 1, count: 1024 * 1024)
        ).encode()
        let image = try PNGDecoder.decode(white)
        #expect(image.width == 1024 && image.pixels.allSatisfy { $0 == 255 })
    }

    /// Rewrites the seeds, when `FUZZ_CORPUS_WRITE` is set.
    @Test(.enabled(if: getenv("FUZZ_CORPUS_WRITE") != nil))
    func writeSeeds() throws {
        for (name, bytes) in Self.seeds() {
            try AtomicFile.write(bytes, to: Self.directory + "/seed-\(name).png")
        }
    }

    /// Every colour type and bit depth (13 × 11 pixels, from the decoding tests), some
    /// interlaced; a drawn digit at 28 × 28 and larger; and ancillary chunks libpng must handle.
    static func seeds() -> [(String, [UInt8])] {
        var seeds: [(String, [UInt8])] = []
        for testCase in PNGDecodingTests.cases {
            let name = "\(testCase.colorType)-\(testCase.bitDepth)" + (testCase.withTransparency ? "-trns" : "")
            seeds.append((name, PNGDecodingTests.image(testCase, interlaced: false).png.encode()))
            if testCase.bitDepth == 8 || testCase.bitDepth == 16
                || testCase.colorType == .palette && testCase.bitDepth == 2
            {
                seeds.append((name + "-adam7", PNGDecodingTests.image(testCase, interlaced: true).png.encode()))
            }
        }
        // A digit as MNIST draws it (white on black) and as a person does (black on white, larger).
        let seven = DigitDrawing.mnistStyle(DigitDrawing.seven)
        seeds.append(
            (
                "digit-28",
                TestPNG(width: 28, height: 28, colorType: .gray, bitDepth: 8, samples: seven.map(Int.init)).encode()
            ))
        let zero = DigitDrawing.coverage(DigitDrawing.zero, width: 28, height: 28, samples: 2)
        let paper = (0..<(40 * 36)).map { i -> Int in
            let (x, y) = (i % 40 - 6, i / 40 - 4)
            return (0..<28).contains(x) && (0..<28).contains(y) ? 255 - Int(zero[y * 28 + x]) : 255
        }
        seeds.append(
            ("digit-on-paper", TestPNG(width: 40, height: 36, colorType: .gray, bitDepth: 8, samples: paper).encode()))
        // Ancillary chunks after IHDR: gamma, sRGB intent, text, background, physical size.
        let plain = TestPNG(width: 3, height: 2, colorType: .rgb, bitDepth: 8, samples: Array(0..<18).map { $0 * 14 })
            .encode()
        let ihdrEnd = 8 + 25
        let ancillary =
            TestPNG.chunk("gAMA", TestPNG.bigEndian(45455)) + TestPNG.chunk("sRGB", [0])
            + TestPNG.chunk("tEXt", Array("Title\u{0}seven".utf8)) + TestPNG.chunk("bKGD", [0, 9, 0, 9, 0, 9])
            + TestPNG.chunk("pHYs", TestPNG.bigEndian(2835) + TestPNG.bigEndian(2835) + [1])
        seeds.append(("ancillary-chunks", Array(plain[..<ihdrEnd]) + ancillary + Array(plain[ihdrEnd...])))
        return seeds
    }
}
