import Foundation

/// The recorded run an export describes: its id and times as the store keeps them (AttestOSCAL
/// does not read the store; the CLI passes these).
public struct RunFacts: Hashable, Sendable {
    /// The store's run id (`attest history`).
    public var id: Int64
    public var startedAt: Date
    public var finishedAt: Date
    public var toolVersion: String
    /// SHA-256 over the workspace's files when the run was made.
    public var workspaceFingerprint: String
    /// The workspace's git commit, `-dirty` when it had changes.
    public var revision: String?
    /// The build that made the run (`attest build`), nil for `attest collect`.
    public var buildID: String?

    public init(
        id: Int64, startedAt: Date, finishedAt: Date, toolVersion: String,
        workspaceFingerprint: String, revision: String? = nil, buildID: String? = nil
    ) {
        self.id = id
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.toolVersion = toolVersion
        self.workspaceFingerprint = workspaceFingerprint
        self.revision = revision
        self.buildID = buildID
    }

    /// The text UUIDs of this run's objects are derived from: the run's id, its start to the
    /// millisecond and the workspace's fingerprint, so two stores' run 1 do not share UUIDs.
    public var key: String {
        "run/\(id)/\(Int64((startedAt.timeIntervalSince1970 * 1_000).rounded()))/"
            + workspaceFingerprint
    }

    /// The run's props (Attest's namespace): id, tool version, fingerprint, revision, build.
    var props: [OSCALNode] {
        let ns = OSCALDocument.attestNamespace
        var props: [OSCALNode] = [
            .prop("run-id", String(id), ns: ns),
            .prop("tool-version", OSCALNode.oneLine(toolVersion), ns: ns),
            .prop("workspace-fingerprint", OSCALNode.oneLine(workspaceFingerprint), ns: ns),
        ]
        if let revision { props.append(.prop("revision", OSCALNode.oneLine(revision), ns: ns)) }
        if let buildID { props.append(.prop("build-id", OSCALNode.oneLine(buildID), ns: ns)) }
        return props
    }
}
