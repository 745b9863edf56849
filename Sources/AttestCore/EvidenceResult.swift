import Foundation

/// The outcome of collecting one piece of evidence.
public enum EvidenceStatus: Hashable, Sendable {
    /// The check passed.
    case pass
    /// The check failed.
    case fail
    /// The check partly passed; the fraction is clamped to [0, 1].
    case partial(Double)
    /// The collector could not decide (a timeout, unreadable input, a crash of a command).
    case error
    /// The evidence was observed, but longer ago than its `max_age` allows.
    case stale
    /// The artifact the evidence names does not exist.
    case missing

    /// The stable name stored and printed: `pass`, `fail`, `partial`, `error`, `stale`, `missing`.
    public var name: String {
        switch self {
        case .pass: "pass"
        case .fail: "fail"
        case .partial: "partial"
        case .error: "error"
        case .stale: "stale"
        case .missing: "missing"
        }
    }

    /// Score of a status: pass 1, partial x ∈ [0, 1], everything else 0.
    public var score: Double {
        switch self {
        case .pass: 1
        case let .partial(fraction): fraction.isFinite ? min(1, max(0, fraction)) : 0
        case .fail, .error, .stale, .missing: 0
        }
    }

    /// Rebuilds a status from its stored name and score.
    public init?(name: String, score: Double) {
        switch name {
        case "pass": self = .pass
        case "fail": self = .fail
        case "partial": self = .partial(score)
        case "error": self = .error
        case "stale": self = .stale
        case "missing": self = .missing
        default: return nil
        }
    }
}

/// A file a collector looked at, with its hash, so an auditor can check the very bytes.
public struct Artifact: Hashable, Sendable, Codable {
    /// Workspace-relative path (or a URL for the http collector).
    public var path: String
    /// Lower-case hex SHA-256.
    public var sha256: String

    public init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }
}

/// Where an observation's date came from, so a reader can weigh how much it proves.
///
/// File modification times are never a source: a checkout rewrites them.
public enum DateSource: String, Hashable, Sendable, CaseIterable, Codable {
    /// A date inside the artifact: a configured field, front matter, a signed statement.
    case source
    /// The commit time of the last commit that changed the file.
    case git
    /// The moment a live collector observed the system (or a recorded live observation).
    case live
    /// None of these: the build's own time was used.
    case assumed
}

/// What a collector found for one evidence specification.
public struct EvidenceResult: Hashable, Sendable {
    public var evidence: EvidenceID
    public var control: ControlID
    public var status: EvidenceStatus
    /// When the evidence was observed (an attestation's date, a file's review date, or now).
    public var observedAt: Date
    /// Where `observedAt` came from.
    public var dateSource: DateSource
    /// What was observed, for people: a workspace path, a URL, `host:port`, a command line.
    public var target: String?
    /// The id of the registered signer who vouches for the evidence (signed attestations).
    public var signer: String?
    /// The collector that produced the result; nil for results stored before it was recorded.
    public var collector: CollectorKind?
    /// `observedAt + max_age`; nil when the evidence does not expire.
    public var expiresAt: Date?
    /// SHA-256 of what the collector looked at (the artifact, or the command's output).
    public var sha256: String?
    /// A short, redacted explanation for people.
    public var message: String
    public var artifacts: [Artifact]
    /// The counts behind a partial result, when the collector counted a population.
    public var tally: Tally? = nil

    public init(
        evidence: EvidenceID, control: ControlID, status: EvidenceStatus, observedAt: Date,
        dateSource: DateSource = .assumed, target: String? = nil, signer: String? = nil,
        collector: CollectorKind? = nil, expiresAt: Date? = nil, sha256: String? = nil,
        message: String, artifacts: [Artifact] = []
    ) {
        self.collector = collector
        self.evidence = evidence
        self.control = control
        self.status = status
        self.observedAt = observedAt
        self.dateSource = dateSource
        self.target = target
        self.signer = signer
        self.expiresAt = expiresAt
        self.sha256 = sha256
        self.message = message
        self.artifacts = artifacts
    }
}
