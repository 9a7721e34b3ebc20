import FlyingFox
import Foundation
import Presentation

/// JSON responses, the only kind the API sends: `Content-Type: application/json`, the body one
/// line of compact JSON written by `Presentation.JSON`.
enum JSONResponse {
    /// A response with `status` and `body`; `closing` ends the connection after it is sent
    /// (see `ClosingBody`).
    static func make(
        _ status: HTTPStatusCode, _ body: JSON, closing: Bool = false,
        headers extra: [HTTPHeader: String] = [:]
    ) -> HTTPResponse {
        var bytes = body.utf8
        bytes.append(UInt8(ascii: "\n"))
        var headers: [HTTPHeader: String] = [
            .contentType: "application/json; charset=utf-8",
            .cacheControl: "no-store",
        ]
        headers.merge(extra) { _, new in new }
        if closing {
            headers[.connection] = "close"
            return HTTPResponse(
                statusCode: status, headers: HTTPHeaders(headers),
                body: HTTPBodySequence(from: ClosingBody(bytes: bytes), count: bytes.count))
        }
        return HTTPResponse(statusCode: status, headers: HTTPHeaders(headers), body: Data(bytes))
    }

    /// `{"error": message}` with `status`.
    static func error(
        _ status: HTTPStatusCode, _ message: String, closing: Bool = false,
        headers: [HTTPHeader: String] = [:]
    ) -> HTTPResponse {
        make(status, .object([("error", .string(message))]), closing: closing, headers: headers)
    }

    /// The answer for one picture, with the same keys as `digits classify --json`:
    /// `{"digit": 3, "confidence": …, "probabilities": [10], "input": [784]}`, or
    /// `{"digit": null, "reason": "blank image", "input": [784]}`.
    static func reading(_ reading: DigitReading) -> HTTPResponse {
        switch reading {
        case .digit(let digit, let confidence, let probabilities, let input):
            return make(
                .ok,
                .object([
                    ("digit", .integer(digit)),
                    ("confidence", .number(Double(confidence))),
                    ("probabilities", .array(probabilities.map { .number(Double($0)) })),
                    ("input", .array(input.map { .integer(Int($0)) })),
                ]))
        case .noDigit(let reason, let input):
            return make(
                .ok,
                .object([
                    ("digit", .null), ("reason", .string(reason.code)),
                    ("input", .array(input.map { .integer(Int($0)) })),
                ]))
        }
    }
}
