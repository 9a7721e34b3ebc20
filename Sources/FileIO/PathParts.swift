/// A path split into the directory that holds it and its last component, as `rename(2)` sees
/// them: `models/mnist.safetensors` → (`models`, `mnist.safetensors`), `x` → (`.`, `x`),
/// `/x` → (`/`, `x`).
public struct PathParts: Equatable, Sendable {
    /// The directory holding the entry (never empty).
    public var directory: String
    /// The last component (empty for a path ending in `/`).
    public var name: String

    /// Splits `path` at its last slash.
    public init(_ path: String) {
        guard let slash = path.lastIndex(of: "/") else {
            directory = "."
            name = path
            return
        }
        let head = String(path[..<slash])
        directory = head.isEmpty ? "/" : head
        name = String(path[path.index(after: slash)...])
    }

    /// The path of `entry` in the same directory.
    public func sibling(_ entry: String) -> String {
        directory == "/" ? "/" + entry : directory + "/" + entry
    }

    /// The last component without its extension (from its last dot on; a leading dot starts
    /// no extension): `a/seven.png` → `seven`, `models/mnist.safetensors` → `mnist`,
    /// `archive.tar.gz` → `archive.tar`, `.profile` → `.profile`; empty for a path ending in `/`.
    public var stem: String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
