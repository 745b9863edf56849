import AttestCore
import AttestRender
import Crypto
import Foundation

/// What goes into a bundle for a recipient: per framework the readiness report, the audit
/// traceability matrix and the evidence index — restricted to `public` and `nda` content and
/// watermarked — and, on request, the `public`/`nda` evidence artifacts.
public struct BundleContents {
    public var graph: ControlGraph
    public var scores: Scores
    public var build: BuildInfo
    public var templates: TemplateSet

    public init(graph: ControlGraph, scores: Scores, build: BuildInfo, templates: TemplateSet) {
        self.graph = graph
        self.scores = scores
        self.build = build
        self.templates = templates
    }

    /// "Confidential — provided to {recipient} under {NDA ref} — bundle {id}".
    public static func watermark(
        recipient: String, ndaReference: String, bundleID: String
    ) -> String {
        "Confidential — provided to \(recipient) under \(ndaReference) — bundle \(bundleID)"
    }

    /// A reproducible bundle id: the same recipient, NDA, frameworks, time, run and workspace
    /// give the same id.
    public static func bundleID(
        recipient: String, ndaReference: String, frameworks: [FrameworkID], created: Date,
        runID: Int64?,
        workspaceFingerprint: String
    ) -> String {
        let text = [
            recipient, ndaReference, frameworks.map(\.rawValue).joined(separator: ","),
            String(Int(created.timeIntervalSince1970)), runID.map(String.init) ?? "-",
            workspaceFingerprint,
        ].joined(separator: "\u{1F}")
        return "b-" + SHA256.hash(data: Data(text.utf8)).hex.prefix(12)
    }

    /// The evidence artifacts a bundle may carry: those of `public`/`nda` evidence of shown
    /// controls that satisfy the frameworks, each with the SHA-256 values the results record.
    public func evidenceArtifacts(for frameworks: [FrameworkID]) -> [RecordedArtifact] {
        Self.evidenceArtifacts(
            ReportModel(graph: graph, scores: scores, ceiling: .nda, build: build),
            frameworks: frameworks)
    }

    /// The evidence artifacts of the evidence `model` shows for `frameworks`, each with the
    /// SHA-256 values the results record and the evidence items that lead to it.
    ///
    /// The file an evidence item names (`path:`) is listed even when its result records no
    /// artifact, with no hash: ``BundleEvidence`` then withholds it, and says so, rather than
    /// pack a file nobody checked (such as one collection refused to read).
    public static func evidenceArtifacts(
        _ model: ReportModel, frameworks: [FrameworkID]
    ) -> [RecordedArtifact] {
        var hashes: [String: Set<String>] = [:]
        var evidence: [String: Set<String>] = [:]
        for framework in frameworks {
            for row in model.evidenceRows(of: framework) {
                if let path = row.spec.path, row.spec.collector != .command,
                    row.spec.collector != .external,
                    row.spec.collector != .http
                {
                    if hashes[path] == nil { hashes[path] = [] }
                    evidence[path, default: []].insert(row.spec.id.rawValue)
                }
                for artifact in row.score.result?.artifacts ?? []
                where !artifact.path.contains("://") {
                    hashes[artifact.path, default: []].insert(artifact.sha256)
                    evidence[artifact.path, default: []].insert(row.spec.id.rawValue)
                }
            }
        }
        return hashes.keys.sorted().map {
            RecordedArtifact(
                path: $0, sha256: hashes[$0] ?? [], evidence: (evidence[$0] ?? []).sorted())
        }
    }

    /// Per framework, how many internal controls the bundle withholds and how many points of
    /// the score they carry, so the recipient can reconcile the figures.
    public func withheldControls(
        frameworks: [FrameworkID]
    ) -> [BundleManifest.WithheldControls] {
        let model = ReportModel(graph: graph, scores: scores, ceiling: .nda, build: build)
        return frameworks.map { framework in
            let share = model.withheldShare(of: framework)
            return .init(
                framework: framework.rawValue, controls: share.controls, points: share.points,
                percent: share.percent)
        }
    }

    /// The report files, keyed by their path in the bundle.
    public func reportFiles(
        frameworks: [FrameworkID], watermark: String
    ) throws(RenderError) -> [String: Data] {
        let model = ReportModel(graph: graph, scores: scores, ceiling: .nda, build: build)
        let renderer = ReportRenderer(templates: templates, watermark: watermark)
        var files: [String: Data] = [:]
        // One preparation for every framework: the rows they share are rendered once.
        let readiness = try ReadinessReports(renderer, model: model, frameworks: frameworks)
        for framework in frameworks {
            for (path, data) in try readiness.files(of: framework) {
                // readiness/<fw>.html → reports/<fw>/readiness.html
                let fileExtension = URL(fileURLWithPath: path).pathExtension
                files["reports/\(framework)/readiness.\(fileExtension)"] = data
            }
        }
        for (path, data) in try renderer.audit(model, frameworks: frameworks) {
            files["reports/\(path)"] = data
        }
        return files
    }
}
