import Testing

@testable import AttestRender

@Suite struct SiteFormatterTests {
    @Test(arguments: [
        ("en", 72.44, "72.4%"),
        ("en", 100, "100.0%"),
        ("en", 0, "0.0%"),
        ("fr", 72.44, "72,4\u{202F}%"),
        ("fr-CA", 5, "5,0\u{202F}%"),
        ("de", 72.44, "72,4\u{00A0}%"),
        ("ja", 72.44, "72.4%"),
    ])
    func percentagesFollowTheLocale(locale: String, value: Double, expected: String) {
        #expect(SiteFormatter(locale: locale).percent(value) == expected)
    }

    @Test(arguments: [
        ("en", 1234.5, 1, "1234.5"),
        ("fr", 1234.5, 1, "1234,5"),
        ("fr", -0.25, 2, "-0,25"),
        ("fr", 4, 0, "4"),
        ("de", 9.7, 1, "9,7"),
    ])
    func numbersUseTheDecimalSeparatorOfTheLocale(
        locale: String, value: Double, decimals: Int, expected: String
    ) {
        #expect(SiteFormatter(locale: locale).number(value, decimals: decimals) == expected)
    }

    @Test(arguments: [
        ("en", "9.7/10", "9.7/10"),
        ("fr", "9.7/10", "9,7/10"),
        ("fr", "12.25/20", "12,25/20"),
        ("fr", "4/5", "4/5"),
        ("fr", "A+", "A+"),
        ("fr", "9.7 out of 10", "9.7 out of 10"),
    ])
    func externalScoresWriteTheirNumbersForTheLocale(
        locale: String, text: String, expected: String
    ) {
        #expect(SiteFormatter(locale: locale).score(text) == expected)
    }

    @Test(arguments: [
        ("en", "2026-05-01", "May 1, 2026"),
        ("en", "2025-11-14", "November 14, 2025"),
        ("fr", "2026-05-01", "1er mai 2026"),
        ("fr", "2026-08-15", "15 août 2026"),
        ("de", "2026-05-01", "2026-05-01"),
        ("en", "soon", "soon"),
        ("en", "2026-13-01", "2026-13-01"),
    ])
    func datesFollowTheLocale(locale: String, iso: String, expected: String) {
        #expect(SiteFormatter(locale: locale).date(iso) == expected)
    }

    @Test(arguments: [
        ("en", "2026-05-01T10:00:00Z", "May 1, 2026, 10:00 UTC"),
        ("fr", "2026-05-01T10:00:00Z", "1er mai 2026 à 10:00 UTC"),
        ("en", "2026-05-01T10:00:00+0000", "May 1, 2026, 10:00 UTC"),
        ("en", "2026-05-01T12:30:00+0200", "May 1, 2026, 12:30 +0200"),
        ("de", "2026-05-01T10:00:00Z", "2026-05-01 10:00 UTC"),
        ("en", "2026-05-01", "May 1, 2026"),
    ])
    func buildTimesFollowTheLocale(locale: String, iso: String, expected: String) {
        #expect(SiteFormatter(locale: locale).dateTime(iso) == expected)
    }

    @Test(arguments: [
        ("en", "2027-Q3", "Q3 2027"),
        ("fr", "2027-Q3", "T3 2027"),
        ("en", "2027-Q5", "2027-Q5"),
        ("en", "next year", "next year"),
    ])
    func targetQuartersAreSpelledForTheLocale(locale: String, text: String, expected: String) {
        #expect(SiteFormatter(locale: locale).quarter(text) == expected)
    }
}

extension SiteFormatterTests {
    @Test(arguments: [
        ("2026-05-01", true),
        ("2026-05-01T10:00:00Z", true),
        ("2026-05-01T10:00:00+0200", true),
        ("2026-05-01T10:00:00.250-05:00", true),
        ("2026-05-01T10:00", true),
        ("2026-13-01", false),
        ("2026-05-01 <script>", false),
        ("soon", false),
        ("", false),
        // The attribute's digits are ASCII; other scripts' digits are not a machine date.
        ("2026-05-01T\u{661}\u{660}:00Z", false),
        ("\u{662}\u{660}\u{662}\u{666}-05-01", false),
    ])
    func onlyMachineReadableDatesBecomeTimeAttributes(text: String, expected: Bool) {
        #expect(SiteFormatter.isMachineDate(text) == expected)
    }

    /// The byte scanners accept exactly what the grammars' regular expressions (the earlier
    /// implementation) accept, on ASCII texts near valid ones: every text one, two or three
    /// random edits away from a valid date, date-time or score.
    @Test func theScannersAcceptWhatTheGrammarsAccept() {
        let date = /\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?/
        let scorePart = /\d{1,9}(\.\d{1,6})?/
        let seeds = [
            "2026-05-01", "2026-05-01T10:00", "2026-05-01T10:00:00Z",
            "2026-05-01T10:00:00.250-05:00", "2026-12-31T23:59:59+0200", "9.7/10", "123456789/1",
            "4.25/5.000001",
        ]
        let alphabet = Array("0123456789-T:Z+./ x")
        var random = SplitMix64(seed: 15)
        var accepted = (dates: 0, scores: 0)
        for seed in seeds {
            for _ in 0..<3_000 {
                var text = Array(seed)
                for _ in 0...random.next(below: 3) {
                    let at = random.next(below: text.count + 1)
                    let character = alphabet[random.next(below: alphabet.count)]
                    switch random.next(below: 3) {
                    case 0: text.insert(character, at: at)
                    case 1 where at < text.count: text.remove(at: at)
                    default: if at < text.count { text[at] = character }
                    }
                }
                let candidate = String(text)
                let isDate =
                    candidate.wholeMatch(of: date) != nil
                    && SiteFormatter.dateParts(candidate) != nil
                #expect(SiteFormatter.isMachineDate(candidate) == isDate, "\(candidate)")
                // The earlier `score`, word for word, with its regular expression.
                let french = SiteFormatter(locale: "fr")
                let parts = candidate.split(separator: "/", omittingEmptySubsequences: false)
                let isScore =
                    parts.count == 2
                    && parts.allSatisfy { $0.wholeMatch(of: scorePart) != nil && Double($0) != nil }
                let expected =
                    isScore
                    ? parts.map { part in
                        french.number(
                            Double(part) ?? .nan,
                            decimals: part.split(separator: ".").dropFirst().first?.count ?? 0)
                    }.joined(separator: "/") : candidate
                #expect(french.score(candidate) == expected, "\(candidate)")
                if isDate { accepted.dates += 1 }
                if isScore { accepted.scores += 1 }
            }
        }
        // Near-misses and hits both occur, so the comparison is not only of rejections.
        #expect(accepted.dates > 1_000 && accepted.scores > 1_000, "\(accepted)")
    }
}

/// A small deterministic generator (SplitMix64), so a failure names a reproducible text.
private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next(below bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
