import CZlib
import FuzzSupport
import Imaging

/// The fuzz target for `PNGDecoder.decode(_:path:)` (libpng behind it) and the preprocessing
/// that turns a decoded picture into network input.
///
/// Each input is decoded as it is and, when that differs, with every chunk's CRC recomputed:
/// a mutation inside a chunk would otherwise almost always stop at libpng's CRC check and never
/// reach the parsers behind it.
///
/// Besides "never crash, hang or allocate without bound", every input must satisfy:
/// - refused: the message starts with the path and holds no control character;
/// - accepted: the image is non-empty, within `maximumPixels`, with one byte per pixel; it
///   survives `pngData()` and decoding again unchanged (8-bit grey is exact; checked up to
///   `reencodeLimit` pixels); and
///   `prepare` gives 784 values (all 0 when blank), or in raw mode refuses with `wrongSize`.
enum PNGTarget {
    /// The path named in error messages.
    static let path = "fuzz.png"
    /// Images up to this many pixels are re-encoded and decoded again (1 megapixel).
    static let reencodeLimit = 1 << 20

    /// Runs `check` on `bytes` and on `bytes` with repaired CRCs; accepted if either is.
    static func run(_ bytes: [UInt8]) -> FuzzOutcome {
        let outcome = check(bytes)
        let repaired = withRepairedCRCs(bytes)
        guard repaired != bytes else { return outcome }
        let repairedOutcome = check(repaired)
        return outcome == .accepted || repairedOutcome == .accepted ? .accepted : .refused
    }

    /// Decodes `bytes`, preprocesses the picture and checks the properties above.
    static func check(_ bytes: [UInt8]) -> FuzzOutcome {
        let image: GrayImage
        do {
            image = try PNGDecoder.decode(bytes, path: path)
        } catch {
            checkMessage(of: error)
            return .refused
        }
        FuzzInvariant.check(
            image.width > 0 && image.height > 0 && image.width * image.height <= PNGDecoder.maximumPixels
                && image.pixels.count == image.width * image.height,
            "decoded a \(image.width)×\(image.height) image with \(image.pixels.count) pixels")

        // Re-encoding is the harness's cost, not the decoder's: done for ordinary sizes only, so
        // that a large (legitimately slow) image is not reported as a hang of the decoder.
        if image.pixels.count <= reencodeLimit {
            do {
                let again = try PNGDecoder.decode(try image.pngData(), path: path)
                FuzzInvariant.check(again == image, "a decoded image does not survive re-encoding")
            } catch {
                FuzzInvariant.fail("a decoded image cannot be re-encoded and read: \(error)")
            }
        }

        for raw in [false, true] {
            do {
                let input = try DigitPreprocessor.prepare(image: image, path: path, raw: raw)
                FuzzInvariant.check(input.pixels.count == 784, "prepare gave \(input.pixels.count) values")
                FuzzInvariant.check(
                    !input.isBlank || input.pixels.allSatisfy { $0 == 0 }, "a blank input holds ink")
            } catch {
                switch error {
                case .wrongSize where raw: checkMessage(of: error)
                default: FuzzInvariant.fail("prepare (raw: \(raw)) refused with \(error)")
                }
            }
        }
        return .accepted
    }

    /// Fails unless `error`'s message starts with the path and holds no control character.
    static func checkMessage(of error: ImageError) {
        let message = error.description
        FuzzInvariant.check(message.hasPrefix(path + ": "), "message does not start with the path: \(message)")
        FuzzInvariant.check(
            !message.unicodeScalars.contains { $0.properties.generalCategory == .control },
            "message holds a control character: \(message.debugDescription)")
    }

    /// `bytes` with the CRC of every complete chunk after the signature recomputed (CRC-32 of
    /// the chunk's type and data, as the PNG standard defines it).
    static func withRepairedCRCs(_ bytes: [UInt8]) -> [UInt8] {
        var repaired = bytes
        var offset = 8
        while offset + 12 <= repaired.count {
            let length = repaired[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            let crcOffset = offset + 8 + length
            guard crcOffset + 4 <= repaired.count else { break }
            let crc = repaired[(offset + 4)..<crcOffset].withUnsafeBufferPointer { body in
                crc32(0, body.baseAddress, uInt(body.count))
            }
            for index in 0..<4 {
                repaired[crcOffset + index] = UInt8(truncatingIfNeeded: crc >> (24 - 8 * UInt(index)))
            }
            offset = crcOffset + 4
        }
        return repaired
    }
}
