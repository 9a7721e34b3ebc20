import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one run of the `digits` executable did.
struct DigitsRun: CustomStringConvertible {
    /// The exit status, or nil if a signal ended the process.
    var exitCode: Int32?
    /// The signal that ended the process, or nil if it exited.
    var signal: Int32?
    var stdout: String
    var stderr: String

    /// The non-empty lines of stdout.
    var outputLines: [String] { stdout.split(separator: "\n").map(String.init) }
    /// The non-empty lines of stderr.
    var errorLines: [String] { stderr.split(separator: "\n").map(String.init) }

    var description: String {
        let ending = exitCode.map { "exit \($0)" } ?? "signal \(signal ?? 0)"
        return "\(ending)\n--- stdout\n\(stdout.prefix(3000))\n--- stderr\n\(stderr.prefix(3000))"
    }
}

/// Runs the built `digits` executable as a subprocess, stdout and stderr going to files (so that
/// neither is a terminal and no pipe can fill up).
///
/// The executable is `$DIGITS_BIN` if set, else `digits` beside the test bundle
/// (`.build/<triple>/debug/digits`, built by `swift build --build-tests`).
enum DigitsProcess {
    /// The path of the `digits` executable, or nil if it cannot be found.
    static let executable: String? = {
        if let path = ProcessInfo.processInfo.environment["DIGITS_BIN"] { return path }
        var directories: [URL] = []
        directories += Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        directories.append(Bundle.main.bundleURL)
        directories.append(Bundle.main.bundleURL.deletingLastPathComponent())
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            directories.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        directories.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        return directories.map { $0.appendingPathComponent("digits").path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Runs `digits arguments…` to the end (killing it after `timeout` seconds).
    ///
    /// - Parameters:
    ///   - fileSizeLimit: if set, runs it under `ulimit -f` with this many 512-byte blocks.
    ///   - stdout: where its stdout goes (default: a file read back into `DigitsRun.stdout`).
    static func run(
        _ arguments: [String], fileSizeLimit: Int? = nil, stdout: StandardOutput = .captured,
        timeout: Double = 60, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> DigitsRun {
        let process = try start(arguments, fileSizeLimit: fileSizeLimit, stdout: stdout)
        return process.wait(timeout: timeout, sourceLocation: sourceLocation)
    }

    /// Starts `digits arguments…` and returns at once.
    static func start(
        _ arguments: [String], fileSizeLimit: Int? = nil, stdout: StandardOutput = .captured
    ) throws -> RunningDigits {
        let executable = try #require(
            executable, "no `digits` executable beside the tests: run `swift build --build-tests`, or set DIGITS_BIN")
        return try RunningDigits(
            executable: executable, arguments: arguments, fileSizeLimit: fileSizeLimit, stdout: stdout)
    }
}

/// Where a `digits` process's stdout goes.
enum StandardOutput {
    /// A file, read back into `DigitsRun.stdout`.
    case captured
    /// The file at this path (e.g. `/dev/full`), opened for writing.
    case file(String)
    /// Closed (`>&-` in a shell).
    case closed
}

/// A `digits` process that is still running (or was): send it signals, watch its stderr, wait.
final class RunningDigits {
    let process = Process()
    private let directory: String
    private let stdoutPath: String
    private let stderrPath: String

    fileprivate init(executable: String, arguments: [String], fileSizeLimit: Int?, stdout: StandardOutput) throws {
        directory = try Scratch.makeDirectory(prefix: "run")
        stdoutPath = directory + "/stdout"
        stderrPath = directory + "/stderr"
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        if let blocks = fileSizeLimit {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -f \(blocks) && exec \"$0\" \"$@\"", executable] + arguments
        } else if case .closed = stdout {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "exec \"$0\" \"$@\" >&-", executable] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        }
        process.standardInput = FileHandle.nullDevice
        if case .file(let path) = stdout {
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        } else {
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        }
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        // Foundation's Process (Linux) gives the child the signal mask of the calling thread,
        // and test threads block SIGINT and most others: start it from an unblocked mask, as a
        // shell would, so that SIGINT reaches it.
        var unblocked = sigset_t(), previous = sigset_t()
        sigemptyset(&unblocked)
        pthread_sigmask(SIG_SETMASK, &unblocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The process id.
    var pid: Int32 { process.processIdentifier }

    /// What the process has written to stderr so far.
    var stderrSoFar: String {
        (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
    }

    /// Sends `signal` to the process.
    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits until stderr contains `text` (true), or the process ends or `timeout` seconds pass
    /// (false).
    func waitForStderr(containing text: String, timeout: Double = 30) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if stderrSoFar.contains(text) { return true }
            if !process.isRunning { return stderrSoFar.contains(text) }
            usleep(2_000)
        }
        return false
    }

    /// Waits for the end of the process (killing it, and recording an issue, after `timeout`
    /// seconds) and returns what it did.
    func wait(timeout: Double = 60, sourceLocation: SourceLocation = #_sourceLocation) -> DigitsRun {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(2_000) }
        if process.isRunning {
            Issue.record(
                "digits \(process.arguments ?? []) still running after \(timeout) s: killed",
                sourceLocation: sourceLocation)
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        let signalled = process.terminationReason == .uncaughtSignal
        return DigitsRun(
            exitCode: signalled ? nil : process.terminationStatus,
            signal: signalled ? process.terminationStatus : nil,
            stdout: (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "",
            stderr: stderrSoFar)
    }
}
