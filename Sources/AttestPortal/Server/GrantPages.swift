import Foundation
import Hummingbird
import Logging

/// The grant links: `GET /access/<token>` shows what the viewer will receive, and
/// `GET /access/<token>/bundle.zip` delivers their own bundle. A token that is malformed,
/// tampered with or expired, and a grant that is missing, pending, denied, revoked or past its
/// end, each get a clear page and never a file.
struct GrantPages: Sendable {
    let desk: any AccessDesk
    let pages: PortalPages
    let secret: PortalSecret
    let logger: Logger

    static let bundleName = "bundle.zip"

    /// Answers `rest`, the path after `/access/`.
    func respond(rest: Substring, locale: String, now: Date) async throws -> Response {
        let parts = rest.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 1 || (parts.count == 2 && parts[1] == Self.bundleName) else {
            return Reply.page(.notFound, pages.status(.notFound, locale: locale))
        }
        let token: GrantToken
        do {
            token = try GrantToken.verify(String(parts[0]), secret: secret, now: now)
        } catch {
            logger.notice("grant link refused", metadata: ["reason": .string(error.rawValue)])
            return error == .expired
                ? Reply.page(.gone, pages.status(.grantExpired, locale: locale))
                : Reply.page(.notFound, pages.status(.grantInvalid, locale: locale))
        }
        guard let grant = try await desk.grant(id: token.id) else {
            return Reply.page(.notFound, pages.status(.grantInvalid, locale: locale))
        }
        switch grant.status {
        case .pending:
            return Reply.page(.forbidden, pages.status(.grantPending, locale: locale))
        case .denied, .revoked:
            return Reply.page(.gone, pages.status(.grantRevoked, locale: locale))
        case .active:
            guard now < grant.expiresAt else {
                return Reply.page(.gone, pages.status(.grantExpired, locale: locale))
            }
        }
        if parts.count == 2 {
            guard let bundle = try await desk.bundle(for: token.id, at: now) else {
                return Reply.page(.gone, pages.status(.grantRevoked, locale: locale))
            }
            var headers = HTTPFields()
            headers[.contentDisposition] = "attachment; filename=\"attest-bundle.zip\""
            headers[.cacheControl] = "no-store"
            return Reply.bytes(.ok, type: ContentType.zip, bundle, headers: headers)
        }
        let view = GrantView(
            lang: locale, title: pages.label("grant_title", locale), label: pages.labelMap(locale),
            viewerName: grant.viewerName,
            expiresAt: Self.isoDate(grant.expiresAt),
            expiresText: Self.displayDate(grant.expiresAt),
            documents: grant.documents,
            downloadHref: PortalPaths.access + parts[0] + "/" + Self.bundleName)
        return Reply.page(.ok, pages.render("grant", view))
    }

    static func isoDate(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// `2026-12-06 14:10 UTC`, the same in every locale.
    static func displayDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d UTC", parts.year ?? 0, parts.month ?? 0,
            parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0)
    }
}
