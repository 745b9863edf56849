/// How an OLIR relation is spelled as an OSCAL 1.2 map `relationship`, both ways, in one
/// table so that an exported collection reads back into the same mappings.
///
/// OSCAL's relationships follow NIST IR 8477's set theory: the source set is `equivalent-to`,
/// `equal-to`, `subset-of`, `superset-of` or `intersects-with` the target set, or has
/// `no-relationship` with it. `equal-to` (same text) and `equivalent-to` (same meaning) are one
/// relation in OLIR terms: both cover the same obligations.
extension MappingRelation {
    /// What an OSCAL map's `relationship` says.
    public enum OSCALReading: Hashable, Sendable {
        /// A relation Attest records as a mapping.
        case relation(MappingRelation)
        /// `no-relationship`: the author looked and found none; Attest records no mapping.
        case none
    }

    /// The OSCAL `relationship` token written for this relation.
    public var oscalRelationship: String {
        switch self {
        case .equivalent: "equivalent-to"
        case .subsetOf: "subset-of"
        case .supersetOf: "superset-of"
        case .intersects: "intersects-with"
        }
    }

    /// The reading of an OSCAL `relationship` token; nil for a token OSCAL does not define.
    public static func reading(oscalRelationship token: String) -> OSCALReading? {
        switch token {
        case "equivalent-to", "equal-to": .relation(.equivalent)
        case "subset-of": .relation(.subsetOf)
        case "superset-of": .relation(.supersetOf)
        case "intersects-with": .relation(.intersects)
        case "no-relationship": OSCALReading.none
        default: nil
        }
    }
}
