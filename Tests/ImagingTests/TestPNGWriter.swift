import CZlib

/// A small PNG writer for tests, on zlib: it writes what libpng's simplified writer cannot
/// (bit depths below 8, palettes of any depth, `tRNS`, 16-bit, Adam7 interlacing), so the
/// decoder can be tested on every colour type and bit depth the PNG standard allows.
///
/// Rows are stored with filter type 0 (None) except odd rows, which use filter 1 (Sub), so
/// libpng's unfiltering is exercised too.
struct TestPNG {
    /// PNG colour types (IHDR byte 9) and their number of samples per pixel.
    enum ColorType: UInt8 {
        case gray = 0, rgb = 2, palette = 3, grayAlpha = 4, rgba = 6

        var channels: Int {
            switch self {
            case .gray, .palette: return 1
            case .grayAlpha: return 2
            case .rgb: return 3
            case .rgba: return 4
            }
        }
    }

    var width: Int
    var height: Int
    var colorType: ColorType
    /// 1, 2, 4, 8 or 16, as the standard allows for `colorType`.
    var bitDepth: Int
    /// `[height, width, channels]` samples, each in `0..<(1 << bitDepth)` (palette: indices).
    var samples: [Int]
    /// Palette entries as `[r, g, b]` (the PLTE chunk), for `.palette`.
    var palette: [[UInt8]] = []
    /// Alpha per palette entry (the tRNS chunk), for `.palette`; nil writes no tRNS.
    var paletteAlpha: [UInt8]? = nil
    /// The one transparent colour (the tRNS chunk) of a `.gray` (`[g]`) or `.rgb` (`[r, g, b]`)
    /// image, as samples at `bitDepth`; nil writes no tRNS.
    var transparentColour: [Int]? = nil
    /// Adam7 interlacing.
    var interlaced = false

    /// The Adam7 passes: first column, first row, column step, row step.
    static let adam7 = [
        (0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4),
        (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2),
    ]

    /// The complete PNG file.
    func encode() -> [UInt8] {
        encode(filteredData: filteredData())
    }

    /// The complete PNG file around already filtered scanlines `data` (see `filteredData`).
    func encode(filteredData data: [UInt8]) -> [UInt8] {
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header = Self.bigEndian(UInt32(width)) + Self.bigEndian(UInt32(height))
        header += [UInt8(bitDepth), colorType.rawValue, 0, 0, interlaced ? 1 : 0]
        file += Self.chunk("IHDR", header)
        if colorType == .palette {
            file += Self.chunk("PLTE", palette.flatMap { $0 })
            if let paletteAlpha { file += Self.chunk("tRNS", paletteAlpha) }
        }
        if let transparentColour, colorType == .gray || colorType == .rgb {
            file += Self.chunk("tRNS", transparentColour.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        }
        file += Self.chunk("IDAT", Self.compress(data))
        file += Self.chunk("IEND", [])
        return file
    }

    /// The filtered scanlines before compression: each row a filter byte and packed samples.
    func filteredData() -> [UInt8] {
        let passes = interlaced ? Self.adam7 : [(0, 0, 1, 1)]
        var data: [UInt8] = []
        for (x0, y0, dx, dy) in passes {
            let columns = Array(stride(from: x0, to: width, by: dx))
            let rows = Array(stride(from: y0, to: height, by: dy))
            if columns.isEmpty || rows.isEmpty { continue }
            for (rowIndex, y) in rows.enumerated() {
                var row: [Int] = []
                for x in columns {
                    let base = (y * width + x) * colorType.channels
                    row += samples[base..<(base + colorType.channels)]
                }
                let packed = pack(row)
                if rowIndex % 2 == 0 {
                    data.append(0)
                    data += packed
                } else {
                    // Sub: each byte minus the byte one pixel (at least one byte) to its left.
                    let step = max(1, colorType.channels * bitDepth / 8)
                    data.append(1)
                    for i in packed.indices {
                        data.append(packed[i] &- (i >= step ? packed[i - step] : 0))
                    }
                }
            }
        }
        return data
    }

    /// Samples packed at `bitDepth` bits: below 8 bits most significant first, padded to a
    /// byte; 16 bits big-endian.
    func pack(_ row: [Int]) -> [UInt8] {
        switch bitDepth {
        case 16:
            return row.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        case 8:
            return row.map { UInt8($0) }
        default:
            var bytes = [UInt8](repeating: 0, count: (row.count * bitDepth + 7) / 8)
            for (i, sample) in row.enumerated() {
                let bit = i * bitDepth
                bytes[bit / 8] |= UInt8(sample << (8 - bitDepth - bit % 8))
            }
            return bytes
        }
    }

    /// One chunk: length, type, data, CRC-32 of type and data.
    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        let crc = body.withUnsafeBufferPointer { buffer in
            crc32(0, buffer.baseAddress, uInt(buffer.count))
        }
        return bigEndian(UInt32(data.count)) + body + bigEndian(UInt32(crc))
    }

    /// `data` compressed as a zlib stream (`compress2`, level 6).
    static func compress(_ data: [UInt8]) -> [UInt8] {
        var length = compressBound(uLong(data.count))
        var out = [UInt8](repeating: 0, count: Int(length))
        let status = data.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { destination in
                compress2(destination.baseAddress, &length, source.baseAddress, uLong(source.count), 6)
            }
        }
        return status == Z_OK ? Array(out.prefix(Int(length))) : []
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [
            UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF),
            UInt8(value & 0xFF),
        ]
    }
}
