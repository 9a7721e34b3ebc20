// An sRGB colour, its hex text, and the two lightness measures the charts need.

import Foundation

/// An 8-bit-per-channel sRGB colour.
public struct RGB: Sendable, Equatable, Hashable {
    /// Channel intensity, 0…255 (sRGB-encoded).
    public var red: UInt8
    /// Channel intensity, 0…255 (sRGB-encoded).
    public var green: UInt8
    /// Channel intensity, 0…255 (sRGB-encoded).
    public var blue: UInt8

    /// Creates a colour from 8-bit sRGB channels.
    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// #ffffff.
    public static let white = RGB(255, 255, 255)
    /// #000000.
    public static let black = RGB(0, 0, 0)

    /// `"#rrggbb"` in lower-case hex, e.g. `"#440154"`.
    public var hex: String {
        let digits = Array("0123456789abcdef")
        var out = "#"
        for channel in [red, green, blue] {
            out.append(digits[Int(channel >> 4)])
            out.append(digits[Int(channel & 0x0f)])
        }
        return out
    }

    /// Linear interpolation in sRGB: `t = 0` gives `a`, `t = 1` gives `b` (t clamped to [0, 1]).
    public static func mix(_ a: RGB, _ b: RGB, _ t: Double) -> RGB {
        let t = t.isFinite ? min(max(t, 0), 1) : 0
        func channel(_ x: UInt8, _ y: UInt8) -> UInt8 {
            UInt8((Double(x) + (Double(y) - Double(x)) * t).rounded())
        }
        return RGB(channel(a.red, b.red), channel(a.green, b.green), channel(a.blue, b.blue))
    }

    /// WCAG relative luminance in [0, 1] (0 black, 1 white), from linearised sRGB.
    public var relativeLuminance: Double {
        func linear(_ c: UInt8) -> Double {
            let s = Double(c) / 255
            return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// CIE L* lightness in [0, 100] (perceptual: equal steps look equally lighter).
    public var lightness: Double {
        let y = relativeLuminance
        return y > 216.0 / 24389 ? 116 * cbrt(y) - 16 : y * 24389 / 27
    }

    /// WCAG contrast ratio between two colours, from 1 (same) to 21 (black on white).
    public static func contrast(_ a: RGB, _ b: RGB) -> Double {
        let (l1, l2) = (a.relativeLuminance, b.relativeLuminance)
        return (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05)
    }

    /// Black or white, whichever is more legible as text on this colour.
    public var readableTextColor: RGB {
        RGB.contrast(self, .black) >= RGB.contrast(self, .white) ? .black : .white
    }
}
