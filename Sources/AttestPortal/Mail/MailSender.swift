import Foundation

/// Sends e-mail through an SMTP server named by a URL, `smtp://host[:port]` (port 25 by
/// default): EHLO, MAIL FROM, RCPT TO, DATA, QUIT, on a plain connection.
///
/// Plain SMTP only: no STARTTLS and no authentication, so the server must be a relay on the
/// same host or a trusted network (a local Postfix, a sidecar) that forwards over TLS itself.
/// Every step has a timeout, and replies are bounded (lines of at most 512 bytes, at most 100
/// lines), so a broken or hostile server can neither hang nor flood the portal. The work runs
/// on its own thread, off the concurrency pool.
public struct MailSender: Sendable {
    public let host: String
    public let port: Int
    /// The name given in EHLO.
    public var clientName: String
    /// The longest wait for the connection and for each reply, in seconds.
    public var timeout: TimeInterval

    /// - Throws: `PortalError` (`portal.invalid-mail-url`) for anything but
    ///   `smtp://host[:port]`.
    public init(
        url: String, clientName: String = "localhost", timeout: TimeInterval = 30
    )
        throws(PortalError)
    {
        let invalid = PortalError(
            .invalidMailURL, url, "'\(url)' is not an SMTP URL: write smtp://host[:port]")
        guard url.hasPrefix("smtp://") else { throw invalid }
        let rest =
            String(url.dropFirst("smtp://".count)).split(separator: "/", maxSplits: 1)
            .first.map(String.init) ?? ""
        guard !rest.contains("@") else { throw invalid }
        let address: ListenAddress
        if rest.contains(":") && !(rest.hasPrefix("[") && rest.hasSuffix("]")) {
            guard let parsed = try? ListenAddress(parsing: rest), parsed.port > 0 else {
                throw invalid
            }
            address = parsed
        } else {
            guard let parsed = try? ListenAddress(parsing: rest + ":25") else { throw invalid }
            address = parsed
        }
        host = address.host
        port = address.port
        self.clientName = clientName
        self.timeout = timeout
    }

    /// Sends `message` to each of its recipients.
    ///
    /// - Throws: `MailError`: `mail.connection`, `mail.refused` (with the server's reply),
    ///   `mail.protocol`.
    public func send(_ message: MailMessage) async throws(MailError) {
        let result: Result<Void, MailError> = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(
                    returning: Result { () throws(MailError) in try deliver(message) })
            }
            thread.name = "attest-smtp"
            thread.start()
        }
        try result.get()
    }

    private func deliver(_ message: MailMessage) throws(MailError) {
        let connection = try SMTPConnection(host: host, port: port, timeout: timeout)
        try connection.expect(220)
        try connection.command("EHLO \(clientName)", expect: 250)
        try connection.command("MAIL FROM:<\(message.from.address)>", expect: 250)
        for recipient in message.to {
            try connection.command("RCPT TO:<\(recipient.address)>", expect: 250, 251)
        }
        try connection.command("DATA", expect: 354)
        try connection.write(SMTPConnection.dotStuffed(message.rendered()) + Array(".\r\n".utf8))
        try connection.expect(250)
        try connection.command("QUIT", expect: 221)
    }
}
