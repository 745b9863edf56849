import Testing

@testable import AttestEvidence

@Suite struct SecretRedactorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var input: String
        var expected: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "AWS access key id", input: "key id AKIAIOSFODNN7EXAMPLE in use",
            expected: "key id [REDACTED] in use"),
        Case(
            name: "AWS temporary key id", input: "ASIAY34FZKBOKMUTVV7A",
            expected: "[REDACTED]"),
        Case(
            name: "GitHub classic token",
            input: "remote: ghp_1234567890abcdefghijklmnopqrstuvwxyzAB rejected",
            expected: "remote: [REDACTED] rejected"),
        Case(
            name: "GitHub fine-grained token",
            input: "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123",
            expected: "[REDACTED]"),
        Case(
            name: "Slack bot token", input: "SLACK=xoxb-1234567890-0987654321-AbCdEfGhIjKl",
            expected: "SLACK=[REDACTED]"),
        Case(
            name: "Slack user token", input: "xoxp-1111-2222-3333-abcdef",
            expected: "[REDACTED]"),
        Case(
            name: "Authorization bearer header",
            input: "> Authorization: Bearer abc.def-ghi_jkl",
            expected: "> Authorization: Bearer [REDACTED]"),
        Case(
            name: "authorization token header in a curl line",
            input: "curl -H 'authorization: token 123456789abc' https://api",
            expected: "curl -H 'authorization: token [REDACTED]' https://api"),
        Case(
            name: "bare bearer credential", input: "sent bearer 0123456789abcdef to the proxy",
            expected: "sent bearer [REDACTED] to the proxy"),
        Case(
            name: "password assignment", input: "password=hunter2 user=ana",
            expected: "password=[REDACTED] user=ana"),
        Case(
            name: "quoted password assignment", input: "DB_PASSWORD='s3cret value' next",
            expected: "DB_PASSWORD=[REDACTED] next"),
        Case(
            name: "JSON password field", input: #"{"password": "hun\"ter2", "user": "ana"}"#,
            expected: #"{"password": "[REDACTED]", "user": "ana"}"#),
        Case(
            name: "JSON token field", input: #"{"access_token":"abc123","expires_in":3600}"#,
            expected: #"{"access_token":"[REDACTED]","expires_in":3600}"#),
        Case(
            name: "api_key in YAML", input: "api_key: abcd1234efgh",
            expected: "api_key: [REDACTED]"),
        Case(
            name: "client secret with spaces", input: "client_secret = xyz789",
            expected: "client_secret = [REDACTED]"),
        Case(
            name: "other token variable", input: "export GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx",
            expected: "export GITLAB_TOKEN=[REDACTED]"),
        Case(
            name: "JSON web token",
            input:
                "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0."
                + "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U ok",
            expected: "jwt [REDACTED] ok"),
        Case(
            name: "private key block",
            input: """
                before
                -----BEGIN RSA PRIVATE KEY-----
                MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun
                VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK
                -----END RSA PRIVATE KEY-----
                after
                """,
            expected: "before\n[REDACTED PRIVATE KEY]\nafter"),
        Case(
            name: "private key block cut short by the output cap",
            input: "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU",
            expected: "[REDACTED PRIVATE KEY]"),
        Case(
            name: "ordinary output is untouched", input: "412 tests, 3 failures, 0 errors",
            expected: "412 tests, 3 failures, 0 errors"),
        Case(
            name: "words about tokens are untouched", input: "the token bucket refills at 10/s",
            expected: "the token bucket refills at 10/s"),
        Case(
            name: "PATH is untouched", input: "PATH=/usr/local/bin:/usr/bin",
            expected: "PATH=/usr/local/bin:/usr/bin"),
        Case(
            name: "a public key is untouched", input: "-----BEGIN PUBLIC KEY-----",
            expected: "-----BEGIN PUBLIC KEY-----"),
    ]

    @Test(arguments: cases)
    func standardRulesRedact(_ testCase: Case) {
        #expect(SecretRedactor.standard.redact(testCase.input) == testCase.expected)
    }

    /// Forms the standard rules used to miss: short secret names, credentials in URLs,
    /// unquoted JSON values and vendor token shapes.
    static let missedForms: [Case] = [
        Case(
            name: "pass assignment", input: "pass=hunter2 user=ana",
            expected: "pass=[REDACTED] user=ana"),
        Case(name: "pwd assignment", input: "pwd=hunter2", expected: "pwd=[REDACTED]"),
        Case(
            name: "JSON pass field", input: #"{"pass": "hunter2", "user": "ana"}"#,
            expected: #"{"pass": "[REDACTED]", "user": "ana"}"#),
        Case(
            name: "JSON token field with a number", input: #"{"token": 123, "ttl": 60}"#,
            expected: #"{"token": [REDACTED], "ttl": 60}"#),
        Case(
            name: "JSON secret field with true", input: #"{"client_secret":true}"#,
            expected: #"{"client_secret":[REDACTED]}"#),
        Case(name: "DB_PASS variable", input: "DB_PASS=s3cr3t", expected: "DB_PASS=[REDACTED]"),
        Case(
            name: "MYSQL_PWD variable", input: "MYSQL_PWD=s3cr3t", expected: "MYSQL_PWD=[REDACTED]"),
        Case(
            name: "bare GitLab token", input: "pushed with glpat-AbCdEfGhIjKlMnOpQrSt ok",
            expected: "pushed with [REDACTED] ok"),
        Case(
            name: "Stripe live secret key", input: "charge via sk_live_51HqLyjWDarjtT1zdp7dc0123",
            expected: "charge via [REDACTED]"),
        Case(
            name: "Stripe restricted key", input: "rk_test_51HqLyjWDarjtT1zdp7dc0123",
            expected: "[REDACTED]"),
        Case(
            name: "Google API key", input: "maps AIzaSyA1bC2dE3fG4hI5jK6lM7nO8pQ9rS0tU1v end",
            expected: "maps [REDACTED] end"),
        Case(
            name: "npm token",
            input: "//registry/:_authToken npm_abcdefghijklmnopqrstuvwxyz0123456789",
            expected: "//registry/:_authToken [REDACTED]"),
        Case(
            name: "URL userinfo", input: "GET https://deploy:hunter2@example.com/status → 200",
            expected: "GET https://deploy:[REDACTED]@example.com/status → 200"),
        Case(
            name: "URL userinfo of another scheme", input: "postgres://app:pa55@db:5432/main",
            expected: "postgres://app:[REDACTED]@db:5432/main"),
        Case(
            name: "token query value", input: "https://h/x?token=abc123&page=2",
            expected: "https://h/x?token=[REDACTED]&page=2"),
        Case(
            name: "key query value", input: "https://h/x?key=abc123",
            expected: "https://h/x?key=[REDACTED]"),
        Case(
            name: "sig query value (Azure SAS)",
            input: "https://a.blob/c?sv=2020-08-04&sig=abc%2Fdef&se=1",
            expected: "https://a.blob/c?sv=2020-08-04&sig=[REDACTED]&se=1"),
        Case(
            name: "signature query value", input: "https://h/x?X-Amz-Signature=0123abcd&b=1",
            expected: "https://h/x?X-Amz-Signature=[REDACTED]&b=1"),
        Case(
            name: "access_token query value", input: "https://h/cb#access_token=ya29.abc&t=1",
            expected: "https://h/cb#access_token=[REDACTED]&t=1"),
        Case(
            name: "api_key query value", input: "https://h/x?api_key=abc123",
            expected: "https://h/x?api_key=[REDACTED]"),
        Case(
            name: "password query value", input: "https://h/x?user=a&password=abc123",
            expected: "https://h/x?user=a&password=[REDACTED]"),
        Case(
            name: "passphrase assignment", input: "passphrase: 'open sesame'",
            expected: "passphrase: [REDACTED]"),
    ]

    @Test(arguments: missedForms)
    func formsThatUsedToBeMissedAreRedacted(_ testCase: Case) {
        #expect(SecretRedactor.standard.redact(testCase.input) == testCase.expected)
    }

    /// Words that contain a short secret name but are not one stay as they are.
    @Test(arguments: [
        "keyboard=1", "monkey=banana", "turkey: roast", "passport=X123", "bypass=true",
        "compass=north", "signal=9", "design=flat", "keys=3", "passing=12 tests",
        "https://h/x?page=2&sort=name", "see https://example.com/path@v2", "ssh://git@github.com/a",
        "pk_live_51HqLyjWDarjtT1zdp7dc0123",
    ])
    func nearMissesAreUntouched(_ text: String) {
        #expect(SecretRedactor.standard.redact(text) == text)
    }

    @Test func redactingTwiceChangesNothingMore() {
        let once = SecretRedactor.standard.redact("password=hunter2 token: abc")
        #expect(SecretRedactor.standard.redact(once) == once)
        #expect(once == "password=[REDACTED] token: [REDACTED]")
    }

    @Test func customRulesReplaceTheStandardOnes() throws {
        let redactor = try SecretRedactor(rules: [
            .init(name: "ticket", pattern: "TICKET-[0-9]+", template: "TICKET-#")
        ])
        #expect(redactor.redact("see TICKET-42 and password=x") == "see TICKET-# and password=x")
    }

    @Test func anInvalidPatternIsRefused() {
        #expect(throws: (any Error).self) {
            try SecretRedactor(rules: [.init(name: "bad", pattern: "(", template: "")])
        }
    }

    // MARK: Triggers

    /// Pieces of text near and inside what the rules hide: secret words in both cases,
    /// assignments, vendor prefixes, URLs, key blocks, and non-ASCII letters that ICU folds to
    /// ASCII ones (`ſ` is `s`, `K` is `k`, `ß` is `ss`).
    static let fragments = [
        "pass", "PASS", "Pwd", "key", "KEY", "sig", "Secret", "token", "word", "phrase", "api",
        "_", "-", ".", "=", ":", "\"", "'", " ", "\t", "\n", "\u{0B}", "\u{1C}", ",", "&", "?",
        "{", "}", "[", "]", "authorization", "Authorization", "Bearer ", "bearer", "basic ",
        "https://", "postgres://", "user", "@", "host", "/", "eyJ", "eyJhbGciOiJIUzI1NiJ9",
        "AKIA", "ASIA", "IOSFODNN7EXAMPLE", "ghp_", "github_pat_", "glpat-", "xoxb-", "sk_live_",
        "whsec_", "AIza", "npm_", "pypi-AgEIcHlwaS5vcmc", "-----BEGIN ", "RSA ", "PRIVATE KEY-----",
        "-----END ", "ſ", "ß", "K", "é", "—", "\u{A0}", "abc123XYZ", "0123456789abcdefghij",
        "passed", "keyboard", "signal", "monkey", "[REDACTED]",
    ]

    /// Texts built from `fragments` by a fixed-seed generator, so a failure repeats.
    static func generatedTexts(count: Int) -> [String] {
        var state: UInt64 = 0x5EC2_E7ED
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { _ in
            (0..<(1 + next(14))).map { _ in fragments[next(fragments.count)] }.joined()
        }
    }

    /// The triggers only skip rules that could not match: the redaction is the same as running
    /// every rule, on the examples above and on 30,000 generated texts. The corpus is checked to
    /// exercise both ways, so the test cannot pass by never skipping or never redacting.
    @Test func triggersNeverChangeWhatIsRedacted() {
        let redactor = SecretRedactor.standard
        let examples = (Self.cases + Self.missedForms).flatMap { [$0.input, $0.expected] }
        let index = TriggerIndex(SecretRedactor.standardRules.map(\.trigger))
        var redacted = 0
        var skippedEveryRule = 0
        for text in examples + Self.generatedTexts(count: 30_000) {
            let full = redactor.redact(text, usingTriggers: false)
            #expect(redactor.redact(text) == full, "\(text.debugDescription)")
            // One pass over every trigger answers as each trigger tested alone.
            #expect(
                index.rulesThatMayMatch(text)
                    == SecretRedactor.standardRules.map { $0.trigger?.mayMatch(text) ?? true })
            if full != text { redacted += 1 }
            if !SecretRedactor.standardRules.contains(where: { $0.trigger?.mayMatch(text) ?? true })
            {
                skippedEveryRule += 1
            }
        }
        #expect(redacted > 2_000)
        #expect(skippedEveryRule > 1_000)
    }

    /// A collector message of the usual kind runs no regular expression at all.
    @Test(arguments: [
        "evidence/ctl-00001/ev-00001-2.json: all 4 expectations met",
        "1839 tests, 0 failures, 0 errors, 0 skipped (100.0% passed); minimum 100.0%",
        "stale since 2025-08-13T01:40:00Z: 0 errors, 23 warnings, 94 notes; max error 0",
    ])
    func anOrdinaryMessageTriggersNoRule(_ message: String) {
        #expect(!SecretRedactor.standardRules.contains { $0.trigger?.mayMatch(message) ?? true })
    }

    @Test func eachStandardRuleHasATrigger() {
        #expect(SecretRedactor.standardRules.allSatisfy { $0.trigger != nil })
    }
}
