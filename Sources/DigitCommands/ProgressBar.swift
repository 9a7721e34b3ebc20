import Model

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line live progress bar on stderr, redrawn at most ten times a second; drawn only when
/// stderr is a terminal that can move its cursor (not with `TERM=dumb`; in CI and pipes the
/// summary lines alone are printed). The line is cut to the terminal's width, read at every
/// redraw, so it never wraps.
///
///     epoch 3/10 [##########..........] 430/860 · 52,100 samples/s · loss 0.0812 · ETA 4s
struct ProgressBar {
    /// Whether to draw at all.
    var enabled = Console.stderrIsTerminal && getenv("TERM").map { String(cString: $0) } != "dumb"
    /// When the bar was last drawn, in seconds of `clock` (nil: not yet, so the first update draws).
    private var lastDraw: Double?
    private let clock = Stopwatch()
    private var drawn = false

    /// Redraws the bar unless it was drawn less than 0.1 s ago (or `force`).
    ///
    /// - Parameters:
    ///   - label: what is progressing, e.g. `epoch 3/10`.
    ///   - done, total: units done and in all (batches).
    ///   - rate: samples per second so far.
    ///   - loss: the running mean loss.
    ///   - remaining: estimated seconds to the end.
    mutating func update(
        label: String, done: Int, total: Int, rate: Double, loss: Double, remaining: Double,
        force: Bool = false
    ) {
        guard enabled else { return }
        let now = clock.seconds
        if !force, let lastDraw, now - lastDraw < 0.1 { return }
        lastDraw = now
        let width = 20
        let filled = total > 0 ? min(width, done * width / total) : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let line =
            "\(label) [\(bar)] \(done)/\(total) · \(Format.grouped(rounding: rate)) samples/s"
            + " · loss \(Format.fixed(loss, 4)) · ETA \(Format.duration(remaining))"
        // One column short of the width: writing the last column makes some terminals wrap.
        Console.write("\r\u{1B}[K" + String(line.prefix(max(1, Self.terminalColumns() - 1))))
        drawn = true
    }

    /// Erases the bar so that a summary line can take its place.
    mutating func clear() {
        guard enabled, drawn else { return }
        Console.write("\r\u{1B}[K")
        drawn = false
    }

    /// The width of the terminal on stderr in columns (`TIOCGWINSZ`), else `$COLUMNS`, else 80.
    static func terminalColumns() -> Int {
        var size = winsize()
        if ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = getenv("COLUMNS").flatMap({ Int(String(cString: $0)) }), columns > 0 { return columns }
        return 80
    }
}
