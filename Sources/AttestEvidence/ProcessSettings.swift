import AttestCore
import Foundation

/// The options shared by collectors that run a program (`command`, `external`): `timeout:` and
/// `env:`, and how they turn into a `ProcessRequest`.
struct ProcessSettings {
    var timeout: Duration?
    var extraEnvironment: [String]

    static let options: Set<String> = ["timeout", "env"]

    static func read(_ reader: inout OptionReader) -> ProcessSettings {
        let timeout = reader.timeSpan("timeout").map { Duration.seconds($0.seconds) }
        let names = reader.strings("env") ?? []
        for name in names where !isVariableName(name) {
            reader.invalid(
                "env", "names environment variables; '\(name)' is not one",
                reader.spec.options["env"])
        }
        return ProcessSettings(timeout: timeout, extraEnvironment: names)
    }

    /// `[A-Za-z_][A-Za-z0-9_]*`.
    static func isVariableName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, !(0x30...0x39).contains(first) else { return false }
        return bytes.allSatisfy {
            $0 == 0x5F || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0)
                || (0x61...0x7A).contains($0)
        }
    }

    /// The child's whole environment: the allow-listed names that are set in `environment`.
    ///
    /// Nothing else passes, so a CI secret in the runner's environment is invisible to a
    /// command unless its evidence names it in `env:`.
    func environment(
        context: CollectionContext, from environment: [String: String]
    ) -> [String: String] {
        var result: [String: String] = [:]
        for name in context.environmentAllowList + extraEnvironment {
            if let value = environment[name] { result[name] = value }
        }
        return result
    }

    func request(
        executable: String, arguments: [String], context: CollectionContext,
        environment source: [String: String] = ProcessInfo.processInfo.environment
    ) -> ProcessRequest {
        ProcessRequest(
            executable: executable, arguments: arguments,
            environment: environment(context: context, from: source),
            workingDirectory: context.workspaceRoot, timeout: timeout ?? context.timeout,
            maxOutputBytes: context.maxOutputBytes)
    }
}

/// Turns a process outcome into message text: redacted first, then shortened.
struct OutputExcerpt {
    var redactor: SecretRedactor
    /// Characters of output quoted in a message.
    var length = 300

    /// Redacted stdout and stderr on one line, at most `length` characters; `fromEnd` keeps the
    /// end (where errors usually are) instead of the start.
    func text(of outcome: ProcessOutcome, fromEnd: Bool) -> String {
        var parts: [String] = []
        for (label, output) in [("", outcome.stdout), ("stderr: ", outcome.stderr)] {
            let clean = redactor.redact(Self.droppingCutWord(output))
            let flat = clean.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if !flat.isEmpty { parts.append(label + flat) }
        }
        let joined = parts.joined(separator: " | ")
        guard joined.count > length else { return joined }
        return fromEnd ? "…" + joined.suffix(length) : joined.prefix(length) + "…"
    }

    /// Output cut at the cap may end in half a secret that no rule recognises any more; the
    /// unfinished last word is dropped so it cannot leak.
    static func droppingCutWord(_ output: CapturedOutput) -> String {
        let text = output.text
        guard output.isTruncated else { return text }
        guard let lastSpace = text.lastIndex(where: \.isWhitespace) else { return "" }
        return String(text[..<lastSpace])
    }

    /// ` (output truncated at 65536 bytes)` when either stream went past the cap.
    static func truncationNote(_ outcome: ProcessOutcome, limit: Int) -> String {
        outcome.stdout.isTruncated || outcome.stderr.isTruncated
            ? " (output truncated at \(limit) bytes)" : ""
    }
}

extension Duration {
    /// `30s`, `2m`, `1500ms`: how timeouts are printed.
    var shortDescription: String {
        let (seconds, attoseconds) = components
        if attoseconds == 0 { return TimeSpan(seconds: Int(seconds)).description }
        return "\(seconds * 1_000 + attoseconds / 1_000_000_000_000_000)ms"
    }
}
