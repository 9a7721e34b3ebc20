import Testing
@testable import Imaging

@Test func explore() throws {
    // gray+alpha 8: black at alpha 0, 64, 128, 192, 255; white at alpha 128
    let ga = TestPNG(width: 6, height: 1, colorType: .grayAlpha, bitDepth: 8,
                     samples: [0,0, 0,64, 0,128, 0,192, 0,255, 255,128])
    print("GA8", try PNGDecoder.decode(ga.encode()).pixels)
    let g16 = TestPNG(width: 4, height: 1, colorType: .gray, bitDepth: 16, samples: [0, 0x8080, 0x8000, 65535])
    print("G16", try PNGDecoder.decode(g16.encode()).pixels)
    let rgb = TestPNG(width: 4, height: 1, colorType: .rgb, bitDepth: 8, samples: [255,0,0, 0,255,0, 0,0,255, 128,128,128])
    print("RGB", try PNGDecoder.decode(rgb.encode()).pixels)
    let pal = TestPNG(width: 3, height: 1, colorType: .palette, bitDepth: 2, samples: [0,1,2], palette: [[0,0,0],[100,100,100],[0,0,0]], paletteAlpha: [255,255,128])
    print("PAL", try PNGDecoder.decode(pal.encode()).pixels)
}
