import AttestCore
import AttestSystem
import Foundation

/// What every collector receives besides its evidence specification.
public struct CollectionContext: Sendable {
    /// The workspace folder; evidence paths are relative to it and may not leave it.
    public var workspaceRoot: URL
    /// The time of the run: observations default to it and freshness is judged against it.
    public var now: Date
    /// Upper bound for one piece of evidence (commands, HTTP requests, external collectors).
    public var timeout: Duration
    /// Largest output kept from a command or an HTTP body, in bytes.
    public var maxOutputBytes: Int
    /// Largest document the json, yaml, sarif and junit collectors read, in bytes, unless an
    /// evidence item sets its own `max_bytes:`.
    public var maxDocumentBytes: Int
    /// Environment variables passed to commands and external collectors (names only; values
    /// come from the process environment).
    public var environmentAllowList: [String]
    /// The workspace's git history: dates a file-based result that found no date of its own.
    public var history: WorkspaceHistory
    /// How a result with an `assumed` date scores (`freshness.undated`).
    public var undated: UndatedPolicy
    /// The registered signers and their keys, which attestations are verified against.
    public var signers: SignerKeyring = .none
    /// Set when the run records live observations (`attest collect --record DIR`): live
    /// collectors then observe the system even when a spec names a `recording:`, and hand each
    /// observation's recording file here.
    public var recorder: ObservationRecorder?
    /// The workspace's exceptions register: a SARIF suppression hides a finding only when it
    /// links to one of them that is open and covers the evidence.
    public var exceptions: [Exception] = []
    /// The run's evidence files (the workspace resolved once, shared reads); set by
    /// ``EvidenceRunner/run(_:context:)``, nil when a collector is called on its own.
    public var files: EvidenceFiles?
    /// Readings of evidence files kept from earlier builds (docs/evidence-cache.md); nil: every
    /// file is parsed.
    public var cache: EvidenceCache?

    /// The default `maxDocumentBytes`: 16 MiB.
    public static let defaultMaxDocumentBytes = 16 << 20

    public init(
        workspaceRoot: URL, now: Date, timeout: Duration = .seconds(30),
        maxOutputBytes: Int = 64 * 1024,
        maxDocumentBytes: Int = CollectionContext.defaultMaxDocumentBytes,
        environmentAllowList: [String] = ["PATH", "HOME", "LANG", "LC_ALL", "TZ"],
        history: WorkspaceHistory = .none, undated: UndatedPolicy = .warn,
        recorder: ObservationRecorder? = nil
    ) {
        self.history = history
        self.undated = undated
        self.recorder = recorder
        self.workspaceRoot = workspaceRoot
        self.now = now
        self.timeout = timeout
        self.maxOutputBytes = maxOutputBytes
        self.maxDocumentBytes = maxDocumentBytes
        self.environmentAllowList = environmentAllowList
    }
}

/// Receives the recording of one live observation: the evidence it is for and the bytes of its
/// recording file (JSON). Called from any thread.
public typealias ObservationRecorder = @Sendable (_ evidence: EvidenceID, _ recording: Data) -> Void

/// A way of collecting evidence. Collectors never throw: every failure is a result whose
/// status is `error` (or `missing` for an absent artifact), with a message saying why.
public protocol Collector: Sendable {
    /// The `collector:` value this type handles.
    var kind: CollectorKind { get }

    /// Checks the collector-specific options of `spec` before any run, so `attest validate`
    /// reports a bad `expect:` at its line.
    func validate(_ spec: EvidenceSpec) -> [Diagnostic]

    /// Collects one piece of evidence.
    func collect(_ spec: EvidenceSpec, context: CollectionContext) async -> EvidenceResult

    /// The workspace files `spec` names (its `path:`, key files…), with the positions that name
    /// them, so `attest validate` can check them on disk before anything runs.
    func namedFiles(_ spec: EvidenceSpec) -> [(path: WorkspacePath, position: SourcePosition)]

    /// True when the collector only reads regular workspace files through the confinement
    /// check and judges them in memory: it waits on no process, network or clock, so a
    /// deadline would only add a timer and two tasks per item. The runner then calls it
    /// directly, several items to a task (``EvidenceRunner``). False unless a collector says so.
    var readsOnlyWorkspaceFiles: Bool { get }
}

extension Collector {
    public var readsOnlyWorkspaceFiles: Bool { false }

    /// The spec's `path:`, when its text is a safe workspace path.
    public func namedFiles(
        _ spec: EvidenceSpec
    ) -> [(path: WorkspacePath, position: SourcePosition)] {
        guard let text = spec.path, let path = try? WorkspacePath(text) else { return [] }
        return [(path, spec.position)]
    }
}
