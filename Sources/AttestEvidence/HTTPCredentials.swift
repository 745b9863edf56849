import AttestCore
import Foundation

/// The http collector's `auth:` option: an API token taken from an environment variable and
/// sent as `Authorization: <scheme> <token>`.
///
/// The workspace names the variable, never the token, so a token cannot be committed with the
/// controls; CI injects it as a secret. Plain request headers (`request_headers:`, such as an
/// API version) are read here too, and may not carry credentials, which would then sit in the
/// workspace in clear.
struct HTTPCredentials {
    /// The environment variable holding the token.
    var variable: String
    /// The word before the token: `Bearer` (GitHub, Google), `SSWS` (Okta), `token`.
    var scheme: String

    /// Header names that carry credentials; only `auth:` may set them.
    static let credentialHeaders: Set<String> = ["authorization", "proxy-authorization", "cookie"]

    static func read(_ reader: inout OptionReader) -> HTTPCredentials? {
        guard let value = reader.spec.options["auth"] else { return nil }
        guard let entries = value.mapping else {
            reader.invalid("auth", "must be a mapping { token_env: NAME, scheme: Bearer }", value)
            return nil
        }
        var variable: String?
        var scheme = "Bearer"
        for entry in entries {
            let text = entry.value.scalar ?? ""
            switch entry.key {
            case "token_env":
                if ProcessSettings.isVariableName(text) {
                    variable = text
                } else {
                    reader.report(
                        .evidenceInvalidOption,
                        "'auth.token_env' names an environment variable; '\(text)' is not one",
                        at: entry.value.position)
                }
            case "scheme":
                if !text.isEmpty, text.utf8.allSatisfy({ isLetterOrDigit($0) || $0 == 0x2D }) {
                    scheme = text
                } else {
                    reader.report(
                        .evidenceInvalidOption,
                        "'auth.scheme' is one word such as Bearer, token or SSWS; found '\(text)'",
                        at: entry.value.position)
                }
            default:
                reader.report(
                    .evidenceInvalidOption,
                    "unknown key '\(entry.key)' in 'auth' (known: scheme, token_env); a token is "
                        + "never written in the workspace, only the variable that holds it",
                    at: entry.keyPosition)
            }
        }
        guard let variable else {
            if !entries.contains(where: { $0.key == "token_env" }) {
                reader.report(
                    .evidenceInvalidOption, "'auth' needs 'token_env:'", at: value.position)
            }
            return nil
        }
        return HTTPCredentials(variable: variable, scheme: scheme)
    }

    /// `request_headers:`: a mapping of header name → value, without credentials.
    static func requestHeaders(_ reader: inout OptionReader) -> [(String, String)] {
        guard let value = reader.spec.options["request_headers"] else { return [] }
        guard let entries = value.mapping else {
            reader.invalid("request_headers", "must be a mapping of header name → value", value)
            return []
        }
        var headers: [(String, String)] = []
        for entry in entries {
            let name = entry.key
            guard !name.isEmpty, name.utf8.allSatisfy(isTokenCharacter) else {
                reader.report(
                    .evidenceInvalidOption, "'\(name)' is not an HTTP header name",
                    at: entry.keyPosition)
                continue
            }
            guard !credentialHeaders.contains(name.lowercased()) else {
                reader.report(
                    .evidenceInvalidOption,
                    "'\(name)' carries credentials: name the variable holding the token in "
                        + "'auth: { token_env: … }' instead", at: entry.keyPosition)
                continue
            }
            guard let text = entry.value.scalar,
                !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
            else {
                reader.report(
                    .evidenceInvalidOption,
                    "the value of header '\(name)' must be one line of text",
                    at: entry.value.position)
                continue
            }
            headers.append((name, text))
        }
        return headers
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// RFC 9110 `tchar`.
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        isLetterOrDigit(byte) || "!#$%&'*+-.^_`|~".utf8.contains(byte)
    }

    /// The standard redaction, plus the token itself wherever it appears (a server may echo
    /// it in a body that a failed assertion quotes).
    struct Redactor {
        var standard: SecretRedactor
        var token: String?

        /// The token hidden, then the standard rules (for URLs and transport errors).
        func redact(_ text: String) -> String { standard.redact(hidingToken(text)) }

        /// Only the token hidden: for the verdict, which the runner redacts again with the
        /// standard rules before the result is stored or shown.
        func hidingToken(_ text: String) -> String {
            guard let token, token.count >= 4 else { return text }
            return text.replacingOccurrences(of: token, with: SecretRedactor.marker)
        }
    }
}
