import AttestCore
import AttestSystem
import Foundation

extension ConfigReader {
    static let portalKeys: Set<String> = [
        "url", "nda", "auto_approve", "grant_duration", "notify", "mail_from", "smtp",
        "frameworks", "documents",
    ]

    /// Reads `portal:` of attest.yaml; the references to the rest of the workspace are checked
    /// by ``PortalChecks`` once everything is read.
    mutating func readPortal(_ value: ConfigValue) -> PortalSettings? {
        guard
            let fields = fields(
                value, "portal", allowed: Self.portalKeys, required: ["url", "nda", "mail_from"],
                suggesting: true)
        else { return nil }
        let url = fields["url"].flatMap { portalURL($0) }
        var nda: [String: String] = [:]
        var ndaPositions: [String: SourcePosition] = [:]
        if let files = fields["nda"] {
            if let entries = files.mapping {
                for entry in entries {
                    guard let file = string(entry.value, "the NDA file of '\(entry.key)'"),
                        workspacePath(file, at: entry.value.position)
                    else { continue }
                    nda[entry.key] = file
                    ndaPositions[entry.key] = entry.value.position
                }
            } else {
                error(
                    .schemaWrongType,
                    "expected a mapping of locale to NDA file for portal.nda, found "
                        + files.shapeName, at: files.position)
            }
        }
        var domains: [String] = []
        for item in fields["auto_approve"].flatMap({ sequence($0, "portal.auto_approve") }) ?? [] {
            guard let domain = plainString(item, "an e-mail domain") else { continue }
            if EmailAddress.isDomain(domain) {
                domains.append(domain.lowercased())
            } else {
                error(
                    .schemaInvalidValue,
                    "'\(domain)' is not an e-mail domain (write buyer.example, without '@' or "
                        + "wildcards)", at: item.position)
            }
        }
        var grant = TimeSpan.days(14)
        if let value = fields["grant_duration"],
            let span = timeSpan(value, "portal.grant_duration")
        {
            if span > PortalSettings.longestGrant || span < TimeSpan(seconds: 3_600) {
                error(
                    .schemaInvalidValue,
                    "portal.grant_duration must be between 1h and 366d, not \(span)",
                    at: value.position)
            } else {
                grant = span
            }
        }
        let notify = fields["notify"].flatMap { address($0, "portal.notify") }
        let mailFrom = fields["mail_from"].flatMap { address($0, "portal.mail_from") }
        let smtp = fields["smtp"].flatMap { smtpURL($0) }
        let frameworks = fields["frameworks"].flatMap { strings($0, "portal.frameworks") }?
            .map { FrameworkID($0) }
        let documents = fields["documents"].flatMap { strings($0, "portal.documents") }?
            .map { DocumentID($0) }
        guard let url, let mailFrom, fields["nda"] != nil else { return nil }
        return PortalSettings(
            url: url, nda: nda, autoApproveDomains: domains, grantDuration: grant,
            notify: notify, mailFrom: mailFrom, smtp: smtp, frameworks: frameworks,
            documents: documents, position: value.position, ndaPositions: ndaPositions)
    }

    /// An absolute `https://` (or `http://` for a loopback trial) URL without credentials,
    /// query or fragment; kept without a trailing slash.
    private mutating func portalURL(_ value: ConfigValue) -> String? {
        guard let text = plainString(value, "portal.url") else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
            ["https", "http"].contains(scheme), let host = url.host, !host.isEmpty,
            url.user == nil, url.password == nil, url.query == nil, url.fragment == nil
        else {
            error(
                .schemaInvalidValue,
                "portal.url must be an address such as https://trust.example.com (no user, "
                    + "query or fragment)", at: value.position)
            return nil
        }
        return text.hasSuffix("/") ? String(text.dropLast()) : text
    }

    private mutating func address(_ value: ConfigValue, _ what: String) -> String? {
        guard let text = plainString(value, what) else { return nil }
        guard EmailAddress.isValid(text) else {
            error(
                .schemaInvalidValue, "'\(text)' is not an e-mail address for \(what)",
                at: value.position)
            return nil
        }
        return text
    }

    /// `smtp://host:port`; credentials are refused here (they belong in `ATTEST_SMTP_URL`),
    /// and the finding never repeats them.
    private mutating func smtpURL(_ value: ConfigValue) -> String? {
        guard let text = plainString(value, "portal.smtp") else { return nil }
        guard let url = URL(string: text), url.scheme?.lowercased() == "smtp", url.host != nil
        else {
            error(
                .schemaInvalidValue, "portal.smtp must be an address such as smtp://relay:25",
                at: value.position)
            return nil
        }
        guard url.user == nil, url.password == nil else {
            error(
                .portalSecretInWorkspace,
                "portal.smtp carries credentials; write smtp://host:port here and put the "
                    + "credentials in ATTEST_SMTP_URL where attest serve runs",
                at: value.position)
            return nil
        }
        return text
    }

    private mutating func workspacePath(_ text: String, at position: SourcePosition) -> Bool {
        do throws(ConfinementError) {
            _ = try WorkspaceRoot.path(text)
            return true
        } catch {
            report(Diagnostic(error, at: position))
            return false
        }
    }
}

/// Checks of `portal:` against the rest of the workspace, once everything is read.
public enum PortalChecks {
    /// The largest NDA file read (1 MiB): it is shown in a page and hashed.
    public static let maxNDABytes = 1 << 20

    /// Every locale of the site has an NDA; named documents are nda documents of the library;
    /// named frameworks are in scope.
    public static func references(_ manifest: Manifest) -> [Diagnostic] {
        guard let portal = manifest.portal else { return [] }
        var diagnostics: [Diagnostic] = []
        for locale in manifest.locales where portal.nda[locale] == nil {
            diagnostics.append(
                .error(
                    .portalUnknownReference,
                    "portal.nda has no NDA for locale '\(locale)'; visitors of that page would "
                        + "accept a text in another language", at: portal.position))
        }
        for locale in portal.nda.keys.sorted() where !manifest.locales.contains(locale) {
            diagnostics.append(
                .error(
                    .portalUnknownReference,
                    "portal.nda names locale '\(locale)', which is not one of locales: "
                        + manifest.locales.joined(separator: ", "),
                    at: portal.ndaPositions[locale] ?? portal.position))
        }
        let library = Dictionary(
            manifest.documents.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for id in portal.documents ?? [] {
            guard let document = library[id] else {
                diagnostics.append(
                    .error(
                        .portalUnknownReference,
                        "portal.documents names '\(id)', which is not in documents:",
                        at: portal.position))
                continue
            }
            if document.visibility != .nda {
                diagnostics.append(
                    .error(
                        .portalUnknownReference,
                        "portal.documents names '\(id)', which is \(document.visibility.rawValue)"
                            + "; only nda documents are requested through the portal",
                        at: portal.position))
            }
        }
        let inScope = Set(manifest.frameworks.map(\.id))
        for id in portal.frameworks ?? [] where !inScope.contains(id) {
            diagnostics.append(
                .error(
                    .portalUnknownReference,
                    "portal.frameworks names '\(id)', which is not in frameworks:",
                    at: portal.position))
        }
        return diagnostics
    }

    /// Each NDA file opened through the confinement function: missing, a link out of the
    /// workspace, not a regular file or over ``maxNDABytes`` is an error at its entry.
    public static func onDisk(_ manifest: Manifest, root: URL) -> [Diagnostic] {
        guard let portal = manifest.portal, let workspace = try? WorkspaceRoot(root) else {
            return []
        }
        return portal.nda.keys.sorted().compactMap { locale -> Diagnostic? in
            guard let file = portal.nda[locale] else { return nil }
            do throws(ConfinementError) {
                _ = try workspace.open(WorkspaceRoot.path(file), limit: maxNDABytes)
                return nil
            } catch {
                return Diagnostic(error, at: portal.ndaPositions[locale] ?? portal.position)
            }
        }
    }
}
