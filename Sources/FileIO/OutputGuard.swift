#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rule that an output never silently replaces a file the user still needs: an input of
/// the same command, or a file that is not the kind of output being written (a data set under
/// `--model`, a checkpoint under `--predictions`…). The command's `--overwrite` lifts it.
public enum OutputGuard {
    /// How many bytes of an existing file `check` shows to `foreign`.
    public static let headBytes = 1 << 16

    /// Refuses to let an output at `output` replace what is there, unless `overwrite`.
    ///
    /// Nothing at the path, an empty file, a FIFO or a device (written directly, nothing is
    /// replaced) always pass. Otherwise the file the output would replace (a link's target) is
    /// refused if it is one of `inputs` (same device and inode), or if `foreign` finds a reason in
    /// its first `headBytes` bytes (e.g. "it holds IDX data, not predictions").
    ///
    /// - Parameters:
    ///   - option: the option that allows it anyway, named in the message (`--overwrite`).
    ///   - foreign: why the existing bytes are not this kind of output, or nil if they are.
    /// - Throws: `FileIOError.refusedToReplace`.
    public static func check(
        _ output: String, inputs: [String], overwrite: Bool, option: String = "--overwrite",
        foreign: ([UInt8]) -> String?
    ) throws(FileIOError) {
        guard !overwrite, case .replace(let file)? = try? OutputTarget(output) else { return }
        var info = stat()
        guard SystemPath.stat(file, &info) == 0, FileType(mode: info.st_mode) == .regular, info.st_size > 0 else {
            return
        }
        for input in inputs {
            var other = stat()
            if SystemPath.stat(input, &other) == 0, other.st_dev == info.st_dev, other.st_ino == info.st_ino {
                let which = input == output ? "" : " (\(input))"
                throw .refusedToReplace(path: output, reason: "it is an input of this command\(which)", option: option)
            }
        }
        guard let head = try? FileReading.head(file, count: headBytes) else { return }
        if let reason = foreign(head) { throw .refusedToReplace(path: output, reason: reason, option: option) }
    }
}
