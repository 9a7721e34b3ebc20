/// Why a checkpoint could not be read or written. Every message names the file.
public enum CheckpointError: Error, CustomStringConvertible, Equatable {
    /// The file itself is unreadable or not valid safetensors.
    case file(SafeTensorsError)
    /// The file is valid safetensors but not a digits checkpoint (`found` is its `format`).
    case notACheckpoint(path: String, found: String?)
    /// A digits checkpoint of a format version this program does not read.
    case unsupportedVersion(path: String, found: String)
    /// A metadata entry is missing or does not decode.
    case badMetadata(path: String, key: String, reason: String)
    /// A tensor the architecture needs is missing.
    case missingTensor(path: String, name: String, expectedShape: [Int])
    /// A tensor has another shape than the architecture needs.
    case shapeMismatch(path: String, name: String, expected: [Int], found: [Int])
    /// A tensor that no part of a digits checkpoint uses.
    case unexpectedTensor(path: String, name: String)
    /// A parameter is NaN or infinite.
    case nonFiniteValue(path: String, name: String)
    /// The saved training state does not fit its settings or architecture.
    case inconsistentState(path: String, reason: String)
    /// Refused before writing, so that no bad checkpoint replaces a good one.
    case refusedToWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .file(let error):
            return error.description
        case .notACheckpoint(let path, let found):
            let what =
                found.map { "its format is '\(shown($0))'" }
                ?? "it has no 'format' metadata"
            return "\(path): not a digits checkpoint (\(what), expected '\(Checkpoint.formatName)')"
        case .unsupportedVersion(let path, let found):
            return "\(path): checkpoint format version \(shown(found)), this digits reads version "
                + "\(Checkpoint.formatVersion) (HINT: train it again, or use the digits that wrote it)"
        case .badMetadata(let path, let key, let reason):
            return "\(path): metadata '\(key)': \(reason)"  // `reason` quotes any text from the file
        case .missingTensor(let path, let name, let shape):
            return "\(path): missing tensor '\(name)' of shape \(shape) that the architecture needs"
        case .shapeMismatch(let path, let name, let expected, let found):
            return "\(path): tensor '\(name)' has shape \(found), the architecture needs \(expected)"
        case .unexpectedTensor(let path, let name):
            return "\(path): unexpected tensor '\(name)' (not part of this architecture)"
        case .nonFiniteValue(let path, let name):
            return "\(path): tensor '\(name)' holds NaN or infinite values"
        case .inconsistentState(let path, let reason):
            return "\(path): the saved training state is inconsistent: \(reason)"
        case .refusedToWrite(let path, let reason):
            return "\(path): not written: \(reason); the previous file is kept"
        }
    }
}

/// Text from a file as an error message shows it: as is when it is short and printable, else
/// cut and quoted with control characters escaped, so that it cannot break the one-line message.
private func shown(_ text: String) -> String {
    let printable = text.unicodeScalars.allSatisfy {
        $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value)
    }
    return printable && text.count <= 40 ? text : jsonQuoted(String(text.prefix(40)))
}
