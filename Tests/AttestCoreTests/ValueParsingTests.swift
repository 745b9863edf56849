import AttestCore
import Testing

@Suite struct TimeSpanTests {
    @Test(arguments: [
        ("45s", 45), ("15m", 900), ("12h", 43_200), ("90d", 7_776_000), ("2w", 1_209_600),
        ("1d", 86_400),
    ])
    func parsesEachUnit(_ text: String, _ seconds: Int) {
        #expect(TimeSpan(parsing: text)?.seconds == seconds)
    }

    @Test(arguments: ["", "d", "90", "90days", "-5d", "0d", "1.5d", "5y", " 5d", "99999999999999d"])
    func refusesMalformedDurations(_ text: String) {
        #expect(TimeSpan(parsing: text) == nil)
    }

    /// The reading by byte accepts what the rule stated by character accepts: a positive whole
    /// number of ASCII digits then one unit character, at most a hundred years; held on texts
    /// with marks joined to the digits or the unit, other scripts' digits, signs, and numbers
    /// at the edge of overflow.
    @Test func theBytesAreReadAsTheCharactersAre() {
        let pieces = [
            "0", "1", "9", "00", "12", "\u{301}", "\u{663}", "+", "-", " ", "x", "d", "s", "m",
            "h", "w", "\u{0301}d", "d\u{301}", "36600", "9223372036854775807", "922337203685477580",
        ]
        var texts: [String] = []
        for first in pieces {
            for second in pieces {
                for third in ["", "d", "s", "w", "d\u{301}", "x"] {
                    texts.append(first + second + third)
                }
            }
        }
        for text in texts {
            // The rule in words, by character.
            var expected: Int?
            if let unit = text.last, text.count >= 2 {
                let digits = text.dropLast()
                let scale = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800][String(unit)]
                if let scale, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                    let value = Int(digits), value > 0
                {
                    let (product, overflow) = value.multipliedReportingOverflow(by: scale)
                    if !overflow, product <= 100 * 366 * 86_400 { expected = product }
                }
            }
            #expect(TimeSpan(parsing: text)?.seconds == expected, "\(text.debugDescription)")
        }
    }

    @Test(arguments: [
        (86_400 * 90, "90d"), (3_600, "1h"), (90, "90s"), (1_209_600, "14d"), (120, "2m"),
    ])
    func printsTheShortestExactSpelling(_ seconds: Int, _ text: String) {
        #expect(TimeSpan(seconds: seconds).description == text)
    }
}

@Suite struct ResolvedScalarTests {
    @Test(arguments: [
        ("true", false, ResolvedScalar.bool(true)), ("False", false, .bool(false)),
        ("~", false, .null), ("", false, .null), ("42", false, .int(42)), ("-7", false, .int(-7)),
        ("0x1F", false, .int(31)), ("1.3", false, .double(1.3)), ("1e3", false, .double(1000)),
        ("1.3", true, .string("1.3")), ("true", true, .string("true")),
        ("yes", false, .string("yes")),
        ("164.312", false, .double(164.312)), ("A.8.24", false, .string("A.8.24")),
        ("e5", false, .string("e5")), ("1.2.3", false, .string("1.2.3")),
    ])
    func resolvesWithTheCoreSchema(_ text: String, _ quoted: Bool, _ expected: ResolvedScalar) {
        #expect(ResolvedScalar(text, isQuoted: quoted) == expected)
    }
}

@Suite struct MappingRelationTests {
    @Test func inverseSwapsSubsetAndSupersetAndKeepsSymmetricRelations() {
        #expect(MappingRelation.subsetOf.inverse == .supersetOf)
        #expect(MappingRelation.supersetOf.inverse == .subsetOf)
        #expect(MappingRelation.equivalent.inverse == .equivalent)
        #expect(MappingRelation.intersects.inverse == .intersects)
        for relation in MappingRelation.allCases { #expect(relation.inverse.inverse == relation) }
    }
}

@Suite struct RequirementKeyTests {
    @Test func parsesFrameworkAndRequirementAtTheFirstSlash() {
        #expect(RequirementKey(parsing: "soc2/CC6.1") == RequirementKey("soc2", "CC6.1"))
        #expect(RequirementKey(parsing: "x/a/b") == RequirementKey("x", "a/b"))
        #expect(RequirementKey(parsing: "soc2") == nil)
        #expect(RequirementKey(parsing: "/CC6.1") == nil)
        #expect(RequirementKey(parsing: "soc2/") == nil)
    }
}

@Suite struct EvidenceStatusTests {
    @Test(arguments: [
        (EvidenceStatus.pass, 1.0), (.fail, 0), (.error, 0), (.stale, 0), (.missing, 0),
        (.partial(0.25), 0.25), (.partial(1.7), 1), (.partial(-1), 0), (.partial(.nan), 0),
    ])
    func scoresEachStatus(_ status: EvidenceStatus, _ score: Double) {
        #expect(status.score == score)
    }

    @Test func roundTripsThroughItsStoredName() {
        for status in [EvidenceStatus.pass, .fail, .partial(0.5), .error, .stale, .missing] {
            #expect(EvidenceStatus(name: status.name, score: status.score) == status)
        }
        #expect(EvidenceStatus(name: "maybe", score: 0) == nil)
    }
}
