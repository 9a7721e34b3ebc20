import ArgumentParser
import Model
import Server

/// `digits serve`: a page to draw a digit on, and the network reading it as you draw.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve a page to draw a digit on and watch the network read it.",
        discussion: """
            Loads the checkpoint once and serves, over HTTP: GET / the drawing page; POST \
            /api/classify a PNG image (at most 8 MiB), answered with the digit, its probability, \
            the ten probabilities and the 28×28 image the network saw, as JSON (the same \
            reading as `digits classify`); GET /api/model the checkpoint's facts as JSON. \
            Serves until Ctrl-C or SIGTERM, then finishes the requests in flight and exits 0.

            It listens on loopback only unless told otherwise. --host 0.0.0.0 opens the page \
            to other machines of your network, without authentication or encryption: only on \
            a network you trust.

            Examples:
              digits serve                          then open http://127.0.0.1:8080
              digits serve --port 9000 --model models/small.safetensors
              digits serve --host 0.0.0.0           open it from your phone (same network)
            """)

    @OptionGroup var model: ModelFileOption

    @Option(
        help: ArgumentHelp(
            "The address to listen on: 127.0.0.1 (this machine only), 0.0.0.0 (every network), or another IP address.",
            valueName: "address"))
    var host = "127.0.0.1"

    @Option(
        parsing: .unconditional, help: ArgumentHelp("The TCP port to listen on (0: any free port).", valueName: "port"))
    var port = 8080

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Seconds a connection may sit idle, or stall halfway through a request, before it is closed.",
            valueName: "seconds"))
    var idleTimeout = ServerLimits().idleTimeoutSeconds

    func validate() throws {
        guard (0...65_535).contains(port) else {
            throw ValidationError("--port must be from 0 to 65535, found \(port)")
        }
        guard idleTimeout > 0, idleTimeout <= 3600 else {
            throw ValidationError("--idle-timeout must be more than 0 and at most 3600 seconds, found \(idleTimeout)")
        }
    }

    func run() throws {
        let state = try Checkpoint.load(from: model.path).state
        var limits = ServerLimits()
        limits.idleTimeoutSeconds = idleTimeout
        let server = try DigitServer(state: state, path: model.path, host: host, port: UInt16(port), limits: limits)
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let path = model.path
        try server.serveUntilSignalled { listening in
            Console.note("serving \(path) at http://\(shownHost):\(listening)")
        }
    }
}
