import FlyingFox
import FlyingSocks
import Foundation

/// A response body that ends the connection once it has been sent in full.
///
/// FlyingFox keeps a connection open as long as the client asks for keep-alive, and offers a
/// handler no way to close it. After a refusal whose request body is left unread (too large,
/// not received in time), the unread bytes would be parsed as the next request. A body whose
/// iteration fails after its last byte makes FlyingFox drop the connection instead: the client
/// has the whole response (its `Content-Length` is exact), then the socket is closed.
struct ClosingBody: AsyncBufferedSequence {
    typealias Element = UInt8

    /// The bytes of the body.
    var bytes: [UInt8]

    func makeAsyncIterator() -> Iterator { Iterator(bytes: bytes) }

    /// Yields `bytes` in the chunks asked for, then fails.
    struct Iterator: AsyncBufferedIteratorProtocol {
        var bytes: [UInt8]
        var offset = 0

        mutating func next() async throws -> UInt8? {
            guard let chunk = try await nextBuffer(suggested: 1) else { return nil }
            return chunk.first
        }

        mutating func nextBuffer(suggested count: Int) async throws -> ArraySlice<UInt8>? {
            guard offset < bytes.count else { throw ConnectionClosing() }
            let end = Swift.min(bytes.count, offset + Swift.max(1, count))
            defer { offset = end }
            return bytes[offset..<end]
        }
    }

    /// The end of a `ClosingBody`: not a failure, the signal to close the connection.
    struct ConnectionClosing: Error {}
}
