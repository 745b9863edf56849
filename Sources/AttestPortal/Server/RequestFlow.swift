import Crypto
import Foundation
import Hummingbird
import Logging

/// The access-request pages under `/<locale>/request`: the form (GET), then two POSTs to the
/// same address told apart by their `step` field — `details` (validate, show the agreement)
/// and `accept` (check everything again, hand the request to the desk, say "check your
/// e-mail").
///
/// Every POST is checked for CSRF and counted against the client's rate limit first. Nothing is
/// stored before acceptance: the validated fields travel in the agreement page, signed.
struct RequestFlow: Sendable {
    let desk: any AccessDesk
    let pages: PortalPages
    let content: PortalContent
    let limits: PortalLimits
    let csrf: CSRFGuard
    let signedForm: SignedForm
    let clientLimiter: SlidingWindowLimiter
    let emailLimiter: SlidingWindowLimiter
    let logger: Logger

    /// Everything about the request the flow needs besides its body.
    struct Visit {
        var locale: String
        var client: String
        var secure: Bool
        var cookie: String?
        var userAgent: String
        var now: Date
    }

    func show(_ visit: Visit) -> Response {
        let (cookie, setCookie) = ensureCookie(visit)
        let html = pages.requestForm(
            locale: visit.locale, csrf: csrf.token(for: cookie), input: RequestDetails.Input(),
            problems: [:], documents: content.documents)
        return Reply.page(.ok, html, headers: setCookie)
    }

    func post(_ visit: Visit, body: [UInt8]) async throws -> Response {
        switch await clientLimiter.attempt(visit.client, now: visit.now) {
        case .allowed: break
        case .limited(let retryAfter):
            var headers = HTTPFields()
            headers[.retryAfter] = String(retryAfter)
            return Reply.page(
                .tooManyRequests, pages.status(.rateLimited, locale: visit.locale),
                headers: headers)
        }
        guard let form = FormData(body) else {
            return Reply.page(.badRequest, pages.status(.badRequest, locale: visit.locale))
        }
        guard csrf.isValid(token: form[CSRFGuard.field], cookie: visit.cookie),
            let cookie = visit.cookie
        else {
            logger.notice("form refused", metadata: ["reason": "csrf"])
            return Reply.page(.forbidden, pages.status(.forbidden, locale: visit.locale))
        }
        switch form["step"] {
        case "details": return details(visit, form: form, cookie: cookie)
        case "accept": return try await accept(visit, form: form, cookie: cookie)
        default: return Reply.page(.badRequest, pages.status(.badRequest, locale: visit.locale))
        }
    }

    /// The form's answers: the form again with its errors, or the agreement.
    private func details(_ visit: Visit, form: FormData, cookie: String) -> Response {
        let input = RequestDetails.Input(form)
        switch RequestDetails.validate(input, offered: content.documents) {
        case .failure(let failure):
            let html = pages.requestForm(
                locale: visit.locale, csrf: csrf.token(for: cookie), input: input,
                problems: failure.problems, documents: content.documents)
            return Reply.page(.unprocessableContent, html)
        case .success(let details):
            let payload = SignedForm.Payload(
                details: details, locale: visit.locale, ndaSHA256: agreementHash(visit.locale),
                issuedAt: Int64(visit.now.timeIntervalSince1970))
            return Reply.page(.ok, agreementPage(payload, cookie: cookie, error: nil))
        }
    }

    /// The acceptance: the signed fields, the box ticked, the address's own limit; then the
    /// desk, and the same page whatever it decides.
    private func accept(_ visit: Visit, form: FormData, cookie: String) async throws -> Response {
        guard let payload = signedForm.verify(form, now: visit.now, lifetime: limits.formLifetime),
            payload.locale == visit.locale, payload.ndaSHA256 == agreementHash(visit.locale)
        else {
            logger.notice("form refused", metadata: ["reason": "signature"])
            return Reply.page(.forbidden, pages.status(.forbidden, locale: visit.locale))
        }
        guard form["accept"] == "yes" else {
            return Reply.page(
                .unprocessableContent,
                agreementPage(
                    payload, cookie: cookie,
                    error: pages.label("agreement_must_accept", visit.locale)))
        }
        let details = payload.details
        let outcome: SubmissionOutcome
        switch await emailLimiter.attempt(details.email.lowercased(), now: visit.now) {
        case .limited:
            outcome = .rateLimited
        case .allowed:
            let application = AccessApplication(
                id: AccessRequestID.random(), name: details.name, email: details.email,
                company: details.company, reason: details.reason, documents: details.documents,
                locale: visit.locale)
            let acceptance = NDAAcceptance(
                name: details.name, email: details.email, company: details.company,
                acceptedAt: visit.now, clientAddress: visit.client, userAgent: visit.userAgent,
                ndaSHA256: payload.ndaSHA256, ndaLocale: visit.locale)
            outcome = try await desk.submit(application, acceptedNDA: acceptance)
        }
        logger.info("access request", metadata: ["outcome": .string("\(outcome)")])
        return Reply.page(.ok, pages.status(.sent, locale: visit.locale))
    }

    private func agreementPage(
        _ payload: SignedForm.Payload, cookie: String, error: String?
    ) -> String {
        let locale = payload.locale
        let view = AgreementView(
            lang: locale, title: pages.label("agreement_title", locale),
            label: pages.labelMap(locale), action: "/\(locale)/\(PortalPaths.requestPage)",
            csrf: csrf.token(for: cookie), agreement: content.agreements[locale] ?? "",
            sha256: payload.ndaSHA256, name: payload.details.name, email: payload.details.email,
            company: payload.details.company,
            documents: payload.details.documents.map { id in
                content.documents.first { $0.id == id }?.title(in: locale) ?? id
            },
            hidden: signedForm.fields(payload).map {
                AgreementView.Hidden(name: $0.name, value: $0.value)
            },
            error: error)
        return pages.render("agreement", view)
    }

    /// SHA-256 of the agreement text of `locale`, lowercase hex: its version.
    func agreementHash(_ locale: String) -> String {
        let digest = SHA256.hash(data: Array((content.agreements[locale] ?? "").utf8))
        return digest.map { String(format: "%02x", $0) }.joined()
    }

    /// The visitor's CSRF cookie, or a new one with its `Set-Cookie` header.
    private func ensureCookie(_ visit: Visit) -> (String, HTTPFields) {
        if let cookie = CSRFGuard.validCookie(visit.cookie) { return (cookie, [:]) }
        let cookie = CSRFGuard.newCookie()
        var headers = HTTPFields()
        headers[.setCookie] = CSRFGuard.setCookieHeader(cookie, secure: visit.secure)
        return (cookie, headers)
    }
}
