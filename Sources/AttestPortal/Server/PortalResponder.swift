import Foundation
import Hummingbird
import Logging

/// Answers every request: the portal's own paths first, then the files of the built site; adds
/// the security headers and logs one redacted line, whatever the outcome.
struct PortalResponder: HTTPResponder {
    typealias Context = PortalContext

    let configuration: PortalConfiguration
    let site: SiteFiles
    let pages: PortalPages
    let health: HealthCheck
    let logger: Logger

    func respond(to request: Request, context: PortalContext) async throws -> Response {
        let client = ClientAddress.of(
            request, peer: context.peer, trustProxy: configuration.trustProxy)
        var response: Response
        do {
            response = try await route(request, client: client, now: Date())
        } catch {
            logger.error(
                "request failed", metadata: ["error": .string(String(describing: type(of: error)))])
            response = Reply.page(.internalServerError, pages.status(.serverError, locale: ""))
        }
        SecurityHeaders.apply(
            to: &response.headers,
            secure: ClientAddress.isSecure(
                request, behindTLS: configuration.behindTLS, trustProxy: configuration.trustProxy))
        RequestLog.record(
            logger, method: request.method.rawValue, path: request.uri.path,
            status: response.status.code, client: client)
        return request.method == .head ? response.createHeadResponse() : response
    }

    private func route(_ request: Request, client: String, now: Date) async throws -> Response {
        let path = request.uri.path
        let method = request.method
        guard method == .get || method == .head || method == .post else {
            return notAllowed(allow: "GET, HEAD, POST")
        }
        if path == PortalPaths.health {
            guard method != .post else { return notAllowed(allow: "GET, HEAD") }
            return await health.response()
        }
        if path == PortalPaths.stylesheet {
            guard method != .post else { return notAllowed(allow: "GET, HEAD") }
            return Reply.bytes(.ok, type: ContentType.of(fileNamed: "portal.css"), pages.stylesheet)
        }
        guard method != .post else { return notAllowed(allow: "GET, HEAD") }
        return staticFile(path)
    }

    private func staticFile(_ path: String) -> Response {
        guard let sitePath = SitePath(requestPath: path) else { return notFound() }
        switch site.lookup(sitePath) {
        case .file(let name, let data):
            return Reply.bytes(.ok, type: ContentType.of(fileNamed: name), data)
        case .folderWithoutSlash:
            return Reply.redirect(.movedPermanently, to: path + "/")
        case .notFound:
            return notFound()
        }
    }

    private func notFound() -> Response {
        Reply.page(.notFound, pages.status(.notFound, locale: ""))
    }

    private func notAllowed(allow: String) -> Response {
        var headers = HTTPFields()
        headers[.allow] = allow
        return Reply.page(
            .methodNotAllowed, pages.status(.methodNotAllowed, locale: ""), headers: headers)
    }
}
