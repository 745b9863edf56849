import Foundation

/// Replaces secrets in text with `[REDACTED]` before it reaches a message, a report or a
/// database.
///
/// Commands print what they like; an `env` dump or a verbose `curl` would otherwise publish a
/// token on the trust center. The rules are conservative pattern matches (documented in
/// docs/collectors.md): they keep the name of what was hidden (`password=[REDACTED]`) so a
/// reader still understands the output.
public struct SecretRedactor: Sendable {
    /// One pattern and what replaces each match (`$1` keeps a captured prefix).
    public struct Rule: Sendable {
        /// What the rule hides, for documentation and tests.
        public var name: String
        /// An NSRegularExpression (ICU) pattern.
        public var pattern: String
        /// The replacement; `$1` keeps the first capture group (such as `password=`).
        public var template: String
        /// What every match must contain, tested before the pattern runs; `nil` always runs it.
        public var trigger: RedactionTrigger?

        public init(
            name: String, pattern: String, template: String, trigger: RedactionTrigger? = nil
        ) {
            self.name = name
            self.pattern = pattern
            self.template = template
            self.trigger = trigger
        }
    }

    /// The rules, in the order they are applied.
    public let rules: [Rule]
    // NSRegularExpression is immutable once built and safe to share between threads.
    private let compiled: [CompiledRule]

    private struct CompiledRule: @unchecked Sendable {
        var regex: NSRegularExpression
        var template: String
    }

    /// The rules' triggers, tested together in one pass over a text.
    private let triggers: TriggerIndex

    /// A redactor with `rules`, applied in order.
    ///
    /// - Throws: The error of the first pattern that is not a valid regular expression.
    public init(rules: [Rule]) throws {
        self.rules = rules
        triggers = TriggerIndex(rules.map(\.trigger))
        compiled = try rules.map {
            CompiledRule(
                regex: try NSRegularExpression(pattern: $0.pattern), template: $0.template)
        }
    }

    /// The built-in rules: private keys, cloud and chat tokens, JWTs, bearer headers, and
    /// `password`/`token`/`secret`/`api_key` assignments.
    public static let standard: SecretRedactor = {
        do {
            return try SecretRedactor(rules: standardRules)
        } catch {
            preconditionFailure("built-in redaction rule does not compile: \(error)")
        }
    }()

    /// Replaces every match of every rule.
    ///
    /// A rule whose trigger the text lacks is skipped: almost every collector message holds no
    /// secret, and a regular expression costs far more than a byte scan (it was the largest
    /// cost of collecting 100,000 results). The trigger is tested on the text as the rules
    /// before it left it.
    public func redact(_ text: String) -> String {
        redact(text, usingTriggers: true)
    }

    /// `redact(_:)`, optionally running every rule whatever its trigger (the reference the
    /// triggers are tested against).
    func redact(_ text: String, usingTriggers: Bool) -> String {
        var result = text
        var may = usingTriggers ? triggers.rulesThatMayMatch(result) : []
        for (index, rule) in compiled.enumerated() {
            if usingTriggers, !may[index] { continue }
            let range = NSRange(result.startIndex..., in: result)
            let replaced = rule.regex.stringByReplacingMatches(
                in: result, range: range, withTemplate: rule.template)
            // The triggers of the rules still to run are tested on the text as it now is.
            if usingTriggers, replaced != result { may = triggers.rulesThatMayMatch(replaced) }
            result = replaced
        }
        return result
    }

    static let marker = "[REDACTED]"

    /// Words that make a field or variable name secret wherever they appear in it:
    /// `DB_PASSWORD`, `client_secret`, `GITLAB_TOKEN`, `api-key`, `X-Amz-Signature`.
    static let secretWords =
        "(?:password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key"
        + "|signature)"

    /// Short words that make a name secret only as a whole segment of it (between `_`, `-`,
    /// `.` or the ends): `DB_PASS`, `MYSQL_PWD`, `key`, `sig`, `--pass`, but not `keyboard`,
    /// `monkey`, `passport`, `bypass` or `signal`.
    static let secretSegments = "(?:pass|pwd|key|sig)"

    /// A field or variable name that is secret; it never starts in the middle of a name.
    static let secretName =
        #"(?<![A-Za-z0-9_.\-])(?:[A-Za-z0-9_.-]*"# + secretWords + #"[A-Za-z0-9_.-]*"#
        + #"|[_.-]*(?:[A-Za-z0-9]+[_.-]+)*"# + secretSegments + #"(?:[_.-]+[A-Za-z0-9]+)*)"#

    /// The order matters: whole blocks first, then specific token shapes, then generic
    /// assignments, so a more specific rule names what it hid.
    static let standardRules: [Rule] = [
        Rule(
            name: "private key block",
            pattern:
                #"-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(-----END \1PRIVATE KEY-----|\z)"#,
            template: "[REDACTED PRIVATE KEY]", trigger: .anyOf(["-----BEGIN "])),
        Rule(
            name: "JSON web token",
            pattern: #"\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*"#,
            template: marker, trigger: .anyOf(["eyJ"])),
        Rule(
            name: "AWS access key id",
            pattern: #"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\b"#,
            template: marker, trigger: .anyOf(["AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA"])),
        Rule(
            name: "GitHub token",
            pattern: #"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})"#,
            template: marker,
            trigger: .anyOf(["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"])),
        Rule(
            name: "GitLab token",
            pattern:
                #"\bgl(?:pat|dt|rt|ptt|cbt|ft|imt|soat|oas|agent)-[A-Za-z0-9_-]{20,}"#,
            template: marker,
            trigger: .anyOf([
                "glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "glft-", "glimt-", "glsoat-",
                "gloas-", "glagent-",
            ])),
        Rule(
            name: "Slack token",
            pattern: #"\bxox[abpr]-[A-Za-z0-9-]{8,}"#,
            template: marker, trigger: .anyOf(["xoxa-", "xoxb-", "xoxp-", "xoxr-"])),
        Rule(
            name: "Stripe secret key",
            pattern: #"\b(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}|whsec_[A-Za-z0-9]{20,})"#,
            template: marker,
            trigger: .anyOf(["sk_live_", "sk_test_", "rk_live_", "rk_test_", "whsec_"])),
        Rule(
            name: "Google API key",
            pattern: #"\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])"#,
            template: marker, trigger: .anyOf(["AIza"])),
        Rule(
            name: "npm token",
            pattern: #"\bnpm_[A-Za-z0-9]{36}(?![A-Za-z0-9])"#,
            template: marker, trigger: .anyOf(["npm_"])),
        Rule(
            name: "PyPI token",
            pattern: #"\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}"#,
            template: marker, trigger: .anyOf(["pypi-AgEIcHlwaS5vcmc"])),
        Rule(
            name: "authorization header",
            pattern:
                #"(?i)\b(authorization\s*[:=]\s*"?(?:bearer|basic|token|digest)?\s*)[^\s"',;]+"#,
            template: "$1\(marker)", trigger: .anyOfIgnoringCase(["authorization"])),
        Rule(
            name: "bearer token",
            pattern: #"(?i)\b(bearer\s+)[A-Za-z0-9._~+/=-]{8,}"#,
            template: "$1\(marker)", trigger: .anyOfIgnoringCase(["bearer"])),
        Rule(
            name: "password in a URL",
            pattern: #"(?i)\b([a-z][a-z0-9+.-]*://[^\s/?#@:]*:)(?!\[REDACTED)[^\s/?#@]+(@)"#,
            template: "$1\(marker)$2", trigger: .anyOf(["://"])),
        Rule(
            name: "quoted secret field",
            pattern: #"(?i)(""# + secretName + #""\s*:\s*")(?:[^"\\]|\\.)*(")"#,
            template: "$1\(marker)$2", trigger: .secretName),
        Rule(
            name: "secret field with an unquoted value",
            pattern: #"(?i)(""# + secretName + #""\s*:\s*)(?![\[{"]|\[REDACTED)[^\s,}\]]+"#,
            template: "$1\(marker)", trigger: .secretName),
        Rule(
            name: "secret assignment",
            pattern: #"(?i)("# + secretName + #"\s*[:=]\s*)(?!\[REDACTED)"#
                + #"("[^"\n]*"|'[^'\n]*'|[^\s"',;&)\]}>]+)"#,
            template: "$1\(marker)", trigger: .secretName),
    ]
}
