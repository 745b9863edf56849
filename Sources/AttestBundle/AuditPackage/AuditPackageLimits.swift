/// How much evidence an auditor package may pack: a file larger than ``maxArtifactBytes``, or
/// one that would take the evidence past ``maxEvidenceBytes``, stops the package with an error
/// naming it, so a package is never quietly missing a file the index lists.
public struct AuditPackageLimits: Hashable, Sendable {
    /// Bytes of one evidence artifact.
    public var maxArtifactBytes: Int
    /// Bytes of all evidence artifacts together.
    public var maxEvidenceBytes: Int

    public init(maxArtifactBytes: Int = 64 << 20, maxEvidenceBytes: Int = 512 << 20) {
        self.maxArtifactBytes = maxArtifactBytes
        self.maxEvidenceBytes = maxEvidenceBytes
    }

    /// 64 MiB per artifact, 512 MiB in all: within what ``BundleLimits/standard`` lets
    /// `attest verify` read, with room for the reports.
    public static let standard = AuditPackageLimits()
}
