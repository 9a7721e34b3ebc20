import Foundation
import Testing

/// The live progress bar on a real terminal (a pseudo-terminal made by `script`): cut to the
/// terminal's width so it never wraps, and not drawn at all for `TERM=dumb`.
@Suite(
    .enabled(
        if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script(1) for a pseudo-terminal"))
struct TerminalTests {
    /// What `digits train …` writes on a 40-column terminal with `TERM=term`.
    static func trainOnATerminal(term: String) throws -> String {
        let executable = try #require(DigitsProcess.executable)
        let data = try Fixtures.tinyDataSet.get()
        let scratch = try ScratchDirectory("tty")
        let output = scratch.file("typescript")
        let command =
            "stty cols 40; TERM=\(term) '\(executable)' train --data '\(data)' --model '\(scratch.file("m"))'"
            + " --hidden 8 --epochs 2 --batch-size 4 --validation 20"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qefc", command, output]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: try Scratch.read(output), as: UTF8.self)
    }

    @Test func barFitsTheTerminalWidth() throws {
        let text = try Self.trainOnATerminal(term: "xterm")
        // Each redraw starts with "\r ESC[K"; the bar's own text runs to the next redraw or line
        // end (after the last one the erased line takes a summary line, which may be longer).
        let bars = text.components(separatedBy: "\r\u{1B}[K").dropFirst()
            .map { $0.prefix { $0 != "\r" && $0 != "\n" } }
            .filter { $0.hasPrefix("epoch ") && $0.contains(" [") }
        #expect(!bars.isEmpty, "no bar drawn: \(text)")
        for bar in bars {
            #expect(bar.count <= 39, "\(bar.count) columns: \(bar)")
        }
    }

    @Test func noBarForADumbTerminal() throws {
        let text = try Self.trainOnATerminal(term: "dumb")
        #expect(!text.contains("\u{1B}[K"), "\(text)")
        #expect(text.contains("epoch 2/2"), "\(text)")
    }
}
