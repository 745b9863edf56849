import AttestCore
import AttestSystem
import Foundation

/// Reads a certificate or letter: a file (Markdown, usually) whose front matter states the
/// certificate's facts, so the page shows what the file says rather than what someone typed.
///
/// ```
/// ---
/// issuer: Lumen Assurance Labs
/// certified_on: 2026-06-12
/// expires_on: 2027-06-11
/// score: 9.7/10
/// ---
/// ```
/// Only `key: value` lines are read, like `reviewed:` by the file collector; `issuer`,
/// `certified_on` and `expires_on` are required, `score` is optional, other keys are left to
/// people. The file is read through the workspace's confinement function and hashed.
public enum CertificateLetter {
    /// Certificate files larger than this are refused: a letter is a page, not a dataset.
    static let maxBytes = 1024 * 1024

    /// The facts of the file at `path` (workspace-relative) under `root`.
    public static func read(_ path: String, in root: URL) -> Result<CertificateFacts, LetterProblem>
    {
        let start = SourcePosition.start(of: path)
        guard let relative = try? WorkspacePath(path) else {
            return .failure(LetterProblem("\(path) is not a path inside the workspace", at: start))
        }
        let file: ArtifactFile
        switch ArtifactFile.read(relative, in: root, limit: maxBytes) {
        case .success(let read): file = read
        case .failure(.missing(let detail)), .failure(.unreadable(let detail)):
            return .failure(LetterProblem(detail, at: start))
        }
        guard let text = file.text else {
            return .failure(LetterProblem("\(path) is not UTF-8 text", at: start))
        }
        return facts(in: text, path: path, sha256: file.sha256)
    }

    /// The facts of a file's text (exposed for tests of the format).
    static func facts(
        in text: String, path: String, sha256: String
    ) -> Result<CertificateFacts, LetterProblem> {
        let start = SourcePosition.start(of: path)
        guard let fields = frontMatter(text, path: path) else {
            return .failure(
                LetterProblem(
                    "\(path) has no front matter (a '---' block stating issuer, certified_on "
                        + "and expires_on)", at: start))
        }
        func required(_ key: String) -> Result<(String, SourcePosition), LetterProblem> {
            guard let field = fields[key], !field.value.isEmpty else {
                return .failure(LetterProblem("\(path) states no '\(key)'", at: start))
            }
            return .success(field)
        }
        let issuer: String
        switch required("issuer") {
        case .success(let field): issuer = field.0
        case .failure(let problem): return .failure(problem)
        }
        var days: [String] = []
        for key in ["certified_on", "expires_on"] {
            switch required(key) {
            case .failure(let problem): return .failure(problem)
            case .success(let (value, position)):
                guard Timestamp.day(value) != nil else {
                    return .failure(
                        LetterProblem(
                            "\(key) '\(value)' is not a date (YYYY-MM-DD)", at: position))
                }
                days.append(value)
            }
        }
        if days[1] < days[0], let position = fields["expires_on"]?.position {
            return .failure(
                LetterProblem(
                    "expires_on \(days[1]) is before certified_on \(days[0])", at: position))
        }
        return .success(
            CertificateFacts(
                issuer: issuer, certifiedOn: days[0], expiresOn: days[1],
                score: fields["score"].map { $0.value }.flatMap { $0.isEmpty ? nil : $0 },
                path: path, sha256: sha256))
    }

    /// Where each fact of a file is written, for diagnostics that point into it.
    public static func position(of key: String, in text: String, path: String) -> SourcePosition? {
        frontMatter(text, path: path)?[key]?.position
    }

    /// `key: value` lines of the leading `---` block, with their positions; nil when the file
    /// does not start with one that is closed.
    private static func frontMatter(
        _ text: String, path: String
    ) -> [String: (value: String, position: SourcePosition)]? {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard let first = lines.first, trimmed(first) == "---" else { return nil }
        var fields: [String: (value: String, position: SourcePosition)] = [:]
        for (index, line) in lines.enumerated().dropFirst() {
            let content = trimmed(line)
            if content == "---" || content == "..." { return fields }
            guard let colon = content.firstIndex(of: ":") else { continue }
            let key = String(content[..<colon])
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0 == "_" }) else { continue }
            var value = content[content.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
            if let comment = value.range(of: " #") { value = value[..<comment.lowerBound] }
            var text = trimmed(value)
            if text.count >= 2, let quote = text.first, quote == "\"" || quote == "'",
                text.last == quote
            {
                text = String(text.dropFirst().dropLast())
            }
            let column = content.distance(from: content.startIndex, to: colon) + 3
            fields[key] = (text, SourcePosition(file: path, line: index + 1, column: column))
        }
        return nil
    }

    private static func trimmed<S: StringProtocol>(_ text: S) -> String {
        var result = String(text)
        while let last = result.last, last == " " || last == "\t" || last == "\r" {
            result.removeLast()
        }
        return result
    }
}
