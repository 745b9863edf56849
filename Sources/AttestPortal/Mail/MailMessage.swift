import AttestCore
import Foundation

/// A plain-text e-mail in UTF-8, built so that nothing a visitor typed can add a header: every
/// header field is refused if it holds CR, LF or any other control character, addresses must be
/// plain `local@domain`, and non-ASCII text in the subject and names is RFC 2047-encoded.
public struct MailMessage: Hashable, Sendable {
    /// An address with an optional display name.
    public struct Mailbox: Hashable, Sendable {
        public var address: String
        public var name: String?

        /// - Throws: `MailError` (`mail.invalid-address`, `mail.unsafe-header`).
        public init(_ address: String, name: String? = nil) throws(MailError) {
            guard EmailAddress.isValid(address) else {
                throw MailError(.invalidAddress, "'\(address)' is not an e-mail address")
            }
            if let name { try MailMessage.checkHeader(name, field: "display name") }
            self.address = address
            self.name = name
        }
    }

    public var from: Mailbox
    public var to: [Mailbox]
    public var subject: String
    /// The text; any line ending is sent as CRLF.
    public var body: String
    public var date: Date
    /// The domain part of the `Message-ID`.
    public var messageIDDomain: String

    /// - Throws: `MailError` (`mail.unsafe-header`) when the subject holds a control character,
    ///   (`mail.invalid-address`) when there is no recipient.
    public init(
        from: Mailbox, to: [Mailbox], subject: String, body: String, date: Date,
        messageIDDomain: String = "attest.invalid"
    ) throws(MailError) {
        try Self.checkHeader(subject, field: "subject")
        guard !to.isEmpty else { throw MailError(.invalidAddress, "a message needs a recipient") }
        guard EmailAddress.isValid("x@" + messageIDDomain) else {
            throw MailError(.unsafeHeader, "'\(messageIDDomain)' is not a domain")
        }
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        self.messageIDDomain = messageIDDomain
    }

    static func checkHeader(_ text: String, field: String) throws(MailError) {
        if text.unicodeScalars.contains(where: {
            $0.value < 0x20 || (0x7f...0x9f).contains($0.value)
        }) {
            throw MailError(.unsafeHeader, "the \(field) holds a line break or control character")
        }
        guard text.utf8.count <= 998 else {
            throw MailError(.unsafeHeader, "the \(field) is longer than 998 bytes")
        }
    }

    /// The message as RFC 5322 text with CRLF line ends: headers, a blank line, the body in
    /// quoted-printable.
    public func rendered(messageID: String = UUID().uuidString.lowercased()) -> [UInt8] {
        var lines = [
            "Date: " + Self.rfc5322Date(date),
            "From: " + MailEncoding.mailbox(from),
            "To: " + to.map(MailEncoding.mailbox).joined(separator: ",\r\n "),
            "Subject: " + MailEncoding.encodedWords(subject),
            "Message-ID: <\(messageID)@\(messageIDDomain)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
        ]
        lines.append(MailEncoding.quotedPrintable(body))
        return Array(lines.joined(separator: "\r\n").utf8) + [13, 10]
    }

    /// `Sun, 06 Dec 2026 14:10:00 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
