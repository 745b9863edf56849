import AttestCore

/// A failure making, reading or verifying a bundle.
public struct BundleError: CommandFailure, Hashable, Sendable {
    /// A bundle that cannot be written or read at all ends the command as unusable input
    /// (a bundle that is read and does not verify is a finding, reported by `verify`).
    public var failureKind: FailureKind { .unusable }

    public enum Code: String, Hashable, Sendable {
        /// The key file is not an Ed25519 key in the expected format.
        case invalidKey = "bundle.invalid-key"
        /// The file is not a readable zip archive.
        case unreadable = "bundle.unreadable"
        /// The bundle could not be written.
        case io = "bundle.io"
        /// An evidence artifact is larger than an auditor package may pack
        /// (`AuditPackageLimits`).
        case evidenceTooLarge = "audit-package.evidence-too-large"
    }

    public var code: Code
    public var detail: String

    public init(code: Code, detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(detail) [\(code.rawValue)]" }
}
