import Testing
@testable import Report

@Test func viridisEndpointsAndMidpoint() {
    #expect(ColorMap.viridis(0).hex == "#440154")
    #expect(ColorMap.viridis(1).hex == "#fde725")
    #expect(ColorMap.viridis(0.5).hex == "#21908c")
    #expect(ColorMap.viridis(-3) == ColorMap.viridis(0))
    #expect(ColorMap.viridis(7) == ColorMap.viridis(1))
    #expect(ColorMap.viridis(.nan) == ColorMap.viridis(0))
}

@Test func viridisLightnessRisesMonotonically() {
    // Strictly rising at 1/64 steps (about 1.2 L* apart) ...
    var previous = -1.0
    for k in 0...64 {
        let lightness = ColorMap.viridis(Double(k) / 64).lightness
        #expect(lightness > previous, "L* fell at t = \(k)/64")
        previous = lightness
    }
    // ... and at finer steps never falling by more than 8-bit rounding explains: one step of
    // one channel moves L* by up to ~0.3 in the dark range.
    previous = -1.0
    for k in 0...1024 {
        let lightness = ColorMap.viridis(Double(k) / 1024).lightness
        #expect(lightness > previous - 0.35, "L* fell at t = \(k)/1024")
        previous = lightness
    }
    #expect(ColorMap.viridis(0).lightness < 20)
    #expect(ColorMap.viridis(1).lightness > 85)
}

@Test func divergingMapIsWhiteAtZeroAndSymmetricInLightness() {
    #expect(ColorMap.blueWhiteRed(0.5) == .white)
    #expect(ColorMap.blueWhiteRed(signed: 0) == .white)
    #expect(ColorMap.blueWhiteRed(signed: -1).hex == "#2166ac")
    #expect(ColorMap.blueWhiteRed(signed: 1).hex == "#b2182b")
    let negative = ColorMap.blueWhiteRed(signed: -0.6), positive = ColorMap.blueWhiteRed(signed: 0.6)
    #expect(negative.blue > negative.red)
    #expect(positive.red > positive.blue)
    // Lightness falls away from zero on both sides.
    for side in [-1.0, 1.0] {
        var previous = 101.0
        for k in 0...20 {
            let l = ColorMap.blueWhiteRed(signed: side * Double(k) / 20).lightness
            #expect(l < previous)
            previous = l
        }
    }
}

@Test func hexAndContrast() {
    #expect(RGB(0, 114, 178).hex == "#0072b2")
    #expect(RGB.white.hex == "#ffffff")
    #expect(abs(RGB.contrast(.black, .white) - 21) < 1e-9)
    #expect(ColorMap.viridis(0).readableTextColor == .white)
    #expect(ColorMap.viridis(1).readableTextColor == .black)
    #expect(RGB.mix(.black, .white, 0.5) == RGB(128, 128, 128))
}
