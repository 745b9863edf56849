/// OSCAL's `token` type (an XML NCName: a letter or `_`, then letters, digits, `.`, `-`, `_`),
/// and the one rule that gives every requirement of a framework its OSCAL control id.
///
/// OSCAL control ids are tokens; Attest's requirement ids follow each framework's own numbering
/// (`5.1`, `164.312(a)(2)(iv)`, `Art.5(1)(c)`), which often is not. Export (`ControlIdentifiers`
/// in AttestOSCAL) writes ``identifiers(of:)`` wherever OSCAL names a control, and mapping import
/// (AttestCatalog) reads them back, so both ends use this one rule. It lives in Core because
/// those two modules may not import each other.
public enum OSCALToken {
    /// Whether `text` is an OSCAL token: `^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$`.
    public static func isToken(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || isLetter(first) else {
            return false
        }
        return text.unicodeScalars.allSatisfy {
            isLetter($0) || isNumber($0) || "._-".unicodeScalars.contains($0)
        }
    }

    /// The token made from an Attest id: `(x)` becomes `.x` (`AC-2(1)` → `AC-2.1`), any other
    /// character a token cannot hold becomes `-`, and `_` is put first when the id does not
    /// start with a letter (`164.312(a)(1)` → `_164.312.a.1`, `5.1` → `_5.1`). An id that is a
    /// token stays as it is.
    public static func token(for id: String) -> String {
        var result = ""
        for scalar in id.unicodeScalars {
            switch scalar {
            case "(": result.append(result.isEmpty ? "_" : ".")
            case ")": break
            case _
            where isLetter(scalar) || isNumber(scalar) || "._-".unicodeScalars.contains(scalar):
                result.unicodeScalars.append(scalar)
            default: result.append("-")
            }
        }
        return isToken(result) ? result : "_" + result
    }

    /// The OSCAL control id of every requirement of `framework`.
    ///
    /// A requirement imported from OSCAL keeps its `oscal.id` (`ac-2.1`) when that is a token
    /// no other requirement claimed first, so ids round-trip. Every other requirement gets
    /// ``token(for:)`` of its id; one already taken gets `-2`, `-3`, … in catalog order, so the
    /// result is deterministic and one-to-one.
    ///
    /// - Complexity: O(n) for n requirements.
    public static func identifiers(of framework: Framework) -> [RequirementID: String] {
        var byRequirement: [RequirementID: String] = [:]
        var taken: Set<String> = []
        // Imported ids first: they must win over a derived id that happens to equal them.
        var pending: [Requirement] = []
        var stack = Array(framework.requirements.reversed())
        while let requirement = stack.popLast() {
            if let imported = requirement.metadata["oscal.id"], isToken(imported),
                taken.insert(imported).inserted
            {
                byRequirement[requirement.id] = imported
            } else {
                pending.append(requirement)
            }
            stack += requirement.children.reversed()
        }
        for requirement in pending {
            let base = token(for: requirement.id.rawValue)
            var candidate = base
            var suffix = 2
            while !taken.insert(candidate).inserted {
                candidate = "\(base)-\(suffix)"
                suffix += 1
            }
            byRequirement[requirement.id] = candidate
        }
        return byRequirement
    }

    /// Unicode's `L` categories, as `\p{L}` in OSCAL's patterns.
    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            true
        default: false
        }
    }

    /// Unicode's `N` categories, as `\p{N}`.
    private static func isNumber(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: true
        default: false
        }
    }
}
