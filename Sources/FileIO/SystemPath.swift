#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File names as the system has them (any bytes but NUL and `/`) inside Swift strings (valid
/// Unicode), so that a name that is not UTF-8 can still be opened, listed and written.
///
/// A byte that is not part of valid UTF-8 (0x80–0xFF) stands as the private-use scalar
/// U+10FF00 + byte, in the way Python's `surrogateescape` keeps such bytes; turning the string
/// back into bytes for a system call restores it. Valid UTF-8 names are unchanged. Every call
/// that hands a path to the system in FileIO goes through here; `displayed` shows escaped
/// bytes as `\xHH`.
public enum SystemPath {
    /// The scalar standing for raw byte 0x00 (only 0x80–0xFF are used).
    static let escapeBase: UInt32 = 0x10FF00

    /// The command line's arguments, each decoded as above (Swift's `CommandLine.arguments`
    /// replaces bytes that are not UTF-8 by U+FFFD, losing the name).
    public static var arguments: [String] {
        (0..<Int(CommandLine.argc)).map { i in
            CommandLine.unsafeArgv[i].map { string(fromBytes: bytesOf(cString: $0)) } ?? ""
        }
    }

    /// The name with raw bytes `bytes` (no NUL) as a string.
    public static func string(fromBytes bytes: [UInt8]) -> String {
        if let valid = String(validating: bytes, as: UTF8.self),
            !valid.unicodeScalars.contains(where: isEscape)
        {
            return valid
        }
        var scalars = String.UnicodeScalarView()
        var i = 0
        while i < bytes.count {
            if let (scalar, length) = decodeScalar(bytes, at: i), !isEscape(scalar) {
                scalars.append(scalar)
                i += length
            } else {
                scalars.append(Unicode.Scalar(escapeBase + UInt32(bytes[i])) ?? "\u{FFFD}")
                i += 1
            }
        }
        return String(scalars)
    }

    /// The system's bytes for `path`, NUL-terminated.
    public static func cString(_ path: String) -> [CChar] {
        var bytes: [UInt8] = []
        for scalar in path.unicodeScalars {
            if isEscape(scalar) {
                bytes.append(UInt8(scalar.value - escapeBase))
            } else {
                bytes.append(contentsOf: Array(String(scalar).utf8))
            }
        }
        return bytes.map { CChar(bitPattern: $0) } + [0]
    }

    /// `path` for people: escaped bytes as `\xHH`.
    public static func displayed(_ path: String) -> String {
        guard path.unicodeScalars.contains(where: isEscape) else { return path }
        var out = ""
        for scalar in path.unicodeScalars {
            if isEscape(scalar) {
                let hex = String(scalar.value - escapeBase, radix: 16)
                out += "\\x" + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether `scalar` stands for a raw byte.
    static func isEscape(_ scalar: Unicode.Scalar) -> Bool {
        (escapeBase + 0x80...escapeBase + 0xFF).contains(scalar.value)
    }

    /// The bytes of a C string.
    static func bytesOf(cString: UnsafePointer<CChar>) -> [UInt8] {
        var bytes: [UInt8] = []
        var p = cString
        while p.pointee != 0 {
            bytes.append(UInt8(bitPattern: p.pointee))
            p += 1
        }
        return bytes
    }

    /// The UTF-8 scalar starting at `bytes[i]` and its length, or nil if the bytes there are not
    /// valid UTF-8 (overlong forms, surrogates and values above U+10FFFF included).
    private static func decodeScalar(_ bytes: [UInt8], at i: Int) -> (Unicode.Scalar, Int)? {
        let lead = bytes[i]
        let (length, initial, minimum): (Int, UInt32, UInt32)
        switch lead {
        case 0x00...0x7F: return (Unicode.Scalar(lead), 1)
        case 0xC2...0xDF: (length, initial, minimum) = (2, UInt32(lead & 0x1F), 0x80)
        case 0xE0...0xEF: (length, initial, minimum) = (3, UInt32(lead & 0x0F), 0x800)
        case 0xF0...0xF4: (length, initial, minimum) = (4, UInt32(lead & 0x07), 0x10000)
        default: return nil
        }
        guard i + length <= bytes.count else { return nil }
        var value = initial
        for k in 1..<length {
            let byte = bytes[i + k]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }
}

// The system calls FileIO and the command make on paths, each converting the path as above.
extension SystemPath {
    /// `stat(2)` (following links) or `lstat(2)`.
    public static func stat(_ path: String, _ info: inout stat, followLinks: Bool = true) -> Int32 {
        followLinks ? system_stat(cString(path), &info) : system_lstat(cString(path), &info)
    }

    /// `open(2)`.
    public static func open(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 {
        system_open(cString(path), flags, mode)
    }

    /// `unlink(2)`.
    @discardableResult
    public static func unlink(_ path: String) -> Int32 { system_unlink(cString(path)) }

    /// `rename(2)`.
    public static func rename(_ from: String, _ to: String) -> Int32 { system_rename(cString(from), cString(to)) }

    /// `mkdir(2)`.
    public static func mkdir(_ path: String, _ mode: mode_t) -> Int32 { system_mkdir(cString(path), mode) }

    /// The target of the symbolic link at `path` (`readlink(2)`), or nil.
    public static func readlink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = system_readlink(cString(path), &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        return string(fromBytes: buffer[..<n].map { UInt8(bitPattern: $0) })
    }

    /// `opendir(3)`.
    static func opendir(_ path: String) -> OpaquePointer? { system_opendir(cString(path)) }
}

// The system calls themselves, at file scope so that `SystemPath`'s methods of the same names do
// not shadow them.
private func system_stat(_ path: [CChar], _ info: inout stat) -> Int32 { stat(path, &info) }
private func system_lstat(_ path: [CChar], _ info: inout stat) -> Int32 { lstat(path, &info) }
private func system_open(_ path: [CChar], _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func system_unlink(_ path: [CChar]) -> Int32 { unlink(path) }
private func system_rename(_ from: [CChar], _ to: [CChar]) -> Int32 { rename(from, to) }
private func system_mkdir(_ path: [CChar], _ mode: mode_t) -> Int32 { mkdir(path, mode) }
private func system_readlink(_ path: [CChar], _ buffer: inout [CChar], _ size: Int) -> Int {
    readlink(path, &buffer, size)
}
private func system_opendir(_ path: [CChar]) -> OpaquePointer? { opendir(path) }
