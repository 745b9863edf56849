import AttestCore

/// The OSCAL id (a `token`) of every requirement of a framework, the same in every model that
/// names a control (catalog `control/@id`, `control-id`, `target-id`).
///
/// A requirement imported from OSCAL keeps its `oscal.id` (`ac-2.1`), so ids round-trip. A
/// native one gets an id derived from its Attest id: `(x)` becomes `.x` (`AC-2(1)` → `AC-2.1`),
/// any other character a token cannot hold becomes `-`, and `_` is put first when the id does not
/// start with a letter (`164.312` → `_164.312`). A derived id already taken gets `-2`, `-3`, … in
/// catalog order, so the mapping is deterministic and one-to-one.
public struct ControlIdentifiers: Sendable {
    private var byRequirement: [RequirementID: String] = [:]

    /// Assigns an id to every requirement of `framework`, in catalog order.
    ///
    /// - Complexity: O(n) for n requirements.
    public init(_ framework: Framework) {
        var taken: Set<String> = []
        // Imported ids first: they must win over a derived id that happens to equal them.
        var pending: [Requirement] = []
        func visit(_ requirement: Requirement) {
            if let imported = requirement.metadata["oscal.id"], OSCALMarkup.isToken(imported),
                taken.insert(imported).inserted
            {
                byRequirement[requirement.id] = imported
            } else {
                pending.append(requirement)
            }
            requirement.children.forEach(visit)
        }
        framework.requirements.forEach(visit)
        for requirement in pending {
            let base = Self.token(from: requirement.id.rawValue)
            var candidate = base
            var suffix = 2
            while !taken.insert(candidate).inserted {
                candidate = "\(base)-\(suffix)"
                suffix += 1
            }
            byRequirement[requirement.id] = candidate
        }
    }

    /// The OSCAL id of `requirement`; nil when it is not in the framework.
    public subscript(requirement: RequirementID) -> String? { byRequirement[requirement] }

    /// An OSCAL token made from an Attest id (see the type's documentation).
    public static func token(from id: String) -> String {
        var result = ""
        for scalar in id.unicodeScalars {
            switch scalar {
            case "(": result.append(result.isEmpty ? "_" : ".")
            case ")": break
            case _
            where OSCALMarkup.isLetter(scalar) || OSCALMarkup.isNumber(scalar)
                || "._-".unicodeScalars.contains(scalar):
                result.unicodeScalars.append(scalar)
            default: result.append("-")
            }
        }
        return OSCALMarkup.isToken(result) ? result : "_" + result
    }
}
