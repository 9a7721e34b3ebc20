// Colour maps that stay readable in greyscale print and for colour-blind readers,
// and the categorical palette the charts draw series with.

/// Colour maps from a number to a colour.
public enum ColorMap {
    /// Viridis (van der Walt and Smith, matplotlib 2.0): dark purple → blue → green → yellow,
    /// with lightness rising steadily, so order survives greyscale printing and colour blindness.
    ///
    /// `t` in [0, 1] (clamped; NaN gives the `t = 0` colour). The map is linear interpolation
    /// between 17 anchors at t = k/16. The anchors were derived from matplotlib's published
    /// definition (256 colours spread evenly over [0, 1]) by interpolating it at position
    /// 255·k/16 and rounding to 8 bits; between anchors this map differs from the published
    /// one by at most 6 of 255 in any channel, and its lightness still rises steadily (tested).
    public static func viridis(_ t: Double) -> RGB {
        interpolate(viridisAnchors, t)
    }

    /// Diverging blue → white → red for signed quantities, `t` in [0, 1] with 0.5 exactly white.
    /// Ends and quarter points follow ColorBrewer's RdBu (blue is negative, red positive);
    /// blue–red is told apart by red-green colour-blind readers, and lightness falls
    /// symmetrically away from white, so |value| survives greyscale.
    public static func blueWhiteRed(_ t: Double) -> RGB {
        interpolate(divergingAnchors, t)
    }

    /// Diverging map for a signed value `v` in [-1, 1] (clamped): -1 dark blue, 0 white, +1 dark red.
    public static func blueWhiteRed(signed v: Double) -> RGB {
        blueWhiteRed((v + 1) / 2)
    }

    /// Linear interpolation between evenly spaced anchors; `t` clamped to [0, 1].
    static func interpolate(_ anchors: [RGB], _ t: Double) -> RGB {
        guard let first = anchors.first else { return .black }
        guard anchors.count > 1, t.isFinite else { return first }
        let position = min(max(t, 0), 1) * Double(anchors.count - 1)
        let index = min(Int(position), anchors.count - 2)
        return RGB.mix(anchors[index], anchors[index + 1], position - Double(index))
    }

    /// Viridis at t = 0, 1/16, …, 16/16.
    static let viridisAnchors: [RGB] = [
        RGB(68, 1, 84), RGB(72, 24, 106), RGB(71, 45, 123), RGB(66, 64, 134),
        RGB(59, 82, 139), RGB(51, 99, 141), RGB(44, 114, 142), RGB(38, 129, 142),
        RGB(33, 144, 140), RGB(31, 159, 136), RGB(40, 174, 128), RGB(62, 188, 116),
        RGB(93, 201, 99), RGB(130, 211, 76), RGB(171, 220, 50), RGB(213, 226, 26),
        RGB(253, 231, 37),
    ]

    /// Blue–white–red at t = 0, 1/4, 1/2, 3/4, 1.
    static let divergingAnchors: [RGB] = [
        RGB(33, 102, 172), RGB(103, 169, 207), RGB(255, 255, 255), RGB(239, 138, 98), RGB(178, 24, 43),
    ]
}

/// The Okabe–Ito categorical palette (Okabe and Ito, "Color Universal Design", 2002):
/// colours distinguishable by readers with any common form of colour blindness.
public enum Palette {
    public static let orange = RGB(230, 159, 0)
    public static let skyBlue = RGB(86, 180, 233)
    public static let bluishGreen = RGB(0, 158, 115)
    public static let yellow = RGB(240, 228, 66)
    public static let blue = RGB(0, 114, 178)
    public static let vermillion = RGB(213, 94, 0)
    public static let reddishPurple = RGB(204, 121, 167)
    /// Neutral grey for axes, gridlines and de-emphasised marks.
    public static let grey = RGB(153, 153, 153)
    /// Near-black for text and axis lines.
    public static let ink = RGB(34, 34, 34)
}
