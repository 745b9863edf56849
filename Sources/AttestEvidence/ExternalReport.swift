import AttestCore
import Foundation

/// The JSON an external collector prints on stdout, validated strictly.
///
/// ```json
/// {"status": "partial", "score": 0.8, "message": "8 of 10 buckets encrypted",
///  "observed_at": "2026-05-01T10:00:00Z", "tally": {"passed": 8, "total": 10},
///  "artifacts": [{"path": "evidence/buckets.json", "sha256": "…64 hex…"}]}
/// ```
/// Strict because a typo such as `"stauts"` must not turn into a silent default.
struct ExternalReport: Equatable {
    var status: EvidenceStatus
    var message: String
    var observedAt: Date?
    var artifacts: [Artifact]
    /// The counts behind the status, when the collector counted a population.
    var tally: Tally? = nil

    static let keys: Set<String> = [
        "status", "score", "message", "observed_at", "artifacts", "tally",
    ]
    static let statuses = ["pass", "fail", "partial", "error"]

    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    /// Validates a parsed report.
    static func read(_ value: ConfigValue, now: Date) throws(Invalid) -> ExternalReport {
        guard let entries = value.mapping else {
            throw Invalid(description: "the output is not a JSON object")
        }
        let unknown = entries.map(\.key).filter { !keys.contains($0) }
        guard unknown.isEmpty else {
            throw Invalid(
                description: "unknown key(s) \(unknown.map { "'\($0)'" }.joined(separator: ", ")); "
                    + "allowed: \(keys.sorted().joined(separator: ", "))")
        }
        guard let statusValue = value["status"], case .scalar(let name, true) = statusValue.kind
        else { throw Invalid(description: "'status' is required and must be a string") }
        guard statuses.contains(name) else {
            throw Invalid(
                description: "unknown status '\(name)'; expected one of "
                    + statuses.joined(separator: ", "))
        }
        var score: Double?
        if let scoreValue = value["score"] {
            guard let number = scoreValue.resolvedScalar?.number,
                case .scalar(_, false) = scoreValue.kind, (0...1).contains(number)
            else { throw Invalid(description: "'score' must be a number from 0 to 1") }
            score = number
        }
        let tally = try readTally(value["tally"])
        if let tally {
            // The counts and the status must tell the same story: a score is the counts'
            // fraction (to the four decimals collectors print), a pass counts every item.
            if let score, abs(score - tally.fraction) > 0.000_05 {
                throw Invalid(
                    description: "'score' \(score) is not tally \(tally.passed)/\(tally.total)")
            }
            if name == "pass", tally.passed != tally.total {
                throw Invalid(
                    description: "status 'pass' with tally \(tally.passed) of \(tally.total)")
            }
            if score == nil { score = tally.fraction }
        }
        let status: EvidenceStatus
        if name == "partial" {
            guard let score else {
                throw Invalid(description: "'score' (or 'tally') is required for partial")
            }
            status = .partial(score)
        } else {
            status = EvidenceStatus(name: name, score: 0) ?? .error
        }
        var message = ""
        if let messageValue = value["message"] {
            guard case .scalar(let text, true) = messageValue.kind else {
                throw Invalid(description: "'message' must be a string")
            }
            message = text
        }
        return ExternalReport(
            status: status, message: message,
            observedAt: try observed(value["observed_at"], now: now),
            artifacts: try artifacts(value["artifacts"]), tally: tally)
    }

    /// `{"passed": 46, "total": 48}`: whole numbers, `0 ≤ passed ≤ total`, `total > 0`.
    private static func readTally(_ value: ConfigValue?) throws(Invalid) -> Tally? {
        guard let value else { return nil }
        let invalid = Invalid(
            description: "'tally' must be {\"passed\": n, \"total\": m} with whole numbers, "
                + "0 <= n <= m and m > 0")
        guard let entries = value.mapping, Set(entries.map(\.key)) == ["passed", "total"] else {
            throw invalid
        }
        func count(_ key: String) -> Int? {
            guard let field = value[key], case .scalar(let text, false) = field.kind,
                text.allSatisfy(\.isNumber), text.count <= 15
            else { return nil }
            return Int(text)
        }
        guard let passed = count("passed"), let total = count("total"),
            let tally = Tally(passed: passed, total: total)
        else { throw invalid }
        return tally
    }

    private static func observed(_ value: ConfigValue?, now: Date) throws(Invalid) -> Date? {
        guard let value else { return nil }
        guard case .scalar(let text, true) = value.kind,
            let date = Timestamp.instant(text, zoneRequired: true, dayAllowed: false)
        else {
            throw Invalid(
                description: "'observed_at' must be an ISO 8601 date-time with a zone, such as "
                    + "2026-05-01T10:00:00Z")
        }
        guard date <= now.addingTimeInterval(Timestamp.allowedClockSkew) else {
            throw Invalid(description: "'observed_at' \(text) is in the future")
        }
        return date
    }

    private static func artifacts(_ value: ConfigValue?) throws(Invalid) -> [Artifact] {
        guard let value else { return [] }
        guard let items = value.sequence else {
            throw Invalid(description: "'artifacts' must be an array")
        }
        var result: [Artifact] = []
        for (index, item) in items.enumerated() {
            guard let entries = item.mapping, Set(entries.map(\.key)) == ["path", "sha256"],
                case .scalar(let path, true)? = item["path"]?.kind, !path.isEmpty,
                case .scalar(let hash, true)? = item["sha256"]?.kind
            else {
                throw Invalid(
                    description: "artifacts[\(index)] must be an object with exactly 'path' and "
                        + "'sha256' strings")
            }
            guard ContentHash.isSHA256Hex(hash) else {
                throw Invalid(
                    description: "artifacts[\(index)].sha256 must be 64 lower-case hex digits")
            }
            result.append(Artifact(path: path, sha256: hash))
        }
        return result
    }
}
