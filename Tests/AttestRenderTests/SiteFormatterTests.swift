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
    ])
    func onlyMachineReadableDatesBecomeTimeAttributes(text: String, expected: Bool) {
        #expect(SiteFormatter.isMachineDate(text) == expected)
    }
}
