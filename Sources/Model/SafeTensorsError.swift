import FileIO

/// Why a safetensors file could not be read or written.
///
/// Every message is one line that starts with the file's path and says what was expected and
/// what was found, e.g. `model.safetensors: tensor "layers.0.weight" has dtype F16, expected F32`.
/// Names and other text taken from the file are quoted with their control characters escaped.
public enum SafeTensorsError: Error, CustomStringConvertible, Equatable {
    /// The file could not be opened, read or written (missing, too large, unwritable directory…).
    case file(FileIOError)

    // The 8-byte length prefix and the header as a whole.

    /// The file is shorter than the 8-byte header length (`size` in bytes).
    case tooShort(path: String, size: Int)
    /// The header length is 0.
    case emptyHeader(path: String)
    /// The header length runs past the end of the file (`available` bytes follow the prefix).
    case headerBeyondFile(path: String, headerLength: UInt64, available: Int)
    /// The header length exceeds the largest header accepted (`limit` bytes).
    case headerTooLarge(path: String, headerLength: UInt64, limit: Int)
    /// The header bytes are not valid UTF-8.
    case headerNotUTF8(path: String)
    /// The header is not valid JSON; `reason` says what and `offset` where (bytes into the header).
    case headerNotJSON(path: String, reason: String, offset: Int)
    /// The header is valid JSON but not an object; `found` describes it.
    case headerNotObject(path: String, found: String)

    // One tensor's entry.

    /// The same tensor name appears twice (in the header, or in the tensors given to `write`).
    case duplicateName(path: String, name: String)
    /// A tensor's entry is not an object.
    case entryNotObject(path: String, name: String, found: String)
    /// A tensor's entry lacks `dtype`, `shape` or `data_offsets`.
    case missingField(path: String, name: String, field: String)
    /// A tensor's field has the wrong JSON type, e.g. `dtype` is a number.
    case wrongFieldType(path: String, name: String, field: String, expected: String, found: String)
    /// A tensor's dtype is a standard safetensors dtype other than `F32`.
    case unsupportedDType(path: String, name: String, dtype: String)
    /// A tensor's dtype is not a safetensors dtype at all.
    case unknownDType(path: String, name: String, dtype: String)
    /// A shape dimension is negative or not an integer (`found` describes it).
    case invalidDimension(path: String, name: String, found: String)
    /// The product of the shape's dimensions (times 4 bytes) does not fit in an `Int`.
    case shapeOverflow(path: String, name: String, shape: [Int])
    /// `data_offsets` is not an array of two non-negative integers.
    case invalidOffsets(path: String, name: String, found: String)
    /// `data_offsets` has `begin` after `end`.
    case offsetsReversed(path: String, name: String, begin: Int, end: Int)
    /// `data_offsets` ends past the data section (`dataSize` bytes).
    case offsetsBeyondData(path: String, name: String, end: Int, dataSize: Int)
    /// The byte range's length is not the shape's element count times 4.
    case byteCountMismatch(path: String, name: String, shape: [Int], expectedBytes: Int, foundBytes: Int)

    // The data section as a whole.

    /// Two tensors' byte ranges overlap.
    case overlappingTensors(path: String, first: String, second: String)
    /// Bytes `begin..<end` of the data section belong to no tensor, before tensor `before`.
    case gapInData(path: String, begin: Int, end: Int, before: String)
    /// The last `count` bytes of the data section (of `dataSize`) belong to no tensor.
    case trailingBytes(path: String, count: Int, dataSize: Int)

    // Metadata.

    /// `__metadata__` is not an object whose values are all strings.
    case invalidMetadata(path: String, found: String)

    // Writing.

    /// A tensor about to be written has a negative dimension, or a shape whose element count is
    /// not the number of values it holds (`elementCount` is `nil` if the product overflows).
    case shapeMismatch(path: String, name: String, shape: [Int], elementCount: Int?, valueCount: Int)
    /// A tensor about to be written is named `__metadata__`, the key reserved for metadata.
    case reservedName(path: String)

    public var description: String {
        // Names and dtypes come from the file: quoted with control characters escaped, so that
        // a hostile name cannot break the line or send escape sequences to a terminal.
        let quoted = { jsonQuoted($0) }
        switch self {
        case .file(let error):
            return error.description
        case .tooShort(let path, let size):
            return "\(path): file is \(size) bytes, expected at least 8 (the header length)"
        case .emptyHeader(let path):
            return "\(path): header length is 0, expected a JSON header of at least 2 bytes"
        case .headerBeyondFile(let path, let length, let available):
            return
                "\(path): header length is \(length) bytes, but only \(available) bytes follow it; the file is truncated or not safetensors"
        case .headerTooLarge(let path, let length, let limit):
            return
                "\(path): header length is \(length) bytes, larger than the limit of \(limit) bytes; the file is probably not safetensors"
        case .headerNotUTF8(let path):
            return "\(path): header is not valid UTF-8 text, expected a JSON object"
        case .headerNotJSON(let path, let reason, let offset):
            return "\(path): header is not valid JSON: \(reason) at byte \(offset) of the header"
        case .headerNotObject(let path, let found):
            return "\(path): header is \(found), expected a JSON object of tensors"
        case .duplicateName(let path, let name):
            return "\(path): tensor name \(quoted(name)) appears twice, expected unique names"
        case .entryNotObject(let path, let name, let found):
            return "\(path): tensor \(quoted(name)) is \(found), expected an object with dtype, shape and data_offsets"
        case .missingField(let path, let name, let field):
            return "\(path): tensor \(quoted(name)) has no \"\(field)\" field, expected dtype, shape and data_offsets"
        case .wrongFieldType(let path, let name, let field, let expected, let found):
            return "\(path): tensor \(quoted(name)) field \"\(field)\" is \(found), expected \(expected)"
        case .unsupportedDType(let path, let name, let dtype):
            return "\(path): tensor \(quoted(name)) has dtype \(dtype), expected F32 (the only dtype digits reads)"
        case .unknownDType(let path, let name, let dtype):
            return "\(path): tensor \(quoted(name)) has unknown dtype \(quoted(dtype)), expected F32"
        case .invalidDimension(let path, let name, let found):
            return "\(path): tensor \(quoted(name)) has shape dimension \(found), expected a non-negative integer"
        case .shapeOverflow(let path, let name, let shape):
            return
                "\(path): tensor \(quoted(name)) has shape \(shape), whose size overflows; expected a shape that fits in memory"
        case .invalidOffsets(let path, let name, let found):
            return
                "\(path): tensor \(quoted(name)) has data_offsets \(found), expected [begin, end] as two non-negative integers"
        case .offsetsReversed(let path, let name, let begin, let end):
            return "\(path): tensor \(quoted(name)) has data_offsets [\(begin), \(end)], expected begin ≤ end"
        case .offsetsBeyondData(let path, let name, let end, let dataSize):
            return
                "\(path): tensor \(quoted(name)) ends at data offset \(end), beyond the data section of \(dataSize) bytes; the file is truncated"
        case .byteCountMismatch(let path, let name, let shape, let expected, let found):
            return
                "\(path): tensor \(quoted(name)) has shape \(shape) needing \(expected) bytes of F32, but data_offsets span \(found) bytes"
        case .overlappingTensors(let path, let first, let second):
            return
                "\(path): tensors \(quoted(first)) and \(quoted(second)) overlap in the data section, expected disjoint byte ranges"
        case .gapInData(let path, let begin, let end, let before):
            return
                "\(path): data bytes \(begin)..<\(end) before tensor \(quoted(before)) belong to no tensor, expected tensors back to back"
        case .trailingBytes(let path, let count, let dataSize):
            return
                "\(path): the last \(count) of \(dataSize) data bytes belong to no tensor, expected the data section to end with the last tensor"
        case .invalidMetadata(let path, let found):
            return "\(path): __metadata__ is \(found), expected an object of string values"
        case .shapeMismatch(let path, let name, let shape, let elementCount, let valueCount):
            let needed = elementCount.map { "\($0) values" } ?? "a negative or overflowing size"
            return
                "\(path): tensor \(quoted(name)) has shape \(shape) (\(needed)) but holds \(valueCount) values; nothing written"
        case .reservedName(let path):
            return "\(path): a tensor is named \"__metadata__\", the key reserved for metadata; nothing written"
        }
    }
}
