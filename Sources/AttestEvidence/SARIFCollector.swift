import AttestCore
import AttestSystem
import Foundation

/// Judges a static-analysis report (SARIF 2.1.0 from Semgrep, Snyk, CodeQL, …) against
/// per-level maximums.
///
/// `max: { error: 0, warning: 10 }` passes while no level exceeds its maximum; levels not
/// named are unlimited. Without `max`, no unsuppressed error is allowed (`max: { error: 0 }`).
/// A suppressed result is left out only when its suppression links to an open exception of
/// the register that covers this evidence (``SARIFSummary``); any other suppression is counted.
public struct SARIFCollector: Collector {
    public let kind = CollectorKind.sarif
    public let readsOnlyWorkspaceFiles = true

    public init() {}

    struct Settings {
        var path: WorkspacePath
        var maximums: [(SARIFSummary.Level, Int)]
        /// `max_bytes:`; nil for the run's default.
        var maxBytes: Int?
    }

    static func read(_ spec: EvidenceSpec) -> (Settings?, [Diagnostic]) {
        var reader = OptionReader(spec, allowed: ["max", "max_bytes"])
        let maxBytes = reader.byteLimit()
        let path = reader.requiredPath()
        var maximums: [(SARIFSummary.Level, Int)] = [(.error, 0)]
        if let value = spec.options["max"] {
            maximums = []
            if let entries = value.mapping, !entries.isEmpty {
                for entry in entries {
                    guard let level = SARIFSummary.Level(rawValue: entry.key) else {
                        reader.report(
                            .evidenceInvalidOption,
                            "'max' has an unknown level '\(entry.key)' "
                                + "(error, warning, note, none)",
                            at: entry.keyPosition)
                        continue
                    }
                    guard case .int(let limit) = entry.value.resolvedScalar, limit >= 0 else {
                        reader.invalid(
                            "max.\(entry.key)", "must be a whole number ≥ 0", entry.value)
                        continue
                    }
                    maximums.append((level, limit))
                }
                maximums.sort { $0.0 < $1.0 }
            } else {
                reader.invalid("max", "must be a mapping such as { error: 0, warning: 10 }", value)
            }
        }
        guard reader.isValid, let path else { return (nil, reader.diagnostics) }
        return (Settings(path: path, maximums: maximums, maxBytes: maxBytes), reader.diagnostics)
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
        let summary: SARIFSummary
        do {
            let log = try context.document(CacheQuestion(kind: "sarif"), of: file) {
                () throws(JSONReader.SyntaxError) in
                try JSONReader(file: file.path.relative).parse(
                    file.data, keeping: SARIFSummary.keepFilter)
            }
            let open = Dictionary(
                context.exceptions.filter {
                    $0.isOpen(at: context.now)
                        && $0.covers(control: spec.control, evidence: spec.id)
                }.map { ($0.id.rawValue, $0) }
            ) { first, _ in first }
            summary = try SARIFSummary.read(log) { open[$0] != nil }
        } catch {
            return result(.error, context.now, "\(file.path): invalid SARIF: \(error)")
        }
        var observed = context.now
        var source = DateSource.assumed
        if let finished = summary.finishedAt,
            finished <= context.now.addingTimeInterval(Timestamp.allowedClockSkew)
        {
            (observed, source) = (finished, .source)
        }
        let exceeded = settings.maximums.filter { summary.count($0.0) > $0.1 }.map(\.0.rawValue)
        var message = Self.describe(summary)
        if !settings.maximums.isEmpty {
            message +=
                "; max "
                + settings.maximums.map { "\($0.0.rawValue) \($0.1)" }
                .joined(separator: ", ")
        }
        if !exceeded.isEmpty { message += "; exceeded: " + exceeded.joined(separator: ", ") }
        return result(exceeded.isEmpty ? .pass : .fail, observed, message, source: source)
    }

    /// `2 errors, 5 warnings, 1 note (1 suppressed under EX-7; 1 suppression without an open
    /// exception, counted)`; level `none` only when present.
    static func describe(_ summary: SARIFSummary) -> String {
        var parts = [
            plural(summary.count(.error), "error"), plural(summary.count(.warning), "warning"),
            plural(summary.count(.note), "note"),
        ]
        if summary.count(.none) > 0 { parts.append("\(summary.count(.none)) with level none") }
        var text = parts.joined(separator: ", ")
        var notes: [String] = []
        if summary.suppressed > 0 {
            notes.append(
                "\(summary.suppressed) suppressed under "
                    + summary.suppressedUnder.keys.sorted().joined(separator: ", "))
        }
        if summary.unlinkedSuppressions > 0 {
            notes.append(
                plural(summary.unlinkedSuppressions, "suppression")
                    + " without an open exception, counted")
        }
        if !notes.isEmpty { text += " (" + notes.joined(separator: "; ") + ")" }
        return text
    }
}
