/// The built-in ways of collecting evidence.
public enum CollectorKind: String, Hashable, Sendable, Codable, CaseIterable {
    case file, command, json, yaml, junit, sarif, http, tls, attestation, external
}

/// How one piece of evidence for a control is collected and judged.
///
/// The common fields are typed here; the collector-specific settings (`expect`, `command`,
/// `max`, …) stay in `options` with their positions, and each collector validates its own.
public struct EvidenceSpec: Hashable, Sendable {
    /// The fields, kept in one shared box (`CopyOnWrite`): a spec is copied into the graph's
    /// index, every validation check, each audit and readiness row, far more often than it is
    /// changed.
    private struct Fields: Hashable, Sendable {
        var id: EvidenceID
        var control: ControlID
        var title: LocalizedText?
        var collector: CollectorKind
        var path: String?
        var maxAge: TimeSpan?
        var weight: Double
        var visibility: Visibility
        var options: [String: ConfigValue]
        var position: SourcePosition
        var pathPosition: SourcePosition?
    }

    private var fields: CopyOnWrite<Fields>

    public var id: EvidenceID {
        get { fields.value.id }
        _modify { yield &fields.value.id }
    }
    public var control: ControlID {
        get { fields.value.control }
        _modify { yield &fields.value.control }
    }
    public var title: LocalizedText? {
        get { fields.value.title }
        _modify { yield &fields.value.title }
    }
    public var collector: CollectorKind {
        get { fields.value.collector }
        _modify { yield &fields.value.collector }
    }
    /// Workspace-relative path of the artifact, for collectors that read a file.
    public var path: String? {
        get { fields.value.path }
        _modify { yield &fields.value.path }
    }
    /// How long an observation stays valid; `nil` means it does not expire.
    public var maxAge: TimeSpan? {
        get { fields.value.maxAge }
        _modify { yield &fields.value.maxAge }
    }
    /// Relative weight within the control; greater than zero.
    public var weight: Double {
        get { fields.value.weight }
        _modify { yield &fields.value.weight }
    }
    /// Defaults to the control's visibility; never less restricted than it.
    public var visibility: Visibility {
        get { fields.value.visibility }
        _modify { yield &fields.value.visibility }
    }
    /// Collector-specific settings, keyed by their YAML names.
    public var options: [String: ConfigValue] {
        get { fields.value.options }
        _modify { yield &fields.value.options }
    }
    public var position: SourcePosition {
        get { fields.value.position }
        _modify { yield &fields.value.position }
    }
    /// Where the `path:` value is written, so a finding about the path points at it; nil when
    /// unknown (specs built in code).
    public var pathPosition: SourcePosition? {
        get { fields.value.pathPosition }
        _modify { yield &fields.value.pathPosition }
    }

    public init(
        id: EvidenceID, control: ControlID, title: LocalizedText? = nil, collector: CollectorKind,
        path: String? = nil, maxAge: TimeSpan? = nil, weight: Double = 1,
        visibility: Visibility = .internal, options: [String: ConfigValue] = [:],
        position: SourcePosition, pathPosition: SourcePosition? = nil
    ) {
        fields = CopyOnWrite(
            Fields(
                id: id, control: control, title: title, collector: collector, path: path,
                maxAge: maxAge, weight: weight, visibility: visibility, options: options,
                position: position, pathPosition: pathPosition))
    }
}
