import Foundation
import Testing

@testable import AttestEvidence

/// `Assertion.isVersionKey` searches an ASCII key's bytes; it must answer what lowercasing the
/// key's last segment and Foundation's search answer, for every key.
@Suite struct VersionKeyTests {
    static func reference(_ key: String) -> Bool {
        let last = key.split(separator: ".").last.map(String.init) ?? key
        return last.lowercased().contains("version")
    }

    static let keys: [String] = {
        var keys = [
            "", ".", "version", "Version", "VERSION", "min_version", "tls.minVersion",
            "version.major", "a.b.c.VeRsIoN_x", "versio", "ersion", "vers ion", "v.ersion",
            "@ERSION", "VERSIO\u{4E}", "vérsion", "versión", "VERSİON", "Ｖersion", "version\u{301}",
            "x.version\u{301}", "ſersion", "version.", "a.version..", "...", "x..version",
            ".version", "version.x", "VERSION..", "version.\u{301}x", "a.\u{301}version",
        ]
        // Random keys over letters near `version` in both cases, dots and punctuation.
        let alphabet = Array("vVeErRsSiIoOnN._@`[{ -")
        var state: UInt64 = 0x7E55_1014
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var key = ""
            let length = Int(state >> 59) + 4
            var bits = state
            for _ in 0..<length {
                bits = bits &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                key.append(alphabet[Int(bits >> 58) % alphabet.count])
            }
            keys.append(key)
            keys.append("version" + key)
        }
        return keys
    }()

    @Test func answersWhatLowercasingAndSearchingAnswer() {
        let differing = Self.keys.filter { Assertion.isVersionKey($0) != Self.reference($0) }
        #expect(differing.isEmpty, "\(differing.prefix(10))")
        #expect(Self.keys.filter(Assertion.isVersionKey).count > 1_000)
    }

    @Test(arguments: ["a]", "a]b", "x.a]b", "]"])
    func aKeyWithAClosingBracketIsNotAPath(_ text: String) {
        #expect(ValuePath(parsing: text) == nil)
    }

    @Test(arguments: ["a", "a.b", "a[0].b", "a[*]", "$"])
    func plainPathsStillParse(_ text: String) {
        #expect(ValuePath(parsing: text) != nil)
    }
}
