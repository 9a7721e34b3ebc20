import FlyingFox
import Foundation
import Imaging
import Presentation

/// The routes of `digits serve`, every answer JSON but the page itself:
///
/// | route | answer |
/// |---|---|
/// | `GET /` | the drawing page (`DrawingPage.html`) |
/// | `POST /api/classify` (a PNG body) | 200 with the reading; 400 not a PNG; 413 body over `limits.maximumBodyBytes` |
/// | `GET /api/model` | 200 with the checkpoint's facts (`modelFactsJSON`) |
/// | another method on these paths | 405 with `Allow` |
/// | any other path | 404 |
struct DigitAPI: HTTPHandler {
    /// The network that reads the pictures.
    var reader: DigitReader
    /// Where the readings wait their turn, in order of arrival.
    var line: ClassificationLine
    /// The `GET /api/model` answer, made once when the server starts.
    var modelFacts: JSON
    /// Request size limits.
    var limits: ServerLimits
    /// The requests being answered, for a stop to wait for.
    var inFlight: RequestsInFlight
    /// What each connection may send; told of the bodies the handler reads.
    var budget: ConnectionBudget

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        await inFlight.track { await answer(request) }
    }

    /// The response to `request`.
    private func answer(_ request: HTTPRequest) async -> HTTPResponse {
        switch request.path {
        case "/", "/index.html":
            guard request.method == .GET || request.method == .HEAD else { return notAllowed("GET") }
            return HTTPResponse(
                statusCode: .ok,
                headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                body: Data(DrawingPage.html.utf8))
        case "/api/classify":
            guard request.method == .POST else { return notAllowed("POST") }
            return await classify(request)
        case "/api/model":
            guard request.method == .GET || request.method == .HEAD else { return notAllowed("GET") }
            return JSONResponse.make(.ok, modelFacts)
        default:
            return JSONResponse.error(
                .notFound, "no such path: \(request.path) (the API is GET /, POST /api/classify, GET /api/model)")
        }
    }

    /// `POST /api/classify`: the body read up to the size limit, then read as a digit (and its
    /// answer written) in its turn on the classification line.
    private func classify(_ request: HTTPRequest) async -> HTTPResponse {
        let limit = limits.maximumBodyBytes
        let tooLarge = "the request body is larger than the limit of \(Format.grouped(limit)) bytes"
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            // Refused before reading: the unread body must not be taken for the next request.
            return JSONResponse.error(.payloadTooLarge, tooLarge, closing: true)
        }
        let declared = request.headers[.contentLength].flatMap { Int($0) }
        let framed = limit.addingReportingOverflow(limit / 8)  // a chunked body's framing
        budget.expectBody(
            from: request.remoteAddress, bytes: declared ?? (framed.overflow ? Int.max : framed.partialValue))
        var body: [UInt8] = []
        do {
            for try await chunk in request.bodySequence {
                guard body.count + chunk.count <= limit else {
                    return JSONResponse.error(.payloadTooLarge, tooLarge, closing: true)
                }
                body.append(contentsOf: chunk)
            }
        } catch {
            return JSONResponse.error(
                .requestTimeout, "the request body was not received in full", closing: true)
        }
        let reader = reader
        return await line.run { [body] in
            do throws(ImageError) {
                return JSONResponse.reading(try reader.read(pngBytes: body))
            } catch {
                return JSONResponse.error(.badRequest, error.description)
            }
        }
    }

    /// 405 with the method the path takes.
    private func notAllowed(_ allowed: String) -> HTTPResponse {
        JSONResponse.error(
            .methodNotAllowed, "this path takes \(allowed) only", headers: [HTTPHeader("Allow"): allowed])
    }
}
