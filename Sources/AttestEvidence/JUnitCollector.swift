import AttestCore
import AttestSystem
import Foundation

/// Scores a JUnit XML test report by its pass ratio.
///
/// Without `min_pass_ratio` the result is `partial(passed / ran)` (pass when every test that
/// ran passed); with it, the report passes or fails against the threshold. Skipped tests are
/// left out of the ratio. A report in which no test ran fails: an empty report is more often
/// a broken pipeline than a green one.
public struct JUnitCollector: Collector {
    public let kind = CollectorKind.junit
    public let readsOnlyWorkspaceFiles = true

    public init() {}

    struct Settings {
        var path: WorkspacePath
        var minPassRatio: Double?
        /// `max_bytes:`; nil for the run's default.
        var maxBytes: Int?
    }

    static func read(_ spec: EvidenceSpec) -> (Settings?, [Diagnostic]) {
        var reader = OptionReader(spec, allowed: ["min_pass_ratio", "max_bytes"])
        let path = reader.requiredPath()
        let ratio = reader.number("min_pass_ratio", in: 0...1)
        let maxBytes = reader.byteLimit()
        guard reader.isValid, let path else { return (nil, reader.diagnostics) }
        return (Settings(path: path, minPassRatio: ratio, maxBytes: maxBytes), reader.diagnostics)
    }

    public func validate(_ spec: EvidenceSpec) -> [Diagnostic] { Self.read(spec).1 }

    public func collect(_ spec: EvidenceSpec, context: CollectionContext) async -> EvidenceResult {
        let (settings, diagnostics) = Self.read(spec)
        guard let settings else { return .invalidOptions(spec, diagnostics, now: context.now) }
        let file: ArtifactFile
        let limit = settings.maxBytes ?? context.maxDocumentBytes
        switch ArtifactFile.read(settings.path, context: context, limit: limit) {
        case .success(let read): file = read
        case .failure(let problem): return problem.result(spec, now: context.now)
        }
        func result(
            _ status: EvidenceStatus, _ date: Date, _ message: String,
            source: DateSource = .assumed
        ) -> EvidenceResult {
            EvidenceResult(
                spec, status, observedAt: date, dateSource: source, message,
                sha256: file.sha256, artifacts: [file.artifact])
        }
        let report: JUnitReport
        do {
            report = try context.junitReport(of: file) { () throws(JUnitReport.ParseError) in
                try JUnitReport.parse(file.data, name: file.path.relative)
            }
        } catch {
            return result(.error, context.now, "\(file.path): \(error)")
        }
        var observed = context.now
        var source = DateSource.assumed
        if let stamp = report.timestamp {
            guard stamp <= context.now.addingTimeInterval(Timestamp.allowedClockSkew) else {
                return result(
                    .error, context.now,
                    "\(file.path): timestamp \(Timestamp.format(stamp)) is in the future")
            }
            (observed, source) = (stamp, .source)
        }
        let (status, verdict) = Self.judge(report, minPassRatio: settings.minPassRatio)
        return result(status, observed, Self.summary(report) + verdict, source: source)
    }

    /// The status, and what to append to the summary to explain it.
    static func judge(_ report: JUnitReport, minPassRatio: Double?) -> (EvidenceStatus, String) {
        guard report.ran > 0 else { return (.fail, "; no test ran") }
        // Counts are at most 2^53 − 1 (JUnitReport.maxCount), so the ratio is exact enough and
        // the whole-or-nothing cases are decided on the integers.
        let ratio = Double(report.passed) / Double(report.ran)
        if let minimum = minPassRatio {
            let verdict = "; minimum \(percent(minimum))"
            return (ratio >= minimum ? .pass : .fail, verdict)
        }
        if report.passed == report.ran { return (.pass, "") }
        return (report.passed == 0 ? .fail : .partial(ratio), "")
    }

    /// `412 tests, 3 failures, 0 errors, 5 skipped (99.3% passed)`.
    static func summary(_ report: JUnitReport) -> String {
        var text = [
            plural(report.tests, "test"), plural(report.failures, "failure"),
            plural(report.errors, "error"), "\(report.skipped) skipped",
        ].joined(separator: ", ")
        if report.ran > 0 {
            text += " (\(percent(passed: report.passed, of: report.ran)) passed)"
        }
        return text
    }

    /// A ratio with one decimal, rounded half up: `99.3%`.
    static func percent(_ ratio: Double) -> String {
        tenths(Int((ratio * 1_000).rounded()))
    }

    /// `passed / ran` with one decimal, rounded, except that it never rounds up to "100.0%"
    /// or down to "0.0%" unless that is exact. Both are at most `JUnitReport.maxCount`, so
    /// `passed * 1_000` cannot overflow.
    static func percent(passed: Int, of ran: Int) -> String {
        var value = (passed * 1_000 + ran / 2) / ran
        if value == 1_000, passed < ran { value = 999 }
        if value == 0, passed > 0 { value = 1 }
        return tenths(value)
    }

    private static func tenths(_ value: Int) -> String { "\(value / 10).\(value % 10)%" }
}

func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
