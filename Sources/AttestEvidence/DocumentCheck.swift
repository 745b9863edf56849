import AttestCore
import AttestSystem
import Foundation

/// Judges a parsed document (JSON or YAML) against `expect:` assertions: the shared core of the
/// json and yaml collectors, which differ only in how the file is parsed.
struct DocumentCheck {
    var path: WorkspacePath
    var expect: Assertion?
    /// Path of a date in the document that dates the observation (`date_field:`, or its older
    /// name `observed_at:`); the result's date source is then `source`.
    var observedAt: ValuePath?
    /// `max_bytes:`; nil for the run's default.
    var maxBytes: Int?

    static let options: Set<String> = ["expect", "date_field", "observed_at", "max_bytes"]

    static func read(_ spec: EvidenceSpec) -> (DocumentCheck?, [Diagnostic]) {
        var reader = OptionReader(spec, allowed: options)
        let path = reader.requiredPath()
        let expect = reader.expectations("expect")
        var observedAt: ValuePath?
        if spec.options["date_field"] != nil, let older = spec.options["observed_at"] {
            reader.report(
                .evidenceInvalidOption,
                "'observed_at' and 'date_field' name the same thing; keep only 'date_field'",
                at: older.position)
        }
        let key = spec.options["date_field"] != nil ? "date_field" : "observed_at"
        if let text = reader.string(key) {
            observedAt = ValuePath(parsing: text)
            if observedAt == nil {
                reader.invalid(
                    key, "must be a path such as meta.exported_at", spec.options[key])
            }
        }
        let maxBytes = reader.byteLimit()
        guard reader.isValid, let path else { return (nil, reader.diagnostics) }
        return (
            DocumentCheck(path: path, expect: expect, observedAt: observedAt, maxBytes: maxBytes),
            reader.diagnostics
        )
    }

    /// What of the document `expect:` and `observed_at:` read; nil when nothing is read (the
    /// document is only checked to parse).
    var keepFilter: KeepFilter? {
        var filter = expect?.keepFilter
        if let observedAt {
            let date = Assertion.keepFilter(along: observedAt.steps[...], then: .everything)
            filter = filter?.merged(with: date) ?? date
        }
        return filter
    }

    /// The result for `document`, parsed from `file`.
    func judge(
        _ document: ConfigValue, file: ArtifactFile, spec: EvidenceSpec, context: CollectionContext
    ) -> EvidenceResult {
        var observed = context.now
        var source = DateSource.assumed
        if let observedAt {
            switch Self.timestamp(at: observedAt, in: document, now: context.now) {
            case .success(let date): (observed, source) = (date, .source)
            case .failure(let problem):
                return EvidenceResult(
                    spec, .error, observedAt: context.now, "\(file.path): \(problem.message)",
                    sha256: file.sha256, artifacts: [file.artifact])
            }
        }
        let (status, message) = ExpectationOutcome.judge(expect, document)
        return EvidenceResult(
            spec, status, observedAt: observed, dateSource: source, "\(file.path): \(message)",
            sha256: file.sha256, artifacts: [file.artifact])
    }

    struct TimestampProblem: Error { var message: String }

    /// Reads an ISO 8601 timestamp (with a zone) or a `YYYY-MM-DD` day at `path`; a present but
    /// unreadable date is a problem, never silently replaced by the run's time.
    static func timestamp(
        at path: ValuePath, in document: ConfigValue, now: Date
    ) -> Result<Date, TimestampProblem> {
        guard let match = path.resolve(in: document, prefix: "").first, let value = match.value
        else { return .failure(TimestampProblem(message: "date field \(path) not found")) }
        guard let text = value.scalar, let date = Timestamp.instant(text, zoneRequired: true) else {
            return .failure(
                TimestampProblem(
                    message: "date field \(path) is not a date (YYYY-MM-DD) or a date-time "
                        + "with a zone: " + ValueText.render(value)))
        }
        guard date <= now.addingTimeInterval(Timestamp.allowedClockSkew) else {
            return .failure(
                TimestampProblem(message: "date field \(path) is in the future: \(text)"))
        }
        return .success(date)
    }
}

/// Turns assertion failures into a status and a short message.
enum ExpectationOutcome {
    /// Failures listed in a message; the rest are counted.
    static let listed = 5

    static func judge(_ expect: Assertion?, _ document: ConfigValue) -> (EvidenceStatus, String) {
        guard let expect else { return (.pass, "parsed; no expectations") }
        let failures = expect.failures(of: document, at: "")
        let count = expect.fieldCount
        guard !failures.isEmpty else {
            return (.pass, count == 1 ? "1 expectation met" : "all \(count) expectations met")
        }
        return (.fail, describe(failures))
    }

    /// `a: expected 1, found 2; b: not found` with at most `listed` failures spelled out.
    static func describe(_ failures: [String]) -> String {
        var text = failures.prefix(listed).joined(separator: "; ")
        if failures.count > listed { text += "; and \(failures.count - listed) more" }
        return text
    }
}

extension Timestamp {
    /// How far in the future a declared observation may lie before it is refused (clocks of
    /// CI runners and laptops differ by a little).
    static let allowedClockSkew: TimeInterval = 300
}
