import AttestCore

/// Resolves the `id-ref`s of an OSCAL mapping collection to the requirements of one framework.
///
/// An `id-ref` names a control (or a statement part) of the catalog behind a resource. Attest
/// accepts, in this order: the control id Attest's exports give the requirement
/// (``OSCALToken/identifiers(of:)``: the `oscal.id` a requirement imported from OSCAL keeps,
/// such as `ac-2.1` for `AC-2(1)`, else a token made from its id, `_164.312.a` for
/// `164.312(a)`), so a collection Attest exported reads back; any `oscal.id` in metadata; and
/// the requirement id itself (`5.1`, which `id-ref`, a string, may hold). The first requirement
/// to claim a name keeps it.
struct OSCALMappingReferences: Sendable {
    /// A resolved end: the requirement, and whether it was reached through a statement part.
    struct Resolution: Hashable, Sendable {
        var requirement: RequirementID
        /// True when a statement (`ac-2_smt.a`) was read as its control (`ac-2`).
        var viaStatement: Bool
    }

    private var byName: [String: RequirementID] = [:]

    /// - Complexity: O(r) for the r requirements of `framework`.
    init(_ framework: Framework) {
        let all = Self.flatten(framework.requirements)
        let exported = OSCALToken.identifiers(of: framework)
        for requirement in all {
            if let id = exported[requirement.id] { claim(id, requirement.id) }
        }
        for requirement in all {
            if let oscalID = requirement.metadata["oscal.id"] { claim(oscalID, requirement.id) }
        }
        for requirement in all { claim(requirement.id.rawValue, requirement.id) }
    }

    /// The requirement `item` names, if any.
    ///
    /// A statement part is looked up as written first, then as its control: NIST names a
    /// control's statement parts after it (`ac-2_smt`, `ac-2_smt.a`).
    func resolve(_ item: OSCALMappingCollection.Item) -> Resolution? {
        if let found = byName[item.idRef] {
            return Resolution(requirement: found, viaStatement: false)
        }
        guard item.kind == .statement, let cut = item.idRef.range(of: "_smt") else { return nil }
        return byName[String(item.idRef[..<cut.lowerBound])].map {
            Resolution(requirement: $0, viaStatement: true)
        }
    }

    private mutating func claim(_ name: String, _ id: RequirementID) {
        if byName[name] == nil { byName[name] = id }
    }

    private static func flatten(_ requirements: [Requirement]) -> [Requirement] {
        var result: [Requirement] = []
        var stack = Array(requirements.reversed())
        while let next = stack.popLast() {
            result.append(next)
            stack += next.children.reversed()
        }
        return result
    }
}
