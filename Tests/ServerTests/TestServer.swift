import Foundation
import Imaging
import Model
import Server
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A `DigitServer` on a free port of 127.0.0.1 for one test, with a small untrained network
/// (784-16-10, seeded: the same weights every run), and an HTTP client for it (URLSession).
struct TestServer {
    let server: DigitServer
    let port: UInt16
    let network: MLP
    private let task: Task<Void, Never>

    /// Starts the server and waits until it listens.
    static func start(limits: ServerLimits = ServerLimits()) async throws -> TestServer {
        let state = try smallState()
        let server = try DigitServer(
            state: state, path: "test.safetensors", host: "127.0.0.1", port: 0, limits: limits)
        let task = Task { _ = try? await server.run() }
        let port = try #require(await server.listeningPort())
        return TestServer(server: server, port: port, network: state.best, task: task)
    }

    /// Runs `body` with a started server, and stops it afterwards (also when `body` throws).
    static func with(limits: ServerLimits = ServerLimits(), _ body: (TestServer) async throws -> Void) async throws {
        let server = try await start(limits: limits)
        do {
            try await body(server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// A training state whose best network is a seeded 784-16-10 ReLU network.
    static func smallState() throws -> TrainingState {
        var settings = TrainingSettings()
        settings.epochs = 1
        settings.validationCount = 0
        settings.batchSize = 10  // at most the 10 images trained on
        settings.seed = 7
        let examples = Examples(
            images: [UInt8](repeating: 0, count: 10 * 784), labels: (0..<10).map { UInt8($0) })
        return try Trainer(
            architecture: Architecture(hiddenSizes: [16]), settings: settings, examples: examples
        ).state
    }

    /// Stops the server and waits for `run()` to end.
    func stop() async {
        await server.stop(graceSeconds: 2)
        await task.value
    }

    /// The status, Content-Type and body of `method path` with `body`.
    func send(_ method: String, _ path: String, body: [UInt8]? = nil) async throws
        -> (status: Int, contentType: String, body: Data)
    {
        var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)\(path)")))
        request.httpMethod = method
        if let body {
            request.httpBody = Data(body)
            request.setValue("image/png", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        return (http.statusCode, http.value(forHTTPHeaderField: "Content-Type") ?? "", data)
    }

    /// `send`, with the body parsed as a JSON object (and its Content-Type checked).
    func json(_ method: String, _ path: String, body: [UInt8]? = nil) async throws
        -> (status: Int, object: [String: Any])
    {
        let (status, contentType, data) = try await send(method, path, body: body)
        #expect(contentType == "application/json; charset=utf-8", "\(method) \(path)")
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (status, object)
    }
}

/// Pictures drawn in code, as PNG bytes.
enum Pictures {
    /// A 280 × 280 white canvas with a dark stroke from (x0, y0) to (x1, y1), 20 pixels wide.
    static func stroke(x0: Int, y0: Int, x1: Int, y1: Int) throws -> [UInt8] {
        var image = GrayImage(width: 280, height: 280, filledWith: 255)
        let steps = max(abs(x1 - x0), abs(y1 - y0), 1)
        for s in 0...steps {
            let cx = x0 + (x1 - x0) * s / steps
            let cy = y0 + (y1 - y0) * s / steps
            for y in max(0, cy - 10)..<min(280, cy + 10) {
                for x in max(0, cx - 10)..<min(280, cx + 10) { image.pixels[y * 280 + x] = 20 }
            }
        }
        return try image.pngData()
    }

    /// A blank 280 × 280 canvas.
    static func blank() throws -> [UInt8] {
        try GrayImage(width: 280, height: 280, filledWith: 255).pngData()
    }
}
