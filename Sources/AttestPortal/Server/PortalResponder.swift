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
    /// The request flow and grant links, present when the portal has an access desk.
    let flow: RequestFlow?
    let grants: GrantPages?
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
        if flow != nil, path == "/" + PortalPaths.requestPage {
            // The site's link (`portal.url/request`) names no language: the visitor's own,
            // when the portal has it, else English.
            guard method != .post else { return notAllowed(allow: "GET, HEAD") }
            let preferred = preferredLocale(request)
            let locale =
                configuration.content.locales.contains(preferred)
                ? preferred : configuration.content.locales.first ?? "en"
            return Reply.redirect(.seeOther, to: "/\(locale)/" + PortalPaths.requestPage)
        }
        if let flow, let locale = requestLocale(path) {
            let visit = self.visit(request, locale: locale, client: client, now: now)
            guard method == .post else { return flow.show(visit) }
            guard Self.isForm(request) else {
                return Reply.page(.badRequest, pages.status(.badRequest, locale: locale))
            }
            switch try await BodyReader.read(request, limit: configuration.limits.maxBodyBytes) {
            case .tooLarge:
                var headers = HTTPFields()
                headers[.connection] = "close"
                return Reply.page(
                    .contentTooLarge, pages.status(.tooLarge, locale: locale), headers: headers)
            case .bytes(let body):
                return try await flow.post(visit, body: body)
            }
        }
        if let grants, path.hasPrefix(PortalPaths.access) {
            guard method != .post else { return notAllowed(allow: "GET, HEAD") }
            return try await grants.respond(
                rest: path.dropFirst(PortalPaths.access.count),
                locale: preferredLocale(request), now: now)
        }
        guard method != .post else { return notAllowed(allow: "GET, HEAD") }
        return staticFile(path)
    }

    /// The locale of `/<locale>/request`, if the portal offers it.
    private func requestLocale(_ path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].isEmpty, parts[2] == PortalPaths.requestPage else {
            return nil
        }
        let locale = String(parts[1])
        return configuration.content.locales.contains(locale) ? locale : nil
    }

    /// The first locale of `Accept-Language` the portal has labels for, else English.
    private func preferredLocale(_ request: Request) -> String {
        let offered = configuration.content.labels.keys
        for part in (request.headers[.acceptLanguage] ?? "").prefix(256).split(separator: ",") {
            let tag = part.split(separator: ";").first?.trimmingCharacters(in: .whitespaces) ?? ""
            let language = String(tag.prefix(while: { $0 != "-" })).lowercased()
            if offered.contains(language) { return language }
        }
        return "en"
    }

    private func visit(
        _ request: Request, locale: String, client: String, now: Date
    ) -> RequestFlow.Visit {
        let secure = ClientAddress.isSecure(
            request, behindTLS: configuration.behindTLS, trustProxy: configuration.trustProxy)
        let agent = (request.headers[.userAgent] ?? "").unicodeScalars.prefix(512)
            .filter { !RequestDetails.isControl($0) }
        return RequestFlow.Visit(
            locale: locale, client: client, secure: secure,
            cookie: RequestCookies.value(
                CSRFGuard.cookieName(secure: secure), in: request.headers[.cookie]),
            userAgent: String(String.UnicodeScalarView(agent)), now: now)
    }

    private static func isForm(_ request: Request) -> Bool {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        return type.split(separator: ";").first?.trimmingCharacters(in: .whitespaces)
            == "application/x-www-form-urlencoded"
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
