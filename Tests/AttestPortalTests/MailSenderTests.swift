import Foundation
import Testing

@testable import AttestPortal

/// Messages built without any way to inject a header, and sent to a real SMTP server.
@Suite struct MailSenderTests {
    let date = Date(timeIntervalSince1970: 1_796_567_400)  // Sun, 06 Dec 2026 14:30:00 UTC

    func message(subject: String = "Your access link", body: String = "Hello") throws -> MailMessage
    {
        try MailMessage(
            from: MailMessage.Mailbox("trust@example.com", name: "Trust Center"),
            to: [MailMessage.Mailbox("ada@example.org", name: "Ada Lovelace")],
            subject: subject, body: body, date: date, messageIDDomain: "example.com")
    }

    @Test(arguments: [
        "Hi\r\nBcc: victim@example.net", "Hi\nX-Injected: 1", "Hi\rX: 1", "Hi\u{0}", "Hi\u{85}",
    ])
    func aLineBreakOrControlInTheSubjectIsRefused(subject: String) {
        let error = #expect(throws: MailError.self) { try message(subject: subject) }
        #expect(error?.code == .unsafeHeader)
    }

    @Test func aLineBreakInADisplayNameIsRefused() {
        let error = #expect(throws: MailError.self) {
            try MailMessage.Mailbox("ada@example.org", name: "Ada\r\nBcc: x@example.net")
        }
        #expect(error?.code == .unsafeHeader)
    }

    @Test(arguments: ["ada@example.org\r\nRCPT TO:<x@y.z>", "<ada@example.org>", "ada", "a b@c.de"])
    func anAddressThatIsNotPlainIsRefused(address: String) {
        let error = #expect(throws: MailError.self) { try MailMessage.Mailbox(address) }
        #expect(error?.code == .invalidAddress)
    }

    @Test func headersAreRFC5322WithTheSubjectEncodedWhenNotASCII() throws {
        let text = String(
            decoding: try message(subject: "Accès accordé ✓").rendered(messageID: "m1"),
            as: UTF8.self)
        #expect(text.hasPrefix("Date: Sun, 06 Dec 2026 14:30:00 +0000\r\n"))
        #expect(text.contains("\r\nFrom: \"Trust Center\" <trust@example.com>\r\n"))
        #expect(text.contains("\r\nTo: \"Ada Lovelace\" <ada@example.org>\r\n"))
        // base64 of the UTF-8 of "Accès accordé ✓", checked by hand with `base64`.
        #expect(text.contains("\r\nSubject: =?UTF-8?B?QWNjw6hzIGFjY29yZMOpIOKckw==?=\r\n"))
        #expect(text.contains("\r\nMessage-ID: <m1@example.com>\r\n"))
        #expect(text.contains("\r\nContent-Type: text/plain; charset=utf-8\r\n"))
        #expect(text.contains("\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"))
    }

    @Test func theBodyIsQuotedPrintableWithShortLines() throws {
        let body = "Café\n" + String(repeating: "x", count: 100) + "\nend = here "
        let text = String(decoding: try message(body: body).rendered(), as: UTF8.self)
        let bodyText = try #require(text.components(separatedBy: "\r\n\r\n").last)
        #expect(bodyText.hasPrefix("Caf=C3=A9\r\n"))
        #expect(bodyText.contains("end =3D here=20\r\n"))
        for line in bodyText.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 76) }
    }

    @Test func dotStuffingDoublesEveryLeadingDot() {
        let stuffed = SMTPConnection.dotStuffed(Array(".a\r\nb\r\n..c\r\n.".utf8))
        #expect(String(decoding: stuffed, as: UTF8.self) == "..a\r\nb\r\n...c\r\n..\r\n")
    }

    @Test(arguments: [
        "http://mail", "smtp://", "smtp://user@host", "smtp://host:0", "smtp://host:x",
    ])
    func aURLThatIsNotSMTPIsRefused(url: String) {
        let error = #expect(throws: PortalError.self) { try MailSender(url: url) }
        #expect(error?.code == .invalidMailURL)
    }

    @Test func theDefaultPortIs25() throws {
        let sender = try MailSender(url: "smtp://mail.example.com")
        #expect(sender.host == "mail.example.com")
        #expect(sender.port == 25)
    }

    @Test(.enabled(if: SMTPSink.available))
    func aMessageReachesARealSMTPServerIntact() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let body =
            "Bonjour Ada,\n.hidden line starting with a dot\n..two dots\nLien : https://x/a?b=c"
        let sender = try MailSender(url: "smtp://127.0.0.1:\(sink.port)", timeout: 20)
        try await sender.send(try message(subject: "Accès accordé ✓", body: body))
        let received = sink.received
        #expect(received.contains("---------- MESSAGE FOLLOWS ----------"))
        #expect(received.contains("From: \"Trust Center\" <trust@example.com>"))
        #expect(received.contains("To: \"Ada Lovelace\" <ada@example.org>"))
        #expect(received.contains("Subject: =?UTF-8?B?QWNjw6hzIGFjY29yZMOpIOKckw==?="))
        #expect(received.contains("Bonjour Ada,"))
        // Dot-stuffing undone by the server: the lines arrive as written.
        #expect(received.contains("\n.hidden line starting with a dot\n"))
        #expect(received.contains("\n..two dots\n"))
        #expect(received.contains("Lien : https://x/a?b=3Dc"))
        #expect(received.contains("------------ END MESSAGE ------------"))
    }

    @Test(.enabled(if: SMTPSink.available))
    func anUnreachableServerIsAConnectionError() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        sink.stop()
        let sender = try MailSender(url: "smtp://127.0.0.1:\(sink.port)", timeout: 5)
        let error = await #expect(throws: MailError.self) { try await sender.send(try message()) }
        #expect(error?.code == .connection)
    }
}
