import AttestCore
import AttestSystem
import Foundation

/// Proves that a document exists, records its hash, and dates it by its last review.
///
/// Policies must be reviewed periodically, so the observation date is the review date from the
/// file's front matter (`reviewed: 2026-05-01`) or a sidecar `<file>.reviewed` (date source
/// `source`); with `max_age` that makes an unreviewed policy go stale. A file with neither is
/// undated here (`assumed`), and the runner may date it by its git history. The modification
/// time is never used: a checkout or a copy rewrites it. Optional `contains:` and `matches:`
/// check the text.
public struct FileCollector: Collector {
    public let kind = CollectorKind.file
    public let readsOnlyWorkspaceFiles = true

    public init() {}

    /// Where the review date comes from (`reviewed_from:`).
    enum ReviewSource: String {
        case auto
        case frontMatter = "front-matter"
        case sidecar
    }

    struct Settings {
        var path: WorkspacePath
        var source: ReviewSource
        var contains: String?
        var pattern: Assertion.Pattern?
    }

    static func read(_ spec: EvidenceSpec) -> (Settings?, [Diagnostic]) {
        var reader = OptionReader(spec, allowed: ["contains", "matches", "reviewed_from"])
        let path = reader.requiredPath()
        var source = ReviewSource.auto
        if let value = spec.options["reviewed_from"], value.scalar == "mtime" {
            // Older workspaces dated files by their modification time; it proves nothing.
            reader.report(
                .evidenceInvalidOption,
                "'reviewed_from: mtime' is no longer supported: a file's modification time "
                    + "changes with every checkout and copy, so it dates nothing",
                at: value.position, hint: mtimeHint)
        } else if let word = reader.choice("reviewed_from", ["front-matter", "sidecar"]) {
            source = ReviewSource(rawValue: word) ?? .auto
        }
        let contains = reader.string("contains")
        let pattern = reader.pattern("matches")
        guard reader.isValid, let path else { return (nil, reader.diagnostics) }
        return (
            Settings(path: path, source: source, contains: contains, pattern: pattern),
            reader.diagnostics
        )
    }

    /// How to date a file instead of by its modification time.
    static let mtimeHint =
        "write 'reviewed: YYYY-MM-DD' in the file's front matter (reviewed_from: front-matter), "
        + "or the date in a '<file>.reviewed' sidecar (reviewed_from: sidecar), or remove "
        + "'reviewed_from' to let a git repository date the file by its last commit"

    public func validate(_ spec: EvidenceSpec) -> [Diagnostic] { Self.read(spec).1 }

    public func collect(_ spec: EvidenceSpec, context: CollectionContext) async -> EvidenceResult {
        let (settings, diagnostics) = Self.read(spec)
        guard let settings else { return .invalidOptions(spec, diagnostics, now: context.now) }
        let file: ArtifactFile
        switch ArtifactFile.read(settings.path, context: context) {
        case .success(let read): file = read
        case .failure(let problem): return problem.result(spec, now: context.now)
        }
        var artifacts = [file.artifact]
        func result(
            _ status: EvidenceStatus, _ date: Date, _ source: DateSource, _ message: String
        ) -> EvidenceResult {
            EvidenceResult(
                spec, status, observedAt: date, dateSource: source, message, sha256: file.sha256,
                artifacts: artifacts)
        }

        let review: Review
        switch reviewDate(of: file, settings.source, context: context) {
        case .success(let found): review = found
        case .failure(let problem):
            return result(
                problem.isFailure ? .fail : .error, context.now, .assumed, problem.message)
        }
        if let sidecar = review.sidecar { artifacts.append(sidecar) }

        var failures: [String] = []
        if settings.contains != nil || settings.pattern != nil {
            guard let text = file.text else {
                return result(
                    .error, review.date, review.source, "\(file.path) is not UTF-8 text")
            }
            if let needle = settings.contains, !text.contains(needle) {
                failures.append("does not contain \(ValueText.quote(needle))")
            }
            if let pattern = settings.pattern, !pattern.matches(text) {
                failures.append("has no match for \(ValueText.quote(pattern.source))")
            }
        }
        let dated =
            review.source == .source
            ? "reviewed \(Timestamp.formatDay(review.date)) (\(review.origin))"
            : "no review date"
        guard failures.isEmpty else {
            return result(
                .fail, review.date, review.source,
                "\(file.path) \(failures.joined(separator: " and ")); \(dated)")
        }
        return result(
            .pass, review.date, review.source,
            "\(file.path) exists (\(file.data.count) bytes), \(dated)")
    }

    /// A review date, or (`assumed`) none: the run's time stands in for it.
    struct Review {
        var date: Date
        var source: DateSource = .source
        var origin: String
        var sidecar: Artifact?

        static func undated(_ now: Date) -> Review {
            Review(date: now, source: .assumed, origin: "no review date", sidecar: nil)
        }
    }

    struct ReviewProblem: Error {
        var message: String
        /// A missing review is a failing check; an unreadable one is an error.
        var isFailure: Bool
    }

    private func reviewDate(
        of file: ArtifactFile, _ source: ReviewSource, context: CollectionContext
    ) -> Result<Review, ReviewProblem> {
        switch source {
        case .frontMatter:
            guard case .value(let text) = FrontMatter.reviewed(in: file.data) else {
                return .failure(
                    ReviewProblem(
                        message: "\(file.path) has no 'reviewed:' date in its front matter",
                        isFailure: true))
            }
            return declared(text, origin: "front matter", sidecar: nil, context: context)
        case .sidecar:
            return sidecarDate(of: file, context: context, required: true)
        case .auto:
            if case .value(let text) = FrontMatter.reviewed(in: file.data) {
                return declared(text, origin: "front matter", sidecar: nil, context: context)
            }
            return sidecarDate(of: file, context: context, required: false)
        }
    }

    /// The date in `<file>.reviewed`; with `required: false`, an absent sidecar leaves the file
    /// undated.
    private func sidecarDate(
        of file: ArtifactFile, context: CollectionContext, required: Bool
    ) -> Result<Review, ReviewProblem> {
        let name = file.path.relative + ".reviewed"
        guard let path = try? WorkspacePath(name) else {
            return .failure(
                ReviewProblem(message: "invalid sidecar path \(name)", isFailure: false))
        }
        switch ArtifactFile.read(path, context: context) {
        case .success(let sidecar):
            let text =
                (sidecar.text ?? "").split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty } ?? ""
            return declared(text, origin: name, sidecar: sidecar.artifact, context: context)
        case .failure(.missing):
            if required {
                return .failure(ReviewProblem(message: "\(name) does not exist", isFailure: true))
            }
            return .success(.undated(context.now))
        case .failure(.unreadable(let message)):
            return .failure(ReviewProblem(message: message, isFailure: false))
        }
    }

    private func declared(
        _ text: String, origin: String, sidecar: Artifact?, context: CollectionContext
    ) -> Result<Review, ReviewProblem> {
        guard let date = Timestamp.day(text) else {
            return .failure(
                ReviewProblem(
                    message: "review date \(ValueText.quote(text)) in \(origin) is not a date "
                        + "(YYYY-MM-DD)", isFailure: false))
        }
        guard date <= context.now else {
            return .failure(
                ReviewProblem(
                    message: "review date \(text) in \(origin) is in the future", isFailure: false))
        }
        return .success(Review(date: date, origin: origin, sidecar: sidecar))
    }
}
