import FileIO
import Testing
@testable import Imaging

/// Every bad file is refused with one `ImageError` whose message names the file.
struct PNGErrorTests {
    /// A valid 16 × 16 grey PNG: signature (8 bytes), IHDR (8…33), IDAT (33…), IEND (last 12).
    static let good = TestPNG(
        width: 16, height: 16, colorType: .gray, bitDepth: 8,
        samples: (0..<256).map { ($0 * 37) % 256 }
    ).encode()

    /// Decodes `bytes` from a file named `name`, returning the error (nil if it decoded).
    static func failure(_ bytes: [UInt8], named name: String) -> (ImageError?, String) {
        let path = TestFiles.write(bytes, named: name)
        do {
            _ = try PNGDecoder.read(path)
            return (nil, path)
        } catch {
            return (error, path)
        }
    }

    /// Checks that decoding `bytes` fails with a message naming the file and matching `check`.
    static func expectFailure(
        _ bytes: [UInt8], named name: String, _ check: (ImageError) -> Bool,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let (error, path) = failure(bytes, named: name)
        guard let error else {
            Issue.record("\(name) decoded", sourceLocation: sourceLocation)
            return
        }
        #expect(error.description.contains(path), "\(error)", sourceLocation: sourceLocation)
        #expect(check(error), "\(error)", sourceLocation: sourceLocation)
    }

    static func isCorrupt(_ error: ImageError) -> Bool {
        if case .corrupt = error { return true }
        return false
    }

    @Test func goodFileDecodes() throws {
        let (error, _) = Self.failure(Self.good, named: "good.png")
        #expect(error == nil)
    }

    @Test func notPNGNamesWhatItLooksLike() {
        let cases: [([UInt8], String, String)] = [
            ([], "empty.png", "an empty file"),
            (Array("hello, this is not an image\n".utf8), "text.png", "text"),
            ([0xFF, 0xD8, 0xFF, 0xE0, 0, 16] + Array("JFIF".utf8), "photo.png", "a JPEG image"),
            (Array("GIF89a".utf8) + [1, 0, 1, 0], "anim.png", "a GIF image"),
            ([0x00, 0x01, 0x02, 0x03, 0xFE], "binary.png", ""),
        ]
        for (bytes, name, looksLike) in cases {
            Self.expectFailure(bytes, named: name) { error in
                guard case .notPNG(_, let guess) = error else { return false }
                return looksLike.isEmpty ? guess == nil : guess == looksLike
            }
            let (error, _) = Self.failure(bytes, named: name)
            #expect(error?.description.contains("not a PNG file") == true)
        }
    }

    @Test(arguments: [
        ("inside signature", 4), ("after signature", 8), ("mid-IHDR", 20), ("after IHDR", 33), ("mid-IDAT", 60),
    ])
    func truncatedFileIsCorrupt(_ point: String, _ length: Int) {
        Self.expectFailure(Array(Self.good.prefix(length)), named: "cut.png", Self.isCorrupt)
    }

    @Test func truncatedBeforeIENDIsCorrupt() {
        Self.expectFailure(Array(Self.good.dropLast(12)), named: "noend.png", Self.isCorrupt)
        Self.expectFailure(Array(Self.good.dropLast(13)), named: "cutidat.png", Self.isCorrupt)
    }

    @Test func corruptedCRCIsCorrupt() {
        var ihdr = Self.good
        ihdr[30] ^= 0xFF  // IHDR's CRC
        Self.expectFailure(ihdr, named: "ihdrcrc.png", Self.isCorrupt)
        var idat = Self.good
        idat[idat.count - 13] ^= 0xFF  // IDAT's CRC, just before IEND
        Self.expectFailure(idat, named: "idatcrc.png", Self.isCorrupt)
    }

    @Test func corruptedIDATDataIsCorrupt() {
        // Damage the compressed stream and fix up the chunk's CRC, so only zlib can notice.
        let idatStart = 33
        let dataLength = PNGDecoder.bigEndian32(Self.good, at: idatStart)
        var data = Array(Self.good[(idatStart + 8)..<(idatStart + 8 + dataLength)])
        for i in stride(from: 2, to: data.count, by: 3) { data[i] ^= 0x5A }
        let damaged =
            Array(Self.good.prefix(idatStart)) + TestPNG.chunk("IDAT", data)
            + TestPNG.chunk("IEND", [])
        Self.expectFailure(damaged, named: "zlib.png", Self.isCorrupt)
    }

    /// A PNG whose header declares `width` × `height` but whose IDAT holds one empty row.
    static func header(width: UInt32, height: UInt32) -> [UInt8] {
        var ihdr = TestPNG.bigEndian(width) + TestPNG.bigEndian(height)
        ihdr += [8, 0, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + TestPNG.chunk("IHDR", ihdr)
            + TestPNG.chunk("IDAT", TestPNG.compress([0, 0])) + TestPNG.chunk("IEND", [])
    }

    @Test func zeroSizeIsRefused() {
        Self.expectFailure(Self.header(width: 0, height: 5), named: "zero.png") {
            $0 == .zeroSize(path: $0.pathForTest, width: 0, height: 5)
        }
    }

    @Test func hugeHeaderIsRefusedBeforeAllocation() {
        // 30000 × 30000 = 900 megapixels declared in a file of under 100 bytes: refused on
        // the header (decoding it would need 900 MB and fail on the missing data).
        let bytes = Self.header(width: 30000, height: 30000)
        #expect(bytes.count < 100)
        Self.expectFailure(bytes, named: "huge.png") { error in
            guard case .tooLarge(_, 30000, 30000, PNGDecoder.maximumPixels) = error else {
                return false
            }
            return error.description.contains("30000×30000")
        }
    }

    @Test func directoryIsRefused() {
        let directory = TestFiles.makeDirectory()
        #expect(throws: ImageError.file(.isDirectory(path: directory))) {
            try PNGDecoder.read(directory)
        }
    }

    @Test func missingFileIsRefused() {
        let path = TestFiles.makeDirectory() + "/nothing.png"
        #expect(throws: ImageError.file(.notFound(path: path))) {
            try PNGDecoder.read(path)
        }
        let error = ImageError.file(.notFound(path: path))
        #expect(error.description.contains(path))
    }
}

extension ImageError {
    /// The path this error names (for building expected errors in tests).
    var pathForTest: String {
        switch self {
        case .notPNG(let path, _), .corrupt(let path, _), .zeroSize(let path, _, _),
            .tooLarge(let path, _, _, _), .wrongSize(let path, _, _, _),
            .encodeFailed(let path, _):
            return path
        case .file(let error):
            return error.description
        }
    }
}
