#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FileIO

/// A file open for reading: its size, and reads straight into the caller's memory.
///
/// The descriptor is closed when the value goes away. System failures become `IDXError.file`
/// errors that name the file.
final class InputFile {
    /// The path the file was opened with, for messages.
    let path: String
    /// The file's size in bytes when it was opened.
    let size: Int
    private let descriptor: Int32

    /// Opens the regular file at `path` (through `FileIO.ReadableFile`: a FIFO, a device or a
    /// directory is refused without blocking).
    ///
    /// - Throws: `.file(.notFound)`, `.file(.isDirectory)`, `.file(.notRegularFile)` or
    ///   `.file(.unreadable)`.
    init(path: String) throws(IDXError) {
        self.path = path
        do {
            (descriptor, size) = try ReadableFile.open(path)
        } catch {
            throw .file(error)
        }
    }

    deinit { close(descriptor) }

    /// Reads the first bytes of the file into `buffer` without moving the read position;
    /// returns how many were read (fewer than `buffer.count` only if the file is shorter).
    func peek(into buffer: UnsafeMutableRawBufferPointer) throws(IDXError) -> Int {
        var filled = 0
        while filled < buffer.count {
            let n = pread(
                descriptor, buffer.baseAddress! + filled, buffer.count - filled,
                off_t(filled))
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw .file(.unreadable(path: path, reason: systemMessage())) }
            if n == 0 { break }
            filled += n
        }
        return filled
    }

    /// Reads the next bytes of the file into `buffer` until it is full or the file ends;
    /// returns how many were read.
    func readFully(into buffer: UnsafeMutableRawBufferPointer) throws(IDXError) -> Int {
        var filled = 0
        while filled < buffer.count {
            let n = systemRead(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw .file(.unreadable(path: path, reason: systemMessage())) }
            if n == 0 { break }
            filled += n
        }
        return filled
    }
}

/// `read(2)`, at file scope so that no method named `read` shadows it.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int)
    -> Int
{
    read(descriptor, buffer, count)
}

/// The text of the current `errno`.
func systemMessage() -> String {
    String(cString: strerror(errno))
}
