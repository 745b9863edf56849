/// The evidence that proves a certified program: an evidence item (of any control) whose
/// artifact is the certificate or letter, a file with the certificate's facts in its front
/// matter.
///
/// The page shows "Certified" only while that evidence passes, its file is the one pinned
/// here (when `sha256` is given) and the certificate is in force; the issuer, the dates and
/// the external score are read from the file, never typed beside the proof.
public struct ProgramProof: Hashable, Sendable {
    public var evidence: EvidenceID
    /// The SHA-256 (lower-case hex) the certificate file must have; nil when not pinned.
    public var sha256: String?
    public var position: SourcePosition

    public init(evidence: EvidenceID, sha256: String? = nil, position: SourcePosition) {
        self.evidence = evidence
        self.sha256 = sha256
        self.position = position
    }
}

/// How a program without a framework is measured: the controls whose live state it shows
/// and, optionally, the evidence whose count is its headline figure ("46 of 48 laptops
/// compliant").
public struct ProgramMeasure: Hashable, Sendable {
    public var controls: [ControlReference]
    /// Evidence of one of `controls` whose tally is shown; nil to show only the live %.
    public var figure: EvidenceID?
    /// What the figure counts, e.g. "laptops compliant".
    public var unit: LocalizedText?
    public var position: SourcePosition
    /// Where `figure:` is written.
    public var figurePosition: SourcePosition?

    public init(
        controls: [ControlReference], figure: EvidenceID? = nil, unit: LocalizedText? = nil,
        position: SourcePosition, figurePosition: SourcePosition? = nil
    ) {
        self.controls = controls
        self.figure = figure
        self.unit = unit
        self.position = position
        self.figurePosition = figurePosition
    }
}

/// A control id as written in the workspace, with its position for diagnostics.
public struct ControlReference: Hashable, Sendable {
    public var id: ControlID
    public var position: SourcePosition

    public init(_ id: ControlID, at position: SourcePosition) {
        self.id = id
        self.position = position
    }
}

/// The facts of a certificate or letter, as read from its file.
public struct CertificateFacts: Hashable, Sendable {
    /// The lab, auditor or certification body that issued it.
    public var issuer: String
    /// `YYYY-MM-DD`: the first day it is in force.
    public var certifiedOn: String
    /// `YYYY-MM-DD`: the last day it is in force.
    public var expiresOn: String
    /// The score the issuer gave, such as `9.7/10`.
    public var score: String?
    /// Workspace-relative path of the file.
    public var path: String
    /// SHA-256 of the file's bytes as read.
    public var sha256: String

    public init(
        issuer: String, certifiedOn: String, expiresOn: String, score: String? = nil,
        path: String, sha256: String
    ) {
        self.issuer = issuer
        self.certifiedOn = certifiedOn
        self.expiresOn = expiresOn
        self.score = score
        self.path = path
        self.sha256 = sha256
    }
}
