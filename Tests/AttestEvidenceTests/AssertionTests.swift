import AttestCore
import Foundation
import Testing

@testable import AttestEvidence

@Suite struct AssertionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var expect: String
        var failures: [String]
        var testDescription: String { expect }
    }

    /// The exported IdP policy every case is judged against.
    static func document() throws -> ConfigValue {
        let data = try Data(contentsOf: Kit.fixtures.appendingPathComponent("json/idp-policy.json"))
        return try JSONReader(file: "idp-policy.json").parse(data)
    }

    static func assertion(_ expect: String) -> Assertion? {
        let spec = Kit.spec(.json, path: "x.json", options: "expect: \(expect)")
        var diagnostics: [Diagnostic] = []
        let parsed = spec.options["expect"].flatMap {
            Assertion.expectations($0, option: "expect", diagnostics: &diagnostics)
        }
        // `password.version: 1.3` is judged on purpose: validate warns about it, nothing else.
        #expect(diagnostics.allSatisfy { $0.code == .evidenceUnquotedVersion }, "\(diagnostics)")
        return parsed
    }

    static let cases: [Case] = [
        Case(expect: "{ mfa.required: true }", failures: []),
        Case(
            expect: "{ session.max_hours: 8 }",
            failures: ["session.max_hours: expected 8, found 12"]),
        Case(
            expect: "{ password.version: 1.3 }",
            failures: [#"password.version: expected 1.3, found "1.3""#]),
        Case(expect: #"{ password.version: "1.3" }"#, failures: []),
        Case(expect: "{ password.min_length: 14.0 }", failures: []),
        Case(expect: #"{ session.max_hours: { "<=": 12 } }"#, failures: []),
        Case(
            expect: #"{ session.max_hours: { "<": 12 } }"#,
            failures: ["session.max_hours: expected < 12, found 12"]),
        Case(expect: #"{ session.idle_minutes: { ">=": 15 } }"#, failures: []),
        Case(
            expect: #"{ session.idle_minutes: { ">": 30 } }"#,
            failures: ["session.idle_minutes: expected > 30, found 30"]),
        Case(expect: "{ provider: { in: [okta, azure-ad] } }", failures: []),
        Case(
            expect: "{ provider: { in: [azure-ad, google] } }",
            failures: [#"provider: expected in ["azure-ad", "google"], found "okta""#]),
        Case(
            expect: #"{ provider: { "!=": okta } }"#,
            failures: [#"provider: expected != "okta", found "okta""#]),
        Case(expect: #"{ provider: { "==": okta } }"#, failures: []),
        Case(expect: #"{ "mfa.methods[0]": webauthn }"#, failures: []),
        Case(expect: #"{ "mfa.methods[5]": webauthn }"#, failures: ["mfa.methods[5]: not found"]),
        Case(expect: "{ sso.enabled: { exists: false } }", failures: []),
        Case(expect: "{ mfa.required: { exists: true } }", failures: []),
        Case(
            expect: "{ mfa.required: { exists: false } }",
            failures: ["mfa.required: expected to be absent, found true"]),
        Case(expect: "{ sso.enabled: true }", failures: ["sso.enabled: not found"]),
        Case(expect: #"{ exported_at: { matches: "^2026-05-" } }"#, failures: []),
        Case(
            expect: #"{ provider: { matches: "^azure" } }"#,
            failures: [#"provider: expected to match "^azure", found "okta""#]),
        Case(
            expect: "{ users: { all: { mfa: true } } }",
            failures: ["users[2].mfa: expected true, found false"]),
        Case(
            expect: #"{ "users[*].mfa": true }"#,
            failures: ["users[2].mfa: expected true, found false"]),
        Case(expect: "{ users: { any: { admin: true, mfa: true } } }", failures: []),
        Case(
            expect: "{ users: { any: { name: dave } } }",
            failures: [#"users: no item matches {name: "dave"}"#]),
        Case(expect: "{ mfa.methods: { any: totp } }", failures: []),
        Case(expect: "{ mfa.admin_methods: { all: webauthn } }", failures: []),
        Case(
            expect: "{ session: { all: true } }",
            failures: ["session: expected an array, found {max_hours: 12, idle_minutes: 30}"]),
        Case(expect: "{ mfa.methods: [webauthn, totp] }", failures: []),
        Case(
            expect: "{ mfa.methods: [totp, webauthn] }",
            failures: [#"mfa.methods: expected ["totp", "webauthn"], found ["webauthn", "totp"]"#]),
        Case(
            expect: #"{ session: { max_hours: 12, idle_minutes: { "<=": 15 } } }"#,
            failures: ["session.idle_minutes: expected <= 15, found 30"]),
        Case(
            expect: #"{ provider: { "<": 3 } }"#,
            failures: [#"provider: expected a number < 3, found "okta""#]),
        Case(
            expect: #"[ { session.max_hours: { ">": 1 } }, { session.max_hours: { "<": 24 } } ]"#,
            failures: []),
        Case(
            expect: "{ mfa.required: false, session.max_hours: 24, sso: on }",
            failures: [
                "mfa.required: expected false, found true",
                "session.max_hours: expected 24, found 12", "sso: not found",
            ]),
    ]

    @Test(arguments: cases)
    func assertionsJudgeTheDocument(_ testCase: Case) throws {
        let assertion = try #require(Self.assertion(testCase.expect))
        #expect(assertion.failures(of: try Self.document(), at: "") == testCase.failures)
    }

    @Test func wildcardsAndAllOverAnEmptyArrayHoldButAnyDoesNot() throws {
        let document = try JSONReader(file: "d.json").parse(Data(#"{"rules": []}"#.utf8))
        #expect(
            try #require(Self.assertion(#"{ "rules[*].port": 443 }"#)).failures(
                of: document, at: "") == [])
        #expect(
            try #require(Self.assertion("{ rules: { all: { port: 443 } } }")).failures(
                of: document, at: "") == [])
        #expect(
            try #require(Self.assertion("{ rules: { any: { port: 443 } } }")).failures(
                of: document, at: "")
                == ["rules: no item matches {port: 443} (the array is empty)"])
    }

    /// A number in a document, an assertion on it, and whether it holds.
    struct NumberCase: Sendable, CustomTestStringConvertible {
        var found: String
        var expect: String
        var holds: Bool
        var testDescription: String { "\(found) \(expect) → \(holds)" }
    }

    /// Numbers compare by exact value, never through a `Double`: 2^53 + 1 is not 2^53, a
    /// positive number too small for a `Double` is still greater than zero, and one too large
    /// is still finite.
    static let numberCases: [NumberCase] = [
        NumberCase(found: "9007199254740993", expect: "9007199254740992", holds: false),
        NumberCase(found: "9007199254740993", expect: "9007199254740993", holds: true),
        NumberCase(found: "9007199254740993", expect: #"{ ">": 9007199254740992 }"#, holds: true),
        NumberCase(found: "1e-400", expect: #"{ ">": 0 }"#, holds: true),
        NumberCase(found: "1e-400", expect: "0", holds: false),
        NumberCase(found: "-1e-400", expect: #"{ "<": 0 }"#, holds: true),
        NumberCase(found: "1e400", expect: #"{ ">": 1e399 }"#, holds: true),
        NumberCase(found: "-1e400", expect: #"{ "<": -1e399 }"#, holds: true),
        NumberCase(found: "1e400", expect: "1e400", holds: true),
        NumberCase(found: "-0", expect: "0", holds: true),
        NumberCase(found: "-0.0", expect: "0", holds: true),
        NumberCase(found: "0", expect: #"{ "<": 0 }"#, holds: false),
        NumberCase(found: "-0", expect: #"{ ">=": 0 }"#, holds: true),
        NumberCase(found: "1", expect: "1.0", holds: true),
        NumberCase(found: "1.000", expect: "1", holds: true),
        NumberCase(found: "10", expect: "1e1", holds: true),
        NumberCase(found: "100", expect: "1E+2", holds: true),
        NumberCase(found: "0.1", expect: "1e-1", holds: true),
        NumberCase(found: "0.0025", expect: #"{ ">=": 2.5e-3 }"#, holds: true),
        NumberCase(found: "0.0025", expect: #"{ ">": 2.5e-3 }"#, holds: false),
        NumberCase(found: "0.1000000000000000055511151231257827", expect: "0.1", holds: false),
        NumberCase(found: "-5", expect: #"{ "<": -4 }"#, holds: true),
        NumberCase(found: "-5", expect: #"{ ">": -4 }"#, holds: false),
        NumberCase(found: "-1.5", expect: #"{ "<": -1.25 }"#, holds: true),
        NumberCase(found: "-1.25", expect: #"{ "<=": -1.5 }"#, holds: false),
        NumberCase(
            found: "12345678901234567890123", expect: #"{ ">": 12345678901234567890122 }"#,
            holds: true),
        NumberCase(found: "99999999999999999999", expect: "1e20", holds: false),
        NumberCase(found: "100000000000000000000", expect: "1e20", holds: true),
        NumberCase(found: "16", expect: "0x10", holds: true),
        NumberCase(found: "2.0", expect: "{ in: [1, 2] }", holds: true),
        NumberCase(found: "9007199254740993", expect: "{ in: [9007199254740992] }", holds: false),
        NumberCase(found: "9007199254740993", expect: #"{ "!=": 9007199254740992 }"#, holds: true),
        NumberCase(found: "1e-400", expect: #"{ "!=": 0 }"#, holds: true),
        NumberCase(found: "1", expect: #""1""#, holds: false),
        NumberCase(
            found: "1e99999999999999999999", expect: #"{ ">": 1e99999999999999999998 }"#,
            holds: true),
        NumberCase(
            found: "0.1e99999999999999999999", expect: "1e99999999999999999998", holds: true),
        NumberCase(found: "1e-99999999999999999999", expect: #"{ ">": 0 }"#, holds: true),
        NumberCase(
            found: "1e-99999999999999999999", expect: #"{ "<": 1e-99999999999999999998 }"#,
            holds: true),
    ]

    /// The YAML words for infinity and NaN: infinity orders beyond every finite number and
    /// NaN equals nothing, itself included.
    @Test(arguments: [
        (".inf", #"{ ">": 1e400 }"#, true), ("-.inf", #"{ "<": -1e400 }"#, true),
        (".inf", ".inf", true), (".nan", ".nan", false), (".nan", #"{ "<": 0 }"#, false),
        (".nan", #"{ ">=": 0 }"#, false),
    ])
    func yamlInfinityAndNaNCompareAsTheirWords(
        _ found: String, _ expect: String, _ holds: Bool
    )
        throws
    {
        let assertion = try #require(Self.assertion("{ n: \(expect) }"))
        let position = SourcePosition(file: "n.yaml", line: 1, column: 1)
        let document = ConfigValue(
            .mapping([
                ConfigEntry(
                    key: "n", keyPosition: position,
                    value: ConfigValue(.scalar(found, isQuoted: false), at: position))
            ]), at: position)
        #expect(assertion.failures(of: document, at: "").isEmpty == holds)
    }

    @Test(arguments: numberCases, ["json", "yaml"])
    func numbersCompareExactly(_ testCase: NumberCase, _ format: String) throws {
        let assertion = try #require(Self.assertion("{ n: \(testCase.expect) }"))
        let document: ConfigValue
        if format == "json" {
            document = try JSONReader(file: "n.json").parse(Data("{\"n\": \(testCase.found)}".utf8))
        } else {
            // What the YAML loader yields for `n: <found>`: a plain (unquoted) scalar.
            let position = SourcePosition(file: "n.yaml", line: 1, column: 1)
            document = ConfigValue(
                .mapping([
                    ConfigEntry(
                        key: "n", keyPosition: position,
                        value: ConfigValue(.scalar(testCase.found, isQuoted: false), at: position))
                ]), at: position)
        }
        #expect(assertion.failures(of: document, at: "").isEmpty == testCase.holds)
    }

    @Test func sequencesOfNumbersCompareExactly() throws {
        let document = try JSONReader(file: "d.json").parse(
            Data(#"{"ids": [9007199254740993, 1e-400]}"#.utf8))
        let same = try #require(Self.assertion("{ ids: [9007199254740993, 1e-400] }"))
        let rounded = try #require(Self.assertion("{ ids: [9007199254740992, 0] }"))
        #expect(same.failures(of: document, at: "") == [])
        #expect(
            rounded.failures(of: document, at: "")
                == ["ids: expected [9007199254740992, 0], found [9007199254740993, 1e-400]"])
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        var expect: String
        var diagnostic: String
        var testDescription: String { expect }
    }

    @Test(arguments: [
        BadCase(
            expect: #"{ tls.min_version: { "<>": 3 } }"#,
            diagnostic: "evidence.invalid-expectation 1:30"),
        BadCase(expect: #"{ "a..b": 1 }"#, diagnostic: "evidence.invalid-expectation 1:11"),
        BadCase(expect: #"{ a: { "<": "3" } }"#, diagnostic: "evidence.invalid-expectation 1:21"),
        BadCase(expect: "{ a: { in: [] } }", diagnostic: "evidence.invalid-expectation 1:20"),
        BadCase(
            expect: #"{ a: { matches: "([" } }"#, diagnostic: "evidence.invalid-expectation 1:25"),
        BadCase(
            expect: "{ a: { exists: maybe } }", diagnostic: "evidence.invalid-expectation 1:24"),
        BadCase(
            expect: #"{ a: { in: [1], "==": 2 } }"#, diagnostic: "evidence.invalid-expectation 1:16"
        ),
        BadCase(expect: "3", diagnostic: "evidence.invalid-expectation 1:9"),
        BadCase(expect: "{ a: {} }", diagnostic: "evidence.invalid-expectation 1:14"),
        BadCase(expect: "{ a: [1, { b: 2 }] }", diagnostic: "evidence.invalid-expectation 1:18"),
    ])
    func invalidExpectationsAreReportedAtTheirPosition(_ testCase: BadCase) {
        let spec = Kit.spec(
            .json, path: "json/idp-policy.json", options: "expect: \(testCase.expect)")
        let diagnostics = JSONCollector().validate(spec)
        #expect(Kit.codes(diagnostics) == [testCase.diagnostic])
        #expect(diagnostics.allSatisfy { $0.position?.file == Kit.controlFile })
    }

    @Test(arguments: [
        ("tls.min_version", true), ("rules[0].port", true), ("users[*].mfa", true),
        ("[0].name", true), ("a[1][2]", true), ("a..b", false), (".a", false), ("a.", false),
        ("a[x]", false), ("a[", false), ("a]b", false), ("", false), ("a[-1]", false),
    ])
    func pathSyntax(_ text: String, _ valid: Bool) {
        #expect((ValuePath(parsing: text) != nil) == valid)
        if valid { #expect(ValuePath(parsing: text)?.description == text) }
    }

    /// An ASCII path read by byte gives the steps the reading by character gives, for every
    /// text of up to five characters over the syntax's own characters (and a CR LF pair), and
    /// for longer mixes of them: valid paths and every way of breaking one.
    @Test func aPathReadByByteIsThePathReadByCharacter() {
        let alphabet = ["a", "b", ".", "[", "]", "*", "0", "7", "$", "\r\n", " "]
        var texts: [String] = [""]
        var frontier = [""]
        for _ in 0..<5 {
            frontier = frontier.flatMap { prefix in alphabet.map { prefix + $0 } }
            texts += frontier
        }
        var state: UInt64 = 15
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<12 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += alphabet[Int(state >> 33) % alphabet.count]
            }
            texts.append(text)
        }
        var valid = 0
        for text in texts {
            let bytes = ValuePath.asciiSteps(text)
            #expect(bytes == ValuePath.characterSteps(text), "\(text.debugDescription)")
            if bytes != nil { valid += 1 }
        }
        #expect(valid > 1_000, "\(valid) valid paths")
    }
}
