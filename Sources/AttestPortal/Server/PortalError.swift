import Foundation

/// Why the portal cannot start or a part of it cannot work: a stable code, the thing concerned
/// and a sentence for people.
public struct PortalError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable {
        /// `--listen` is not `host:port` with a port from 0 to 65535.
        case invalidListenAddress = "portal.invalid-listen-address"
        /// The site folder to serve does not exist or is not a folder.
        case missingSite = "portal.missing-site"
        /// `ATTEST_PORTAL_SECRET` is missing or shorter than 32 bytes.
        case weakSecret = "portal.weak-secret"
        /// A bundled portal template is missing or not valid Mustache.
        case invalidTemplate = "portal.invalid-template"
        /// The SMTP URL is not `smtp://host[:port]`.
        case invalidMailURL = "portal.invalid-mail-url"
    }

    public var code: Code
    /// What the error is about (an address, a path, a variable name); never a secret.
    public var subject: String
    public var detail: String

    public init(_ code: Code, _ subject: String, _ detail: String) {
        self.code = code
        self.subject = subject
        self.detail = detail
    }

    public var description: String { detail }
}
