/// Why a checkpoint could not be saved or loaded. Every message is one line naming the file.
public enum CheckpointError: Error, CustomStringConvertible, Equatable {
    /// The safetensors layer refused the file (unreadable, damaged, not safetensors).
    case file(SafeTensorsError)
    /// The `format` metadata is not "digits-mlp".
    case wrongFormat(path: String, found: String?)
    /// The `format_version` metadata is not one this build reads.
    case unsupportedVersion(path: String, found: String?)
    /// A metadata entry is missing or its JSON does not decode.
    case badMetadata(path: String, key: String, reason: String)
    /// The architecture in the metadata cannot be built.
    case badArchitecture(path: String, reason: String)
    /// A tensor the architecture needs is absent.
    case missingTensor(path: String, name: String)
    /// A tensor's shape is not the one the architecture demands.
    case wrongShape(path: String, name: String, expected: [Int], found: [Int])
    /// A tensor that this format does not define.
    case unknownTensor(path: String, name: String)
    /// The metadata could not be encoded (a non-finite number in the history, for instance).
    case encodingFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .file(let error):
            return error.description
        case .wrongFormat(let path, let found):
            return "\(path): not a digits checkpoint: expected metadata format \"digits-mlp\", found \(found.map { "\"\($0)\"" } ?? "none")"
        case .unsupportedVersion(let path, let found):
            return "\(path): unsupported checkpoint version: expected format_version \"1\", found \(found.map { "\"\($0)\"" } ?? "none"); a newer digits may read it"
        case .badMetadata(let path, let key, let reason):
            return "\(path): bad checkpoint metadata \"\(key)\": \(reason)"
        case .badArchitecture(let path, let reason):
            return "\(path): the checkpoint's architecture cannot be built: \(reason)"
        case .missingTensor(let path, let name):
            return "\(path): tensor \"\(name)\" is missing, but the architecture needs it"
        case .wrongShape(let path, let name, let expected, let found):
            return "\(path): tensor \"\(name)\" has shape \(found), but the architecture needs \(expected)"
        case .unknownTensor(let path, let name):
            return "\(path): unexpected tensor \"\(name)\" (not part of a digits-mlp checkpoint of this architecture)"
        case .encodingFailed(let path, let reason):
            return "\(path): cannot encode the checkpoint metadata: \(reason)"
        }
    }
}
