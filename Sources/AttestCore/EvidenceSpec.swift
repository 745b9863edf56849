/// The built-in ways of collecting evidence.
public enum CollectorKind: String, Hashable, Sendable, Codable, CaseIterable {
    case file, command, json, yaml, junit, sarif, http, tls, attestation, external
}

/// How one piece of evidence for a control is collected and judged.
///
/// The common fields are typed here; the collector-specific settings (`expect`, `command`,
/// `max`, …) stay in `options` with their positions, and each collector validates its own.
public struct EvidenceSpec: Hashable, Sendable {
    public var id: EvidenceID
    public var control: ControlID
    public var title: LocalizedText?
    public var collector: CollectorKind
    /// Workspace-relative path of the artifact, for collectors that read a file.
    public var path: String?
    /// How long an observation stays valid; `nil` means it does not expire.
    public var maxAge: TimeSpan?
    /// Relative weight within the control; greater than zero.
    public var weight: Double
    /// Defaults to the control's visibility; never less restricted than it.
    public var visibility: Visibility
    /// Collector-specific settings, keyed by their YAML names.
    public var options: [String: ConfigValue]
    public var position: SourcePosition
    /// Where the `path:` value is written, so a finding about the path points at it; nil when
    /// unknown (specs built in code).
    public var pathPosition: SourcePosition?

    public init(
        id: EvidenceID, control: ControlID, title: LocalizedText? = nil, collector: CollectorKind,
        path: String? = nil, maxAge: TimeSpan? = nil, weight: Double = 1,
        visibility: Visibility = .internal, options: [String: ConfigValue] = [:],
        position: SourcePosition, pathPosition: SourcePosition? = nil
    ) {
        self.id = id
        self.control = control
        self.title = title
        self.collector = collector
        self.path = path
        self.maxAge = maxAge
        self.weight = weight
        self.visibility = visibility
        self.options = options
        self.position = position
        self.pathPosition = pathPosition
    }
}
