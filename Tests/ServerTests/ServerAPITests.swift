import Foundation
import Imaging
import Model
import Server
import Testing

/// The API of `digits serve` over real HTTP on loopback.
@Suite("Server API over HTTP", .serialized)
struct ServerAPITests {
    @Test("POST /api/classify answers with the reading of the same preprocessing and network as classify")
    func classifiesAStroke() async throws {
        try await TestServer.with { (server: TestServer) async throws in
            let png = try Pictures.stroke(x0: 140, y0: 40, x1: 140, y1: 240)
            let (status, answer) = try await server.json("POST", "/api/classify", body: png)
            #expect(status == 200)

            // The same input and probabilities as `digits classify` computes for this PNG.
            let expectedInput = try DigitPreprocessor.prepare(pngBytes: png, path: "x", raw: false).pixels
            let expected = try server.network.predict(expectedInput)
            let input = try #require(answer["input"] as? [Int])
            #expect(input == expectedInput.map(Int.init))
            let probabilities = try #require(answer["probabilities"] as? [Double])
            #expect(probabilities.count == 10)
            for (p, q) in zip(probabilities, expected) { #expect(abs(p - Double(q)) < 1e-6) }
            let best = expected.indices.max { expected[$0] < expected[$1] }
            #expect(answer["digit"] as? Int == best)
            #expect(abs((answer["confidence"] as? Double ?? -1) - Double(expected[best ?? 0])) < 1e-6)
        }
    }

    @Test("a blank canvas is an answer: digit null, reason, and the all-zero input")
    func blankImage() async throws {
        try await TestServer.with { (server: TestServer) async throws in
            let (status, answer) = try await server.json("POST", "/api/classify", body: try Pictures.blank())
            #expect(status == 200)
            #expect(answer["digit"] is NSNull)
            #expect(answer["reason"] as? String == "blank image")
            #expect(answer["input"] as? [Int] == [Int](repeating: 0, count: 784))
            #expect(answer["probabilities"] == nil)
        }
    }

    @Test("a body that is not a PNG, or a truncated one, is 400 with an error naming what is wrong")
    func undecodable() async throws {
        try await TestServer.with { (server: TestServer) async throws in
            let png = try Pictures.stroke(x0: 60, y0: 60, x1: 200, y1: 200)
            for (body, words) in [
                (Array("hello, world".utf8), "not a PNG"), (Array(png.prefix(png.count / 2)), "PNG"), ([], "not a PNG"),
            ] {
                let (status, answer) = try await server.json("POST", "/api/classify", body: body)
                #expect(status == 400)
                let message = try #require(answer["error"] as? String)
                #expect(message.contains(words), "\(message)")
            }
            // And the server still reads the next good picture.
            #expect(try await server.json("POST", "/api/classify", body: png).status == 200)
        }
    }

    @Test("GET /api/model says what `digits info` says of the checkpoint")
    func modelFacts() async throws {
        try await TestServer.with { (server: TestServer) async throws in
            let (status, facts) = try await server.json("GET", "/api/model")
            #expect(status == 200)
            #expect(facts["checkpoint"] as? String == "test.safetensors")
            #expect(facts["architecture"] as? String == "784-16-10")
            #expect(facts["activation"] as? String == "relu")
            #expect(facts["parameters"] as? Int == 784 * 16 + 16 + 16 * 10 + 10)
            #expect(facts["validation_accuracy"] is NSNull)
            let rows = try #require(facts["facts"] as? [[String: String]])
            #expect(rows.contains { $0["name"] == "layer sizes" && $0["value"] == "784-16-10" })
            #expect(rows.contains { $0["name"] == "seed" && $0["value"] == "7" })
        }
    }

    @Test("unknown paths are 404, other methods 405, both JSON")
    func notFoundAndNotAllowed() async throws {
        try await TestServer.with { (server: TestServer) async throws in
            #expect(try await server.json("GET", "/nothing/here").status == 404)
            #expect(try await server.json("GET", "/api/classify").status == 405)
            #expect(try await server.json("DELETE", "/api/model").status == 405)
            #expect(try await server.json("PUT", "/", body: [1]).status == 405)
        }
    }

    @Test("a body over the limit is 413, declared or not")
    func tooLarge() async throws {
        var limits = ServerLimits()
        limits.maximumBodyBytes = 4096
        try await TestServer.with(limits: limits) { (server: TestServer) async throws in
            let (status, answer) = try await server.json(
                "POST", "/api/classify", body: [UInt8](repeating: 7, count: 5000))
            #expect(status == 413)
            #expect((answer["error"] as? String)?.contains("4,096 bytes") == true)
            #expect(try await server.json("POST", "/api/classify", body: try Pictures.blank()).status == 200)
        }
    }

    @Test("GET / is the self-contained page with the elements the browser tests use")
    func page() async throws {
        try await TestServer.with { (server: TestServer) async throws in
            let (status, contentType, data) = try await server.send("GET", "/")
            #expect(status == 200)
            #expect(contentType == "text/html; charset=utf-8")
            let html = try #require(String(data: data, encoding: .utf8))
            for id in ["pad", "prediction", "probabilities", "seen", "clear", "model"] {
                #expect(html.contains("id=\"\(id)\""), "no element \(id)")
            }
            // Nothing from elsewhere: no absolute URL in a src, href, url() or fetch.
            for pattern in ["src=\"http", "href=\"http", "url(http", "fetch(\"http", "//cdn", "@import"] {
                #expect(!html.contains(pattern), "the page refers to \(pattern)")
            }
        }
    }

    @Test("a port in use and a host that is no address are one-line errors naming the option")
    func listeningErrors() async throws {
        try await TestServer.with { (first: TestServer) async throws in
            let state = try TestServer.smallState()
            let second = try DigitServer(state: state, path: "m", host: "127.0.0.1", port: first.port)
            await #expect(throws: ServerError.portInUse(host: "127.0.0.1", port: Int(first.port))) {
                try await second.run()
            }
            #expect(ServerError.portInUse(host: "127.0.0.1", port: 8080).description.hasPrefix("--port 8080: "))
            #expect(throws: ServerError.badHost("example.org")) {
                _ = try DigitServer(state: state, path: "m", host: "example.org", port: 0)
            }
        }
    }

    @Test("stop() lets the request in flight finish, then run() returns")
    func stopsCleanly() async throws {
        let server = try await TestServer.start()
        let png = try Pictures.stroke(x0: 140, y0: 40, x1: 140, y1: 240)
        async let answer = server.json("POST", "/api/classify", body: png)
        #expect(try await answer.status == 200)
        await server.stop()
        await #expect(throws: (any Error).self) { _ = try await server.send("GET", "/api/model") }
    }
}
