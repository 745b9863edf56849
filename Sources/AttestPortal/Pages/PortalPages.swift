import AttestTemplates
import Foundation
import Mustache

/// The portal's own pages: the bundled Mustache templates of `templates/portal`, filled with the
/// `portal_*` labels of the visitor's locale. Every value is HTML-escaped by `{{ }}`; the
/// templates use no triple braces.
struct PortalPages: Sendable {
    /// The templates the portal renders; `head` and `foot` are partials of the others.
    static let names = ["head", "foot", "status", "request", "agreement", "grant"]
    /// Bundled text; a larger template file is refused.
    static let maxTemplateBytes = 256 * 1024

    private let library: MustacheLibrary
    let labels: [String: [String: String]]
    /// The stylesheet of the portal pages, served at ``stylesheetPath``.
    let stylesheet: [UInt8]
    static let stylesheetPath = "/_portal/portal.css"

    /// Loads the templates from `folder` (the bundled `portal/` folder by default).
    ///
    /// - Throws: `PortalError` (`portal.invalid-template`) for a missing or invalid template.
    init(
        labels: [String: [String: String]],
        folder: URL? = BuiltinTemplates.rootURL?.appendingPathComponent("portal")
    ) throws(PortalError) {
        guard let folder else {
            throw PortalError(
                .invalidTemplate, "portal", "the bundled portal templates are missing")
        }
        var library = MustacheLibrary()
        for name in Self.names {
            let text = try Self.text(folder.appendingPathComponent("\(name).mustache"))
            do { try library.register(text, named: name) } catch {
                throw PortalError(.invalidTemplate, name, "portal template \(name): \(error)")
            }
        }
        self.library = library
        self.labels = labels
        stylesheet = Array(try Self.text(folder.appendingPathComponent("portal.css")).utf8)
    }

    /// The label `key` (without its `portal_` prefix) in `locale`, else in English, else the
    /// key itself, so a missing label shows rather than breaking the page.
    func label(_ key: String, _ locale: String) -> String {
        let full = "portal_" + key
        return labels[locale]?[full] ?? labels["en"]?[full] ?? full
    }

    /// All `portal_*` labels of `locale` (English filling the gaps), for `{{label.…}}`.
    func labelMap(_ locale: String) -> [String: String] {
        var map = labels["en"]?.filter { $0.key.hasPrefix("portal_") } ?? [:]
        for (key, value) in labels[locale] ?? [:] where key.hasPrefix("portal_") {
            map[key] = value
        }
        return map
    }

    /// `template` rendered with `view`; an empty string if the template is unknown (never: the
    /// names are checked when loading).
    func render(_ template: String, _ view: Any) -> String {
        library.render(view, withTemplate: template) ?? ""
    }

    /// A page that says one thing: an error, an expired link, "check your e-mail".
    func status(_ page: StatusPage, locale: String) -> String {
        let shown = locale.isEmpty ? "en" : locale
        return render(
            "status",
            StatusView(
                lang: shown, title: label(page.rawValue + "_title", shown),
                text: label(page.rawValue + "_text", shown),
                home: StatusView.Home(
                    href: locale.isEmpty ? "/" : "/\(locale)/", label: label("home", shown))))
    }

    private static func text(_ url: URL) throws(PortalError) -> String {
        guard let data = try? Data(contentsOf: url), data.count <= maxTemplateBytes,
            let text = String(data: data, encoding: .utf8)
        else {
            throw PortalError(
                .invalidTemplate, url.lastPathComponent,
                "the bundled portal file \(url.lastPathComponent) is missing or unreadable")
        }
        return text
    }
}

/// The pages that only say one thing, by the label prefix of their title and text.
enum StatusPage: String, Sendable {
    case notFound = "not_found"
    case methodNotAllowed = "method_not_allowed"
    case badRequest = "bad_request"
    case tooLarge = "too_large"
    case forbidden = "forbidden"
    case rateLimited = "rate_limited"
    case serverError = "server_error"
    case sent = "sent"
    case grantInvalid = "grant_invalid"
    case grantExpired = "grant_expired"
    case grantRevoked = "grant_revoked"
    case grantPending = "grant_pending"
}

/// The view of `status.mustache`.
struct StatusView {
    struct Home {
        var href: String
        var label: String
    }
    var lang: String
    var title: String
    var text: String
    var home: Home?
}
