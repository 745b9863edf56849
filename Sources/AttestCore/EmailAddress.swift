/// The syntax check of a work e-mail address: `local@domain`, ASCII only, at most 254
/// characters (RFC 5321's path limit less its brackets), a local part of at most 64 of the
/// characters RFC 5322 allows unquoted (no leading, trailing or doubled dot), and a domain of at
/// least two dot-separated labels of letters, digits and inner hyphens, ending in letters.
///
/// Quoted local parts, address literals and internationalised addresses are refused: a work
/// address has none, and each would complicate the e-mail headers built from it. One check for
/// the portal's form and mail headers and for the addresses `portal:` names, so an address
/// validate accepts is one the portal can send to.
public enum EmailAddress {
    public static let maxLength = 254

    public static func isValid(_ text: String) -> Bool {
        guard text.utf8.count <= maxLength, text.allSatisfy(\.isASCII) else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        return isLocalPart(parts[0]) && isDomain(parts[1])
    }

    private static let localSymbols = Set("!#$%&'*+/=?^_`{|}~-".utf8)

    private static func isLocalPart(_ local: Substring) -> Bool {
        guard !local.isEmpty, local.utf8.count <= 64, !local.hasPrefix("."), !local.hasSuffix("."),
            !local.contains("..")
        else { return false }
        return local.utf8.allSatisfy { byte in
            isAlphanumeric(byte) || byte == UInt8(ascii: ".") || localSymbols.contains(byte)
        }
    }

    /// A domain as the address check accepts it (`buyer.example`): `portal.auto_approve`
    /// names domains this way.
    public static func isDomain(_ domain: some StringProtocol) -> Bool {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, domain.utf8.count <= 253 else { return false }
        for label in labels {
            guard (1...63).contains(label.utf8.count), !label.hasPrefix("-"), !label.hasSuffix("-"),
                label.utf8.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "-") })
            else { return false }
        }
        guard let top = labels.last, top.utf8.count >= 2 else { return false }
        return top.utf8.allSatisfy { isLetter($0) }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
