import AttestCore
import Foundation

/// Where a run stands: whether its figures count, and whether a build's output was written.
///
/// Only `settled` runs feed `score`, `history`, bundles, the trend and "changes since the
/// previous build"; a build is recorded `attempted` before its output is written and becomes
/// `published` once the output folder is committed.
public enum RunState: String, CaseIterable, Hashable, Sendable {
    /// A `collect` run: every evidence item was collected and scored.
    case collected
    /// A `collect --only` run: only some controls' evidence was collected, so its figures
    /// stand for a part of the workspace. Never counts; `score --run` reads it when named.
    case partial
    /// A build whose output is not written yet; a build killed while rendering stays so.
    case attempted
    /// A build whose output folder was committed. Final: an identical build that fails later
    /// does not undo it.
    case published
    /// A build whose output could not be written (a broken template, a full disk).
    case failed

    /// The states whose figures count: complete collections and published builds.
    public static let settled: Set<RunState> = [.collected, .published]
}

/// One run to record: what was collected and scored, and what the workspace held.
public struct RunRecord: Sendable {
    /// `collect` or `build`.
    public var kind: String
    /// `collected` for a collection (`partial` for `collect --only`); `attempted` for a build,
    /// until its output is written.
    public var state: RunState
    public var startedAt: Date
    public var finishedAt: Date
    public var toolVersion: String
    /// SHA-256 over the workspace's files, so a run can be tied to a commit's content.
    public var workspaceFingerprint: String
    /// The id of the build that made this run (`attest build`), nil for `attest collect`.
    public var buildID: String?
    public var results: [EvidenceResult]
    /// Scores of frameworks and domains (requirements with assessable leaves under them).
    public var scores: [NodeScore]
    public var controls: [ControlSnapshot]
    /// The workspace's git commit, with `-dirty` when it had uncommitted changes; nil outside
    /// a git repository.
    public var revision: String?
    /// The CI run or job that made the run (an http(s) URL), when there was one.
    public var ciURL: String?
    /// The requirements the run's scope left out, so a later build can tell a scope change
    /// from a change of evidence.
    public var exclusions: [ExclusionSnapshot]

    public init(
        kind: String, state: RunState, startedAt: Date, finishedAt: Date, toolVersion: String,
        workspaceFingerprint: String, buildID: String? = nil, results: [EvidenceResult],
        scores: [NodeScore], controls: [ControlSnapshot], revision: String? = nil,
        ciURL: String? = nil, exclusions: [ExclusionSnapshot] = []
    ) {
        self.revision = revision
        self.ciURL = ciURL
        self.exclusions = exclusions
        self.buildID = buildID
        self.kind = kind
        self.state = state
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.toolVersion = toolVersion
        self.workspaceFingerprint = workspaceFingerprint
        self.results = results
        self.scores = scores
        self.controls = controls
    }
}

/// A control as it stood in a run, so "controls added or removed" can be derived.
public struct ControlSnapshot: Hashable, Sendable {
    public var id: ControlID
    /// English title at the time, so a removed control can still be named.
    public var title: String
    public var visibility: Visibility
    public var score: Double

    public init(id: ControlID, title: String, visibility: Visibility, score: Double) {
        self.id = id
        self.title = title
        self.visibility = visibility
        self.score = score
    }
}

/// An exclusion as it stood in a run, so "scope changes" can be derived.
public struct ExclusionSnapshot: Hashable, Sendable {
    public var requirement: RequirementKey
    /// English justification at the time.
    public var justification: String
    public var visibility: Visibility

    public init(requirement: RequirementKey, justification: String, visibility: Visibility) {
        self.requirement = requirement
        self.justification = justification
        self.visibility = visibility
    }
}

/// A recorded run, without its rows.
public struct RunSummary: Hashable, Sendable {
    public var id: Int64
    public var kind: String
    public var state: RunState
    public var startedAt: Date
    public var finishedAt: Date
    public var toolVersion: String
    public var workspaceFingerprint: String
    public var buildID: String?
    public var resultCount: Int
    /// See `RunRecord.revision`.
    public var revision: String?
    /// See `RunRecord.ciURL`.
    public var ciURL: String?

    public init(
        id: Int64, kind: String, state: RunState, startedAt: Date, finishedAt: Date,
        toolVersion: String, workspaceFingerprint: String, buildID: String?, resultCount: Int,
        revision: String? = nil, ciURL: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.state = state
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.toolVersion = toolVersion
        self.workspaceFingerprint = workspaceFingerprint
        self.buildID = buildID
        self.resultCount = resultCount
        self.revision = revision
        self.ciURL = ciURL
    }
}

/// A bundle handed to a recipient under NDA, as the disclosure log keeps it.
public struct Disclosure: Hashable, Sendable {
    public var id: String
    public var recipient: String
    public var ndaReference: String
    public var frameworks: [FrameworkID]
    /// SHA-256 of the bundle file.
    public var sha256: String
    public var createdAt: Date
    public var expiresAt: Date?
    public var runID: Int64?
    /// Ids of the `documents:` packed in the bundle.
    public var documents: [String]
    /// The portal request the bundle was downloaded under; nil for a bundle made by hand.
    public var accessRequestID: String?

    public init(
        id: String, recipient: String, ndaReference: String, frameworks: [FrameworkID],
        sha256: String, createdAt: Date, expiresAt: Date?, runID: Int64?,
        documents: [String] = [], accessRequestID: String? = nil
    ) {
        self.documents = documents
        self.accessRequestID = accessRequestID
        self.id = id
        self.recipient = recipient
        self.ndaReference = ndaReference
        self.frameworks = frameworks
        self.sha256 = sha256
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.runID = runID
    }
}

/// Where runs, evidence results, scores, disclosures and access requests are kept.
///
/// `SQLiteStore` is the one-machine store and `PostgresStore` (AttestStorePostgres) the
/// shared one; `InMemoryStore` is their twin for tests, and the same test bodies run against
/// all three.
public protocol ScoreStore: AccessLedger {
    /// Records a whole run atomically and returns its id: either every row is stored, or none.
    ///
    /// A build id names one set of inputs, so a run whose build id is already recorded is the
    /// same run: it is not recorded again and the recorded run's id is returned, also when two
    /// processes record it at the same moment.
    func record(_ run: RunRecord) throws(StoreError) -> Int64

    /// Marks a recorded run `published` or `failed` once its build's output is written or not.
    ///
    /// `published` is final: marking a published run anything else leaves it published (an
    /// identical build already put its output online).
    func mark(_ run: Int64, as state: RunState) throws(StoreError)

    /// Recorded runs in one of `states`, newest first.
    func runs(limit: Int?, states: Set<RunState>) throws(StoreError) -> [RunSummary]

    /// Evidence results of a run, ordered by evidence id.
    func results(run: Int64) throws(StoreError) -> [EvidenceResult]

    /// Node scores of a run, ordered by node.
    func scores(run: Int64) throws(StoreError) -> [NodeScore]

    /// Controls of a run, ordered by id.
    func controls(run: Int64) throws(StoreError) -> [ControlSnapshot]

    /// Exclusions of a run, ordered by requirement; nil for a run recorded before runs kept
    /// their scope (migration "v5-run-scope"), whose exclusions are unknown.
    func exclusions(run: Int64) throws(StoreError) -> [ExclusionSnapshot]?

    /// A node's score per run in one of `states`, newest first.
    func history(
        of node: ScoreNode, limit: Int?, states: Set<RunState>
    ) throws(StoreError) -> [(run: RunSummary, score: NodeScore)]

    /// The runs in one of `states` that decide the days of `[from, until)`, oldest first: every
    /// run started in it, and the latest one started before `from` (whose state the first days
    /// inherit), each with its control scores and stored framework and domain scores.
    ///
    /// One read of the rows a period needs, for `PeriodReport`.
    func observations(
        from: Date, until: Date, states: Set<RunState>
    ) throws(StoreError) -> [PeriodObservation]

    /// Logs a bundle handed out.
    func record(_ disclosure: Disclosure) throws(StoreError)

    /// Every logged bundle, oldest first.
    func disclosures() throws(StoreError) -> [Disclosure]
}

extension ScoreStore {
    /// Recorded runs whose figures count (`RunState.settled`), newest first.
    public func runs(limit: Int?) throws(StoreError) -> [RunSummary] {
        try runs(limit: limit, states: RunState.settled)
    }

    /// The runs whose figures count (`RunState.settled`) that decide the days of `period`.
    public func observations(of period: OperatingPeriod) throws(StoreError) -> [PeriodObservation] {
        try observations(from: period.start, until: period.end, states: RunState.settled)
    }

    /// A node's score per run whose figures count (`RunState.settled`), newest first.
    public func history(
        of node: ScoreNode, limit: Int?
    ) throws(StoreError) -> [(run: RunSummary, score: NodeScore)] {
        try history(of: node, limit: limit, states: RunState.settled)
    }
}

/// An operational failure of the store, with the path and what went wrong.
public struct StoreError: CommandFailure, Hashable, Sendable {
    /// A store Attest cannot use ends the command as unusable input.
    public var failureKind: FailureKind { .unusable }

    public enum Code: String, Hashable, Sendable {
        /// Another process held the store for longer than the busy timeout.
        case busy = "store.busy"
        /// A newer Attest wrote the store.
        case incompatible = "store.incompatible"
        /// The file is not an Attest store: another program's SQLite database, or not SQLite.
        case foreign = "store.foreign"
        /// Any other SQLite or file-system failure.
        case io = "store.io"
        /// A record that cannot be stored as given (a duplicate disclosure id, say).
        case invalidRecord = "store.invalid-record"
    }

    public var code: Code
    public var path: String
    public var detail: String

    public init(code: Code, path: String, detail: String) {
        self.code = code
        self.path = path
        self.detail = detail
    }

    public var description: String {
        switch code {
        case .busy:
            "\(path): the store is busy (another attest is writing); try again [\(code.rawValue)]"
        default: "\(path): \(detail) [\(code.rawValue)]"
        }
    }
}
