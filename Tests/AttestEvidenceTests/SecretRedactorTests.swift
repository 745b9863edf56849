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
}
