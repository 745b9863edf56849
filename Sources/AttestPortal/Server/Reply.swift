import Foundation
import Hummingbird

/// Responses the portal builds: a body with its type, a page, a redirect.
enum Reply {
    static func bytes(
        _ status: HTTPResponse.Status, type: String, _ bytes: some Sequence<UInt8>,
        headers: HTTPFields = [:]
    ) -> Response {
        var fields = headers
        fields[.contentType] = type
        return Response(
            status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// An HTML page that must not be cached: pages of the portal carry tokens or personal data.
    static func page(
        _ status: HTTPResponse.Status, _ html: String, headers: HTTPFields = [:]
    ) -> Response {
        var fields = headers
        fields[.cacheControl] = "no-store"
        return bytes(status, type: ContentType.html, Array(html.utf8), headers: fields)
    }

    /// A redirect to `location`, a path of this site.
    static func redirect(_ status: HTTPResponse.Status, to location: String) -> Response {
        var fields = HTTPFields()
        fields[.location] = location
        return Response(status: status, headers: fields, body: .init())
    }
}
