#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CPNG

// Reading 16-bit PNGs.
//
// libpng's simplified reader reduces 16-bit samples to 8 bits wrongly when the file is
// Adam7-interlaced: about half the pixels get values from other rows (pnggroup/libpng issue
// #853, from the `png_image_read_direct_scaled` path added in 1.6.4x fixes and backported by
// distributions). Asking libpng for 16-bit linear output avoids that path, so 16-bit files are
// read that way and brought to 8-bit sRGB here, for interlaced and plain files alike.

extension PNGDecoder {
    /// Finishes reading a 16-bit image as 16-bit linear luminance (and alpha), then returns
    /// 8-bit gamma-encoded luminance and, if `hasAlpha`, straight 8-bit alpha, like 8-bit
    /// files. Linear output is premultiplied, so the grey under fully transparent pixels is
    /// lost (0, and `grayUnderTransparentIsKnown` is false).
    static func readSixteenBit(_ image: inout png_image, hasAlpha: Bool, path: String)
        throws(ImageError) -> GrayAlphaImage
    {
        let (width, height) = (Int(image.width), Int(image.height))
        // PNG_FORMAT_LINEAR_Y or PNG_FORMAT_LINEAR_Y_ALPHA.
        image.format = PNG_FORMAT_FLAG_LINEAR | (hasAlpha ? PNG_FORMAT_FLAG_ALPHA : 0)
        let channels = hasAlpha ? 2 : 1
        var samples = [UInt16](repeating: 0, count: width * height * channels)
        let finished = samples.withUnsafeMutableBytes { buffer in
            // The row stride counts 16-bit components.
            png_image_finish_read(&image, nil, buffer.baseAddress, Int32(width * channels), nil)
        }
        guard finished != 0 else { throw .corrupt(path: path, reason: message(of: image)) }

        let encode = sRGBFromLinear16
        var gray = [UInt8](repeating: 0, count: width * height)
        if !hasAlpha {
            for i in gray.indices { gray[i] = encode[Int(samples[i])] }
            return GrayAlphaImage(width: width, height: height, gray: gray)
        }
        // Linear output is premultiplied: Y·A/65535. Undo that, then encode.
        var alpha = [UInt8](repeating: 0, count: width * height)
        for i in gray.indices {
            let premultiplied = Int(samples[2 * i])
            let alpha16 = Int(samples[2 * i + 1])
            if alpha16 == 0 { continue }
            let linear = min(65535, (premultiplied * 65535 + alpha16 / 2) / alpha16)
            gray[i] = encode[linear]
            alpha[i] = UInt8((alpha16 + 128) / 257)
        }
        return GrayAlphaImage(
            width: width, height: height, gray: gray, alpha: alpha, grayUnderTransparentIsKnown: false)
    }

    /// `[65536]`: the 8-bit encoding of each 16-bit linear value, `255 · L^(1/2.2)`, rounded.
    ///
    /// The power 1/2.2 (not the piecewise sRGB curve) is the inverse of what libpng applies
    /// when it linearises 16-bit input it takes as sRGB (`PNG_GAMMA_sRGB`, gamma 2.2), so a
    /// 16-bit value `v` comes back as `v / 257` within one level.
    static let sRGBFromLinear16: [UInt8] = (0..<65536).map { value in
        let encoded = pow(Double(value) / 65535, 1 / 2.2)
        return UInt8(min(255, max(0, (encoded * 255).rounded())))
    }
}
