import FileIO

/// Why an IDX file, or a directory of MNIST-layout IDX files, could not be read or written.
///
/// Every message is one line that names the file (or directory), what was expected and what was
/// found. The reader raises these before allocating anything from a size it has not checked.
public enum IDXError: Error, CustomStringConvertible, Equatable {
    /// The file is missing, a directory, unreadable or unwritable (the message names it).
    case file(FileIOError)
    /// The first two bytes of the (decompressed) file are not `00 00`; `found` holds the first
    /// bytes read (up to four).
    case badMagic(path: String, found: [UInt8])
    /// The third byte of the magic number is not one of the six IDX type codes.
    case unknownDataType(path: String, code: UInt8)
    /// The fourth byte of the magic number, the rank, is 0; IDX arrays have at least one dimension.
    case zeroRank(path: String)
    /// The dimensions describe more payload bytes than `limit` (or more than an `Int` can count).
    case payloadTooLarge(path: String, dataType: IDXDataType, shape: [Int], limit: Int)
    /// The file ended inside the header: `expected` header bytes, `found` bytes before the end.
    case truncatedHeader(path: String, expected: Int, found: Int)
    /// A plain (uncompressed) file whose size after the header is not the payload size the
    /// header describes; checked against the file's size before anything is allocated.
    case sizeMismatch(path: String, expectedPayload: Int, foundPayload: Int)
    /// A gzip file whose header claims more decompressed bytes than its compressed size could
    /// possibly hold (deflate expands at most about 1032:1).
    case implausibleSize(path: String, claimed: Int, compressedSize: Int)
    /// The data ended inside the payload: `expected` payload bytes, `found` before the end.
    case truncatedPayload(path: String, expected: Int, found: Int)
    /// The (decompressed) data goes on after the `payload` bytes the header describes.
    case trailingData(path: String, payload: Int)
    /// `count` bytes follow the end of the last gzip member at byte `offset` of the file and do
    /// not start another member (members may follow one another, as `gzip -dc` reads them).
    case trailingGarbage(path: String, offset: Int, count: Int)
    /// The gzip stream is damaged (bad header, bad deflate data, wrong CRC or length, cut short);
    /// `reason` is zlib's explanation.
    case corruptGzip(path: String, reason: String)
    /// zlib failed while compressing the file being written.
    case compressionFailed(path: String, reason: String)
    /// An in-memory array whose shape does not fit its values or the IDX format.
    case invalidShape(shape: [Int], valueCount: Int, reason: String)
    /// Files of an MNIST-layout split are missing from `directory`; `missing` lists the base
    /// names looked for (each with and without `.gz`).
    case missingFiles(directory: String, split: MNISTSplit, missing: [String])
    /// The file is valid IDX but not what an MNIST-layout data set needs there.
    case unexpectedLayout(path: String, expected: String, found: String)
    /// The images file and the labels file of a split hold different numbers of examples.
    case countMismatch(imagesPath: String, images: Int, labelsPath: String, labels: Int)
    /// The label at `index` (counting from 0) is `value`, not a digit class 0...9.
    case labelOutOfRange(path: String, index: Int, value: UInt8)

    public var description: String {
        switch self {
        case .file(let error):
            return error.description
        case .badMagic(let path, let found):
            let hex = found.map { byte in
                let digits = String(byte, radix: 16)
                return digits.count == 1 ? "0" + digits : digits
            }
            return "\(path): not an IDX file: expected magic 00 00 TYPE RANK, found "
                + (hex.isEmpty ? "nothing" : hex.joined(separator: " "))
        case .unknownDataType(let path, let code):
            return "\(path): unknown IDX type code 0x\(String(code, radix: 16)), expected one of "
                + "08 (u8), 09 (i8), 0b (i16), 0c (i32), 0d (f32), 0e (f64)"
        case .zeroRank(let path):
            return "\(path): IDX rank is 0, expected at least one dimension"
        case .payloadTooLarge(let path, let dataType, let shape, let limit):
            return "\(path): header describes a \(dataType.name) array of shape \(shape), "
                + "more than the limit of \(limit) payload bytes"
        case .truncatedHeader(let path, let expected, let found):
            return "\(path): truncated IDX header: expected \(expected) bytes, found \(found)"
        case .sizeMismatch(let path, let expectedPayload, let foundPayload):
            return "\(path): header describes \(expectedPayload) payload bytes but the file "
                + "holds \(foundPayload) after the header"
        case .implausibleSize(let path, let claimed, let compressedSize):
            return "\(path): header claims \(claimed) decompressed bytes, impossible for "
                + "\(compressedSize) bytes of gzip (deflate expands at most 1032:1)"
        case .truncatedPayload(let path, let expected, let found):
            return "\(path): truncated IDX payload: expected \(expected) bytes, "
                + "the data ends after \(found)"
        case .trailingData(let path, let payload):
            return "\(path): data continues after the \(payload) payload bytes the header "
                + "describes, expected the end of the file"
        case .trailingGarbage(let path, let offset, let count):
            return "\(path): \(count) unexpected bytes after the end of the gzip stream at "
                + "byte \(offset), expected the end of the file"
        case .corruptGzip(let path, let reason):
            return "\(path): corrupt gzip data: \(reason)"
        case .compressionFailed(let path, let reason):
            return "\(path): gzip compression failed: \(reason)"
        case .invalidShape(let shape, let valueCount, let reason):
            return "IDX array of shape \(shape) with \(valueCount) values: \(reason)"
        case .missingFiles(let directory, let split, let missing):
            let names = missing.map { "\($0)[.gz]" }.joined(separator: " and ")
            return "\(directory): missing files of the \(split.rawValue) split: "
                + "looked for \(names) in this directory"
        case .unexpectedLayout(let path, let expected, let found):
            return "\(path): expected \(expected), found \(found)"
        case .countMismatch(let imagesPath, let images, let labelsPath, let labels):
            return "\(imagesPath): holds \(images) images but \(labelsPath) holds \(labels) "
                + "labels, expected the same count"
        case .labelOutOfRange(let path, let index, let value):
            return "\(path): label \(index) is \(value), expected a digit class 0...9"
        }
    }
}
