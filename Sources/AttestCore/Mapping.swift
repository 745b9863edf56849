/// How two requirements of different frameworks relate, in NIST OLIR terms.
public enum MappingRelation: String, Hashable, Sendable, Codable, CaseIterable {
    /// Both cover the same obligations.
    case equivalent
    /// Every obligation of the source end is covered by the target end.
    case subsetOf = "subset-of"
    /// The source end covers every obligation of the target end, and more.
    case supersetOf = "superset-of"
    /// They share some obligations.
    case intersects

    /// The relation read from the other end.
    public var inverse: MappingRelation {
        switch self {
        case .subsetOf: .supersetOf
        case .supersetOf: .subsetOf
        case .equivalent, .intersects: self
        }
    }
}

/// One published or reasoned correspondence between two requirements.
public struct Mapping: Hashable, Sendable {
    public var from: RequirementKey
    public var to: RequirementKey
    public var relation: MappingRelation
    /// Where the correspondence comes from: a published mapping, or our reasoning.
    public var source: LocalizedText
    public var note: LocalizedText?
    public var position: SourcePosition

    public init(
        from: RequirementKey, to: RequirementKey, relation: MappingRelation,
        source: LocalizedText, note: LocalizedText? = nil, position: SourcePosition
    ) {
        self.from = from
        self.to = to
        self.relation = relation
        self.source = source
        self.note = note
        self.position = position
    }
}

extension Mapping {
    /// The two ends of a mapping in key order: a pair is the same whichever end a file starts
    /// from.
    struct Ends: Hashable {
        var low: RequirementKey
        var high: RequirementKey
    }

    var ends: Ends { from <= to ? Ends(low: from, high: to) : Ends(low: to, high: from) }

    /// The relation read from `ends.low`: `B superset-of A` is `A subset-of B`.
    var relationFromLowEnd: MappingRelation { from <= to ? relation : relation.inverse }
}
