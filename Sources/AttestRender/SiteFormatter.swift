import Foundation

/// Formats numbers and dates for one page locale of the trust center.
///
/// The rules are written out here instead of asking the platform's locale data, so a page
/// is byte-identical on every machine: English writes "72.4%", "9.7/10" and "May 1, 2026";
/// French writes "72,4 %" (a narrow no-break space, U+202F, before the sign, as French
/// typography sets it), "9,7/10" and "1er mai 2026".
/// Other locales use the decimal comma where the language does, and ISO dates.
struct SiteFormatter: Sendable {
    /// The page locale, such as `en`, `fr` or `fr-CA`.
    let locale: String

    init(locale: String) { self.locale = locale }

    /// The language part of the locale (`fr` for `fr-CA`), lowercased.
    var language: String {
        String(locale.split(separator: "-").first ?? "").lowercased()
    }

    private static let commaLanguages: Set<String> = [
        "fr", "de", "es", "it", "nl", "pt", "pl", "sv", "da", "fi", "nb", "nn", "cs", "ru", "tr",
    ]
    /// Languages that put a no-break space between a number and `%`.
    private static let spacedPercentLanguages: Set<String> = [
        "de", "sv", "da", "fi", "nb", "nn", "cs", "ru", "pl", "es",
    ]

    /// The decimal separator of the locale: a comma for the languages that write one.
    var decimalSeparator: String { Self.commaLanguages.contains(language) ? "," : "." }

    /// A number with exactly `decimals` decimals and the locale's decimal separator: the one
    /// function through which every number a reader of the page sees is written ("9,7" in
    /// French). Machine formats (JSON, XML, SVG geometry) never go through it.
    func number(_ value: Double, decimals: Int = 1) -> String {
        // The digits come rounded from `SVG.number` (fixed, locale-free); only the separator
        // between the whole and the fractional part is the locale's.
        let digits = SVG.number(value, decimals: decimals)
        let parts = digits.split(separator: ".", maxSplits: 1)
        guard parts.count == 2 else { return digits }
        return parts[0] + decimalSeparator + parts[1]
    }

    /// An external score written `9.7/10` with the locale's numbers ("9,7/10" in French),
    /// keeping the decimals as written; any other text is returned as written.
    func score(_ text: String) -> String {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return text }
        var written: [String] = []
        for part in parts {
            var scan = ASCIIScanner(String(part))
            guard scan.digits(1...9), !scan.skip(".") || scan.digits(1...6), scan.isAtEnd,
                let value = Double(part)
            else { return text }
            let decimals = part.split(separator: ".").dropFirst().first?.count ?? 0
            written.append(number(value, decimals: decimals))
        }
        return written.joined(separator: "/")
    }

    /// A percentage (0–100) with one decimal, such as "72.4%" or "72,4 %".
    func percent(_ value: Double) -> String {
        let number = number(value)
        if language == "fr" { return number + "\u{202F}%" }
        if Self.spacedPercentLanguages.contains(language) { return number + "\u{00A0}%" }
        return number + "%"
    }

    private static let englishMonths = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ]
    private static let frenchMonths = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre",
    ]

    /// The year, month and day of an ISO 8601 date or date-time, if it starts with one.
    static func dateParts(_ iso: String) -> (year: String, month: Int, day: Int)? {
        let characters = Array(iso)
        guard characters.count >= 10, characters[4] == "-", characters[7] == "-",
            let month = Int(String(characters[5...6])), (1...12).contains(month),
            let day = Int(String(characters[8...9])), (1...31).contains(day),
            Int(String(characters[0...3])) != nil
        else { return nil }
        return (String(characters[0...3]), month, day)
    }

    /// Whether `text` can be a `<time datetime>` value: a date (`2026-05-01`) or a date and
    /// time with an optional zone (`2026-05-01T10:00:00Z`, `…+0200`, `…+02:00`).
    ///
    /// Digits are ASCII only, as the attribute's syntax requires. Read byte by byte: a regular
    /// expression literal is compiled again each time it is evaluated, and the site asks this of
    /// every program's dates in every locale.
    static func isMachineDate(_ text: String) -> Bool {
        guard dateParts(text) != nil else { return false }
        var scan = ASCIIScanner(text)
        guard scan.digits(4), scan.skip("-"), scan.digits(2), scan.skip("-"), scan.digits(2)
        else { return false }
        if scan.isAtEnd { return true }
        guard scan.skip("T"), scan.digits(2), scan.skip(":"), scan.digits(2) else { return false }
        if scan.skip(":") {
            guard scan.digits(2) else { return false }
            if scan.skip("."), !scan.digits(1...3) { return false }
        }
        if scan.isAtEnd || scan.skip("Z") { return scan.isAtEnd }
        guard scan.skip("+") || scan.skip("-"), scan.digits(2) else { return false }
        _ = scan.skip(":")
        return scan.digits(2) && scan.isAtEnd
    }

    /// A calendar date such as "May 1, 2026" or "1er mai 2026"; text that is not an ISO date
    /// is returned as written.
    func date(_ iso: String) -> String {
        guard let (year, month, day) = Self.dateParts(iso) else { return iso }
        switch language {
        case "en": return "\(Self.englishMonths[month - 1]) \(day), \(year)"
        case "fr":
            return "\(day == 1 ? "1er" : String(day)) \(Self.frenchMonths[month - 1]) \(year)"
        default: return String(iso.prefix(10))
        }
    }

    /// A build time such as "May 1, 2026, 10:00 UTC" or "1er mai 2026 à 10:00 UTC".
    ///
    /// The time is shown as written in the ISO text (builds record UTC); an offset other than
    /// `Z` or `+0000` is shown after the time.
    func dateTime(_ iso: String) -> String {
        let characters = Array(iso)
        guard Self.dateParts(iso) != nil, characters.count >= 16, characters[10] == "T" else {
            return date(iso)
        }
        let time = String(characters[11...15])
        var zone = String(characters.dropFirst(19).drop { $0 == "." || $0.isNumber })
        if zone == "Z" || zone == "+0000" || zone == "+00:00" || zone.isEmpty { zone = "UTC" }
        switch language {
        case "en": return "\(date(iso)), \(time) \(zone)"
        case "fr": return "\(date(iso)) à \(time) \(zone)"
        default: return "\(date(iso)) \(time) \(zone)"
        }
    }

    /// A target quarter written `2027-Q3`: "Q3 2027" in English, "T3 2027" in French.
    func quarter(_ text: String) -> String {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, Int(parts[0]) != nil,
            parts[1].count == 2, parts[1].first == "Q" || parts[1].first == "q",
            let number = Int(parts[1].dropFirst()), (1...4).contains(number)
        else { return text }
        return "\(language == "fr" ? "T" : "Q")\(number) \(parts[0])"
    }
}

/// A cursor over a string's UTF-8 bytes for short fixed grammars (dates, scores).
struct ASCIIScanner {
    private let bytes: [UInt8]
    private var position = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    var isAtEnd: Bool { position == bytes.count }

    /// Moves past `character` if it comes next.
    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard position < bytes.count, bytes[position] == UInt8(ascii: character) else {
            return false
        }
        position += 1
        return true
    }

    /// Moves past as many ASCII digits as come next, up to `count.upperBound`; false (and
    /// not moved) when fewer than `count.lowerBound` come.
    mutating func digits(_ count: ClosedRange<Int>) -> Bool {
        var end = position
        while end < bytes.count, end - position < count.upperBound,
            (0x30...0x39).contains(bytes[end])
        {
            end += 1
        }
        guard end - position >= count.lowerBound else { return false }
        position = end
        return true
    }

    mutating func digits(_ count: Int) -> Bool { digits(count...count) }
}
