import AttestCore
import AttestPortal
import AttestStore
import Foundation

/// The portal's e-mails: the grant link to the viewer, an acknowledgement of a pending
/// request, and the notice to the operator. Texts come from the locale files
/// (`portal_mail_*`); values typed by visitors go in bodies only, never in a header but the
/// recipient's checked address.
struct PortalMail: Sendable {
    let portal: PortalSettings
    /// `portal_*` labels per locale.
    let labels: [String: [String: String]]
    /// Nil when no SMTP relay is configured: nothing is sent, and `attest access approve
    /// --print-link` gives the operator the link instead.
    let sender: MailSender?
    let clock: @Sendable () -> Date

    /// The link that opens grant `request` until it expires.
    static func link(
        _ request: AccessRequest, portal: PortalSettings, secret: PortalSecret
    ) -> String? {
        guard let id = AccessRequestID(request.id), let expiresAt = request.expiresAt else {
            return nil
        }
        return portal.url + "/access/"
            + GrantToken(id: id, expiresAt: expiresAt).encoded(
                with: secret)
    }

    /// The label `portal_mail_KEY` of `locale` (else English) with each `{name}` replaced by
    /// its value in one pass: a value holding `{link}` (a visitor's name) stays as typed.
    func text(_ key: String, _ locale: String, _ values: [String: String] = [:]) -> String {
        let template =
            labels[locale]?["portal_mail_" + key] ?? labels["en"]?["portal_mail_" + key] ?? key
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"),
                let value = values[String(rest[afterOpen..<close])]
            {
                result += value
                rest = rest[rest.index(after: close)...]
            } else {
                result += "{"
                rest = rest[afterOpen...]
            }
        }
        return result + rest
    }

    func sendGrant(_ request: AccessRequest, secret: PortalSecret) async throws {
        guard let link = Self.link(request, portal: portal, secret: secret) else { return }
        let until = request.expiresAt.map(Timestamp.formatDay) ?? ""
        try await send(
            to: request.email, name: request.name,
            subject: text("grant_subject", request.locale),
            body: text(
                "grant_body", request.locale,
                ["name": request.name, "link": link, "until": until, "request": request.id]))
    }

    func sendReceived(_ request: AccessRequest) async throws {
        try await send(
            to: request.email, name: request.name,
            subject: text("received_subject", request.locale),
            body: text(
                "received_body", request.locale, ["name": request.name, "request": request.id]))
        guard let notify = portal.notify else { return }
        try await send(
            to: notify, name: nil, subject: text("notice_subject", "en", ["request": request.id]),
            body: text(
                "notice_body", "en",
                [
                    "request": request.id, "name": request.name, "email": request.email,
                    "company": request.company, "reason": request.reason,
                    "documents": request.documents.isEmpty
                        ? "—" : request.documents.joined(separator: ", "),
                ]))
    }

    private func send(to address: String, name: String?, subject: String, body: String) async throws
    {
        guard let sender else { return }
        let domain = portal.mailFrom.split(separator: "@").last.map(String.init) ?? "attest.invalid"
        let message = try MailMessage(
            from: MailMessage.Mailbox(portal.mailFrom),
            to: [MailMessage.Mailbox(address, name: name)], subject: subject, body: body,
            date: clock(), messageIDDomain: domain)
        try await sender.send(message)
    }
}

/// Runs blocking work (the store, bundle making) on Dispatch's global threads and awaits it,
/// so the server's cooperative threads are never blocked; Dispatch reuses its threads, where a
/// thread per call cost more than the health check itself.
enum OffPool {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let result: Result<T, any Error> = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: Result { try work() })
            }
        }
        return try result.get()
    }
}
