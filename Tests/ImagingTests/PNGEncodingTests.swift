import Testing
@testable import Imaging

/// Grey and RGB images survive encoding and decoding; files are written atomically.
struct PNGEncodingTests {
    static let gray = GrayImage(
        width: 7, height: 5, pixels: (0..<35).map { UInt8(($0 * 53) % 256) })

    @Test func grayRoundTrips() throws {
        let bytes = try Self.gray.pngData()
        #expect(PNGDecoder.hasPNGSignature(bytes))
        #expect(try PNGDecoder.decode(bytes) == Self.gray)
    }

    @Test func rgbRoundTrips() throws {
        // Grey colours decode to their own value; the encoded file is RGB (colour type 2).
        let rgb = RGBImage(Self.gray)
        let bytes = try rgb.pngData()
        #expect(bytes[25] == 2)
        #expect(try PNGDecoder.decode(bytes) == Self.gray)
    }

    @Test func colourSamplesAreStoredInOrder() throws {
        let rgb = RGBImage(width: 2, height: 1, pixels: [255, 0, 0, 0, 0, 255])
        let image = try PNGDecoder.decode(rgb.pngData())
        #expect(abs(Int(image.pixels[0]) - 127) <= 2)  // red
        #expect(abs(Int(image.pixels[1]) - 76) <= 2)  // blue
    }

    @Test func writesFilesAtomically() throws {
        let path = TestFiles.makeDirectory() + "/out.png"
        try Self.gray.writePNG(to: path)
        #expect(try GrayImage(contentsOfPNG: path) == Self.gray)
        try RGBImage(width: 3, height: 2, red: 0, green: 0, blue: 0).writePNG(to: path)
        #expect(try GrayImage(contentsOfPNG: path) == GrayImage(width: 3, height: 2, filledWith: 0))
    }

    @Test func largerImageEncodes() throws {
        // Noise does not compress: the output buffer must grow past the raw size if needed.
        var state: UInt32 = 12345
        let pixels = (0..<(300 * 200)).map { _ -> UInt8 in
            state = state &* 1_103_515_245 &+ 12345
            return UInt8(truncatingIfNeeded: state >> 16)
        }
        let noise = GrayImage(width: 300, height: 200, pixels: pixels)
        #expect(try PNGDecoder.decode(noise.pngData()) == noise)
    }

    @Test func badImagesAreRefused() {
        #expect(throws: ImageError.self) { try GrayImage(width: 0, height: 3).pngData() }
        #expect(throws: ImageError.self) {
            try GrayImage(width: 2, height: 2, pixels: [1, 2, 3]).pngData()
        }
        #expect(throws: ImageError.self) {
            try GrayImage(width: 2, height: 2).writePNG(to: "/nonexistent-dir/x.png")
        }
    }
}
