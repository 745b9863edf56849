/// Who may see a piece of content, and so where it may be published.
public enum Visibility: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// May appear on the public trust center.
    case `public`
    /// May be handed to a named recipient under a non-disclosure agreement.
    case nda
    /// Never leaves the company.
    case `internal`

    private var rank: Int {
        switch self {
        case .public: 0
        case .nda: 1
        case .internal: 2
        }
    }

    /// `public < nda < internal`: a larger value is more restricted.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// A reference from a control (or an exclusion) to a requirement, as written.
public struct RequirementReference: Hashable, Sendable {
    public var key: RequirementKey
    public var position: SourcePosition
    /// Where the framework id is written when it is a key of its own (`soc2:` in
    /// `satisfies: { soc2: [CC6.1, CC6.2] }`), so a mistyped framework is reported once, there,
    /// rather than once per requirement; nil when the framework is part of the reference text.
    public var frameworkPosition: SourcePosition?
    /// For `satisfies`: whether the control is a key control of the requirement, so the
    /// requirement's score cannot exceed the control's (`key: true`).
    public var isKey: Bool
    /// For `satisfies`: the level the control enforces against the requirement.
    public var level: EnforcementLevel

    public init(
        _ key: RequirementKey, at position: SourcePosition,
        frameworkAt frameworkPosition: SourcePosition? = nil, isKey: Bool = false,
        level: EnforcementLevel = .meets
    ) {
        self.key = key
        self.position = position
        self.frameworkPosition = frameworkPosition
        self.isKey = isKey
        self.level = level
    }
}

/// A control of the organisation: what it does, who owns it, what it satisfies and how it is
/// proven.
public struct Control: Hashable, Sendable {
    /// The fields, kept in one shared box (`CopyOnWrite`): a control is copied into every
    /// leaf row, gap check and scoring index entry, far more often than it is changed.
    private struct Fields: Hashable, Sendable {
        var id: ControlID
        var title: LocalizedText
        var description: LocalizedText?
        var owner: String?
        var visibility: Visibility
        var weight: Double
        var notApplicable: String?
        var satisfies: [RequirementReference]
        var evidence: [EvidenceSpec]
        var tags: [String]
        var position: SourcePosition
    }

    private var fields: CopyOnWrite<Fields>

    public var id: ControlID {
        get { fields.value.id }
        _modify { yield &fields.value.id }
    }
    public var title: LocalizedText {
        get { fields.value.title }
        _modify { yield &fields.value.title }
    }
    public var description: LocalizedText? {
        get { fields.value.description }
        _modify { yield &fields.value.description }
    }
    public var owner: String? {
        get { fields.value.owner }
        _modify { yield &fields.value.owner }
    }
    public var visibility: Visibility {
        get { fields.value.visibility }
        _modify { yield &fields.value.visibility }
    }
    /// Relative weight when several controls satisfy one requirement; greater than zero.
    public var weight: Double {
        get { fields.value.weight }
        _modify { yield &fields.value.weight }
    }
    /// Set when the control does not apply; the text is the justification. Such a control is
    /// left out of scoring.
    public var notApplicable: String? {
        get { fields.value.notApplicable }
        _modify { yield &fields.value.notApplicable }
    }
    public var satisfies: [RequirementReference] {
        get { fields.value.satisfies }
        _modify { yield &fields.value.satisfies }
    }
    public var evidence: [EvidenceSpec] {
        get { fields.value.evidence }
        _modify { yield &fields.value.evidence }
    }
    public var tags: [String] {
        get { fields.value.tags }
        _modify { yield &fields.value.tags }
    }
    public var position: SourcePosition {
        get { fields.value.position }
        _modify { yield &fields.value.position }
    }

    public init(
        id: ControlID, title: LocalizedText, description: LocalizedText? = nil,
        owner: String? = nil, visibility: Visibility = .internal, weight: Double = 1,
        notApplicable: String? = nil, satisfies: [RequirementReference] = [],
        evidence: [EvidenceSpec] = [], tags: [String] = [], position: SourcePosition
    ) {
        fields = CopyOnWrite(
            Fields(
                id: id, title: title, description: description, owner: owner,
                visibility: visibility, weight: weight, notApplicable: notApplicable,
                satisfies: satisfies, evidence: evidence, tags: tags, position: position))
    }
}
