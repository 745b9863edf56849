/// Why an e-mail was not built or not sent: a stable code and a sentence for people. It never
/// holds the message's body.
public struct MailError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable {
        /// A header field holds CR, LF or another control character (header injection).
        case unsafeHeader = "mail.unsafe-header"
        /// An address is not a plain `local@domain`.
        case invalidAddress = "mail.invalid-address"
        /// The SMTP server could not be reached, or the connection broke or timed out.
        case connection = "mail.connection"
        /// The SMTP server refused a command (its reply is in the detail).
        case refused = "mail.refused"
        /// The server's reply was not SMTP, or longer than allowed.
        case protocolViolation = "mail.protocol"
    }

    public var code: Code
    public var detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { detail }
}
