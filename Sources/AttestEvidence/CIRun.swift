import Foundation

/// The CI run or job a run of Attest belongs to, read from the standard environment variables
/// of GitHub Actions and GitLab CI.
///
/// What is read lands in reports (an HTML link), so it is validated: an absolute http(s) URL of
/// at most `maxLength` characters, with no whitespace or control characters, built from parts
/// that look like what the CI system sets. Anything else is ignored, not reported.
public enum CIRun {
    /// Longest URL accepted.
    public static let maxLength = 512

    /// The run's URL: GitHub Actions `GITHUB_SERVER_URL/GITHUB_REPOSITORY/actions/runs/
    /// GITHUB_RUN_ID`, else GitLab's `CI_JOB_URL`; nil outside CI or when a value is invalid.
    public static func url(environment: [String: String]) -> String? {
        if let server = environment["GITHUB_SERVER_URL"],
            let repository = environment["GITHUB_REPOSITORY"],
            let run = environment["GITHUB_RUN_ID"],
            isRepository(repository), !run.isEmpty, run.allSatisfy(\.isASCIIDigit),
            !server.hasSuffix("/")
        {
            return validated("\(server)/\(repository)/actions/runs/\(run)")
        }
        if let job = environment["CI_JOB_URL"] { return validated(job) }
        return nil
    }

    /// `text` when it is an acceptable http(s) URL, else nil.
    public static func validated(_ text: String) -> String? {
        guard text.count <= maxLength,
            text.unicodeScalars.allSatisfy({
                $0.value > 0x20 && $0.value < 0x7F && !"\"<>\\^`{|}".unicodeScalars.contains($0)
            }),
            let url = URL(string: text), let scheme = url.scheme?.lowercased(),
            scheme == "https" || scheme == "http", let host = url.host, !host.isEmpty,
            url.user == nil, url.password == nil
        else { return nil }
        return text
    }

    /// `owner/name` with GitHub's characters (ASCII letters, digits, `-`, `_`, `.`).
    private static func isRepository(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2
            && parts.allSatisfy { part in
                !part.isEmpty && part != "." && part != ".."
                    && part.unicodeScalars.allSatisfy { scalar in
                        scalar.isASCII
                            && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                                || "-_.".unicodeScalars.contains(scalar))
                    }
            }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
