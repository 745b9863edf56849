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
///
/// Its fields live in one shared box (`CopyOnWrite`): a result is copied many times on its
/// way from a collector to the reports (aged, scored, ordered, hashed, stored, rendered), and
/// copying a dozen strings and arrays field by field was a measurable part of a
/// 100,000-result build.
public struct EvidenceResult: Hashable, Sendable {
    /// The fields, as a plain value: equality and hashing are theirs.
    private struct Fields: Hashable, Sendable {
        var evidence: EvidenceID
        var control: ControlID
        var status: EvidenceStatus
        var observedAt: Date
        var dateSource: DateSource
        var target: String?
        var signer: String?
        var collector: CollectorKind?
        var expiresAt: Date?
        var sha256: String?
        var message: String
        var artifacts: [Artifact]
        var tally: Tally?
    }

    private var fields: CopyOnWrite<Fields>

    public var evidence: EvidenceID {
        get { fields.value.evidence }
        _modify { yield &fields.value.evidence }
    }
    public var control: ControlID {
        get { fields.value.control }
        _modify { yield &fields.value.control }
    }
    public var status: EvidenceStatus {
        get { fields.value.status }
        _modify { yield &fields.value.status }
    }
    /// When the evidence was observed (an attestation's date, a file's review date, or now).
    public var observedAt: Date {
        get { fields.value.observedAt }
        _modify { yield &fields.value.observedAt }
    }
    /// Where `observedAt` came from.
    public var dateSource: DateSource {
        get { fields.value.dateSource }
        _modify { yield &fields.value.dateSource }
    }
    /// What was observed, for people: a workspace path, a URL, `host:port`, a command line.
    public var target: String? {
        get { fields.value.target }
        _modify { yield &fields.value.target }
    }
    /// The id of the registered signer who vouches for the evidence (signed attestations).
    public var signer: String? {
        get { fields.value.signer }
        _modify { yield &fields.value.signer }
    }
    /// The collector that produced the result; nil for results stored before it was recorded.
    public var collector: CollectorKind? {
        get { fields.value.collector }
        _modify { yield &fields.value.collector }
    }
    /// `observedAt + max_age`; nil when the evidence does not expire.
    public var expiresAt: Date? {
        get { fields.value.expiresAt }
        _modify { yield &fields.value.expiresAt }
    }
    /// SHA-256 of what the collector looked at (the artifact, or the command's output).
    public var sha256: String? {
        get { fields.value.sha256 }
        _modify { yield &fields.value.sha256 }
    }
    /// A short, redacted explanation for people.
    public var message: String {
        get { fields.value.message }
        _modify { yield &fields.value.message }
    }
    public var artifacts: [Artifact] {
        get { fields.value.artifacts }
        _modify { yield &fields.value.artifacts }
    }
    /// The counts behind a partial result, when the collector counted a population.
    public var tally: Tally? {
        get { fields.value.tally }
        _modify { yield &fields.value.tally }
    }

    public init(
        evidence: EvidenceID, control: ControlID, status: EvidenceStatus, observedAt: Date,
        dateSource: DateSource = .assumed, target: String? = nil, signer: String? = nil,
        collector: CollectorKind? = nil, expiresAt: Date? = nil, sha256: String? = nil,
        message: String, artifacts: [Artifact] = []
    ) {
        fields = CopyOnWrite(
            Fields(
                evidence: evidence, control: control, status: status, observedAt: observedAt,
                dateSource: dateSource, target: target, signer: signer, collector: collector,
                expiresAt: expiresAt, sha256: sha256, message: message, artifacts: artifacts,
                tally: nil))
    }
}
