import FileIO

extension SafeTensors {
    /// The largest JSON header accepted, in bytes (100 MB; a `digits` header is under 1 KB).
    public static let headerLimit = 100_000_000
    /// The largest file `init(contentsOf:)` reads, in bytes (2 GiB).
    public static let fileLimit = 2 << 30

    /// Reads and decodes the safetensors file at `path`.
    ///
    /// The file's size is checked against `fileLimit` before it is read.
    /// - Throws: `SafeTensorsError.file` if it cannot be read, or any decoding error below.
    public init(contentsOf path: String) throws(SafeTensorsError) {
        let bytes: [UInt8]
        do {
            bytes = try FileReading.read(path, limit: Self.fileLimit)
        } catch {
            throw .file(error)
        }
        try self.init(decoding: bytes, path: path)
    }

    /// Decodes a whole safetensors file held in memory, checking everything before trusting it.
    ///
    /// Refused, each with its own `SafeTensorsError`: fewer than 8 bytes; a header length of 0,
    /// past the end of the file or above `headerLimit`; a header that is not UTF-8, not JSON or
    /// not an object; a repeated tensor name; an entry that is not an object or lacks, or
    /// mistypes, `dtype`, `shape` or `data_offsets`; a dtype other than `F32`; a negative or
    /// fractional dimension; a shape whose size overflows; offsets that are not two integers,
    /// are reversed, run past the data, or do not span exactly 4 × the element count bytes;
    /// overlapping tensors; data bytes that belong to no tensor (the tensors must cover the
    /// data section exactly); a `__metadata__` that is not an object of strings. Extra fields in
    /// an entry are ignored, as the reference implementation does. Nothing is allocated from a
    /// size read from the file until that size has been checked against the file's length.
    ///
    /// - Parameters:
    ///   - bytes: the file's contents.
    ///   - path: the file's name, used only in error messages.
    /// - Returns: the tensors ordered by their position in the data section (empty tensors that
    ///   share a position keep the header's order, which is by name), and the metadata.
    public init(decoding bytes: [UInt8], path: String) throws(SafeTensorsError) {
        guard bytes.count >= 8 else { throw .tooShort(path: path, size: bytes.count) }
        var headerLength: UInt64 = 0
        for index in 0..<8 { headerLength |= UInt64(bytes[index]) << (8 * UInt64(index)) }
        let available = bytes.count - 8
        guard headerLength > 0 else { throw .emptyHeader(path: path) }
        guard headerLength <= UInt64(Self.headerLimit) else {
            throw .headerTooLarge(path: path, headerLength: headerLength, limit: Self.headerLimit)
        }
        guard headerLength <= UInt64(available) else {
            throw .headerBeyondFile(path: path, headerLength: headerLength, available: available)
        }
        let dataStart = 8 + Int(headerLength)
        let header = Array(bytes[8..<dataStart])
        guard Self.isValidUTF8(header) else { throw .headerNotUTF8(path: path) }

        let json: SafeTensorsJSON
        do {
            json = try SafeTensorsJSONReader.parse(header)
        } catch {
            throw .headerNotJSON(path: path, reason: error.message, offset: error.offset)
        }
        guard case .object(let members) = json else {
            throw .headerNotObject(path: path, found: json.summary)
        }

        let dataSize = bytes.count - dataStart
        var entries: [Entry] = []
        var metadata: [String: String]?
        var names = Set<String>()
        for (key, value) in members {
            guard names.insert(key).inserted else { throw .duplicateName(path: path, name: key) }
            if key == Self.metadataKey {
                metadata = try Self.decodeMetadata(value, path: path)
            } else {
                entries.append(try Entry(name: key, json: value, dataSize: dataSize, path: path))
            }
        }
        entries = try Self.checkCoverage(of: entries, dataSize: dataSize, path: path)

        self.init(
            tensors: entries.map { entry in
                let values = Self.loadLittleEndian(
                    bytes, from: dataStart + entry.begin, count: (entry.end - entry.begin) / Self.bytesPerElement)
                return NamedTensor(name: entry.name, tensor: Tensor(shape: entry.shape, values: values))
            },
            metadata: metadata ?? [:])
    }

    /// One tensor's header entry, checked: an `F32` tensor whose byte range `begin..<end` of the
    /// data section lies inside it and holds exactly its elements.
    struct Entry {
        var name: String
        var shape: [Int]
        var begin: Int
        var end: Int

        init(name: String, json: SafeTensorsJSON, dataSize: Int, path: String) throws(SafeTensorsError) {
            guard case .object(let members) = json else {
                throw .entryNotObject(path: path, name: name, found: json.summary)
            }
            func field(_ key: String) throws(SafeTensorsError) -> SafeTensorsJSON {
                let matches = members.filter { $0.key == key }
                guard let match = matches.first else { throw .missingField(path: path, name: name, field: key) }
                guard matches.count == 1 else {
                    throw .wrongFieldType(
                        path: path, name: name, field: key, expected: "one value", found: "given \(matches.count) times"
                    )
                }
                return match.value
            }

            let dtype = try field("dtype")
            guard case .string(let dtypeName) = dtype else {
                throw .wrongFieldType(
                    path: path, name: name, field: "dtype", expected: "a string such as \"F32\"", found: dtype.summary)
            }
            guard dtypeName == SafeTensorsDType.f32.rawValue else {
                if SafeTensorsDType(rawValue: dtypeName) != nil {
                    throw .unsupportedDType(path: path, name: name, dtype: dtypeName)
                }
                throw .unknownDType(path: path, name: name, dtype: dtypeName)
            }

            let shapeJSON = try field("shape")
            guard case .array(let dimensions) = shapeJSON else {
                throw .wrongFieldType(
                    path: path, name: name, field: "shape", expected: "an array of integers", found: shapeJSON.summary)
            }
            var shape: [Int] = []
            for dimension in dimensions {
                guard let size = dimension.integer, size >= 0 else {
                    throw .invalidDimension(path: path, name: name, found: dimension.summary)
                }
                shape.append(size)
            }
            guard let count = SafeTensors.elementCount(of: shape),
                case let (byteCount, overflow) = count.multipliedReportingOverflow(by: SafeTensors.bytesPerElement),
                !overflow
            else { throw .shapeOverflow(path: path, name: name, shape: shape) }

            let offsets = try field("data_offsets")
            guard case .array(let pair) = offsets, pair.count == 2,
                let begin = pair[0].integer, let end = pair[1].integer, begin >= 0, end >= 0
            else { throw .invalidOffsets(path: path, name: name, found: offsets.compactText) }
            guard begin <= end else { throw .offsetsReversed(path: path, name: name, begin: begin, end: end) }
            guard end <= dataSize else {
                throw .offsetsBeyondData(path: path, name: name, end: end, dataSize: dataSize)
            }
            guard end - begin == byteCount else {
                throw .byteCountMismatch(
                    path: path, name: name, shape: shape, expectedBytes: byteCount, foundBytes: end - begin)
            }
            self.name = name
            self.shape = shape
            self.begin = begin
            self.end = end
        }
    }

    /// Sorts `entries` by data position (stable, so ties keep header order) and checks that
    /// they tile the data section `0..<dataSize` exactly: no overlaps, no gaps, nothing after.
    static func checkCoverage(of entries: [Entry], dataSize: Int, path: String) throws(SafeTensorsError) -> [Entry] {
        let ordered = entries.enumerated()
            .sorted { ($0.element.begin, $0.element.end, $0.offset) < ($1.element.begin, $1.element.end, $1.offset) }
            .map(\.element)
        var covered = 0  // data bytes 0..<covered belong to the tensors seen so far
        var lastName = ""  // the tensor that ends at `covered`
        for entry in ordered {
            if entry.begin < covered {
                throw .overlappingTensors(path: path, first: lastName, second: entry.name)
            }
            if entry.begin > covered {
                throw .gapInData(path: path, begin: covered, end: entry.begin, before: entry.name)
            }
            covered = entry.end  // ≥ entry.begin == covered
            lastName = entry.name
        }
        if covered < dataSize {
            throw .trailingBytes(path: path, count: dataSize - covered, dataSize: dataSize)
        }
        return ordered
    }

    /// The `__metadata__` object as a dictionary; every value must be a string, no key repeated.
    static func decodeMetadata(_ json: SafeTensorsJSON, path: String) throws(SafeTensorsError) -> [String: String] {
        guard case .object(let members) = json else { throw .invalidMetadata(path: path, found: json.summary) }
        var metadata: [String: String] = [:]
        for (key, value) in members {
            guard case .string(let text) = value else {
                throw .invalidMetadata(path: path, found: "an object whose \(jsonQuoted(key)) is \(value.summary)")
            }
            guard metadata.updateValue(text, forKey: key) == nil else {
                throw .invalidMetadata(path: path, found: "an object with the key \(jsonQuoted(key)) twice")
            }
        }
        return metadata
    }

    /// Whether `bytes` is well-formed UTF-8 (no stray continuation bytes, overlong forms or
    /// surrogates). `String(validating:)` would do, but needs macOS 15.
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        let failed = transcode(bytes.makeIterator(), from: UTF8.self, to: UTF32.self, stoppingOnError: true) { _ in }
        return !failed
    }

    /// `count` little-endian `Float32` values from `bytes[start...]`, which need not be aligned.
    /// The caller has checked that `start + 4 * count <= bytes.count`.
    static func loadLittleEndian(_ bytes: [UInt8], from start: Int, count: Int) -> [Float] {
        let byteCount = count * bytesPerElement
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: source[start..<(start + byteCount)]))
            }
            #if _endian(big)
            for index in 0..<count {
                buffer[index] = Float(bitPattern: UInt32(littleEndian: buffer[index].bitPattern))
            }
            #endif
            initialized = count
        }
    }
}
