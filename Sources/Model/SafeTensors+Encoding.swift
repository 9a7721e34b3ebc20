import FileIO

extension SafeTensors {
    /// The file's bytes: the 8-byte header length, the JSON header padded with spaces to a
    /// multiple of 8 bytes, then every tensor's values as little-endian `Float32`, in the order of
    /// `tensors`, back to back.
    ///
    /// The header lists `__metadata__` first (omitted when `metadata` is empty), then the tensors
    /// sorted by name (UTF-8 byte order), each as `{"dtype":"F32","shape":[…],"data_offsets":[b,e]}`.
    /// The same tensors and metadata always give the same bytes. With tensors given in name order
    /// and at most one metadata key, the bytes equal those of Python's `safetensors.numpy.save`
    /// (which sorts tensors by name but leaves metadata keys in hash order).
    ///
    /// Assumes every tensor is valid (`shape` product == `values.count`, names unique and not
    /// `__metadata__`): otherwise the bytes are not a readable file, though nothing crashes.
    /// `write(to:)` checks this first.
    public func encoded() -> [UInt8] {
        // Byte ranges in the data section, in the order given.
        var offsets: [(begin: Int, end: Int)] = []
        offsets.reserveCapacity(tensors.count)
        var dataSize = 0
        for named in tensors {
            let end = dataSize + named.tensor.values.count * Self.bytesPerElement
            offsets.append((dataSize, end))
            dataSize = end
        }

        var header: [UInt8] = [UInt8(ascii: "{")]
        var first = true
        func separate() {
            if !first { header.append(UInt8(ascii: ",")) }
            first = false
        }
        if !metadata.isEmpty {
            separate()
            SafeTensorsJSONWriter.appendString(Self.metadataKey, to: &header)
            header.append(contentsOf: Array(":{".utf8))
            let keys = metadata.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { header.append(UInt8(ascii: ",")) }
                SafeTensorsJSONWriter.appendString(key, to: &header)
                header.append(UInt8(ascii: ":"))
                SafeTensorsJSONWriter.appendString(metadata[key] ?? "", to: &header)
            }
            header.append(UInt8(ascii: "}"))
        }
        let byName = tensors.indices.sorted {
            tensors[$0].name.utf8.lexicographicallyPrecedes(tensors[$1].name.utf8)
        }
        for index in byName {
            separate()
            SafeTensorsJSONWriter.appendString(tensors[index].name, to: &header)
            header.append(contentsOf: Array(#":{"dtype":"F32","shape":"#.utf8))
            SafeTensorsJSONWriter.appendIntegers(tensors[index].tensor.shape, to: &header)
            header.append(contentsOf: Array(#","data_offsets":"#.utf8))
            SafeTensorsJSONWriter.appendIntegers([offsets[index].begin, offsets[index].end], to: &header)
            header.append(UInt8(ascii: "}"))
        }
        header.append(UInt8(ascii: "}"))
        while header.count % 8 != 0 { header.append(UInt8(ascii: " ")) }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + header.count + dataSize)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: header)
        for named in tensors {
            Self.appendLittleEndian(named.tensor.values, to: &bytes)
        }
        return bytes
    }

    /// Writes the file to `path` atomically: readers see the old file or the new one, never a
    /// partial one, and on failure the old file is left as it was.
    ///
    /// - Throws: `SafeTensorsError.shapeMismatch`, `.duplicateName` or `.reservedName` before
    ///   anything is written if a tensor is invalid; `.file` if the file cannot be written
    ///   (for example its directory does not exist).
    public func write(to path: String) throws(SafeTensorsError) {
        try validateForWriting(path: path)
        do {
            try AtomicFile.write(encoded(), to: path)
        } catch {
            throw .file(error)
        }
    }

    /// Checks what `encoded()` assumes; `path` is only for the message.
    func validateForWriting(path: String) throws(SafeTensorsError) {
        var seen = Set<String>()
        for named in tensors {
            guard named.name != Self.metadataKey else { throw .reservedName(path: path) }
            guard seen.insert(named.name).inserted else { throw .duplicateName(path: path, name: named.name) }
            let shape = named.tensor.shape
            let count = Self.elementCount(of: shape)
            let byteCount = count?.multipliedReportingOverflow(by: Self.bytesPerElement)
            guard let count, let byteCount, !byteCount.overflow, count == named.tensor.values.count else {
                throw .shapeMismatch(
                    path: path, name: named.name, shape: shape, elementCount: count,
                    valueCount: named.tensor.values.count)
            }
        }
    }

    /// Appends `values` as little-endian IEEE 754 single-precision bytes.
    static func appendLittleEndian(_ values: [Float], to bytes: inout [UInt8]) {
        #if _endian(little)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #else
        for value in values {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
        #endif
    }
}
