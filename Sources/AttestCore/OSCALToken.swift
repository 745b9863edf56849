/// OSCAL's `token` type (an XML NCName: a letter or `_`, then letters, digits, `.`, `-`, `_`),
/// and the one rule that turns an Attest id into one.
///
/// OSCAL control ids are tokens; Attest's requirement ids follow each framework's own numbering
/// (`5.1`, `164.312(a)(2)(iv)`, `Art.5(1)(c)`), which often is not. Export writes
/// ``token(for:)`` where OSCAL needs a token, and mapping import accepts it back, so both ends
/// must use this one function.
public enum OSCALToken {
    /// Whether `text` is an OSCAL token: `^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$`.
    public static func isToken(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || isLetter(first) else {
            return false
        }
        return text.unicodeScalars.allSatisfy(isNameCharacter)
    }

    /// The token standing for `id`: `id` itself when it is one; otherwise every run of other
    /// characters becomes one `-` (none at the end), and `_` goes in front when it would not
    /// start with a letter or `_`. `164.312(a)(2)(iv)` → `_164.312-a-2-iv`, `5.1` → `_5.1`,
    /// `Art.5(1)(c)` → `Art.5-1-c`, `CC6.1` → `CC6.1`.
    ///
    /// Readable rather than reversible: two ids differing only in punctuation (`A(1)` and
    /// `A-1`) give one token, which an exporter must detect.
    public static func token(for id: String) -> String {
        if isToken(id) { return id }
        var result = String.UnicodeScalarView()
        var pendingDash = false
        for scalar in id.unicodeScalars {
            if isNameCharacter(scalar) {
                if pendingDash, !result.isEmpty { result.append("-") }
                pendingDash = false
                result.append(scalar)
            } else {
                pendingDash = true
            }
        }
        if let first = result.first, first == "_" || isLetter(first) {
            return String(result)
        }
        return "_" + String(result)
    }

    /// `\p{L}`: a letter of any script.
    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            true
        default: false
        }
    }

    /// `\p{L}`, `\p{N}`, `.`, `-` or `_`.
    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if isLetter(scalar) || scalar == "." || scalar == "-" || scalar == "_" { return true }
        switch scalar.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }
}
