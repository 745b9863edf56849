import AttestCore
import AttestRender
import AttestSystem
import Crypto
import Foundation

/// An auditor package: one framework's traceability matrix, evidence index, evidence
/// artifacts and exclusions, with a README for the auditor, as a signed bundle that
/// `attest verify` checks (`manifest.json` says `kind: auditor-package`).
///
/// The audience is the company's own auditor under engagement, who must see everything the
/// score counts: the package holds `public`, `nda` and `internal` content alike
/// (``audience``), and says so on every page, in its README and in its manifest.
///
/// The package is made of named sections (``sections()``), one function each; the same inputs
/// give the same bytes.
public struct AuditPackage {
    /// The highest visibility inside: internal controls and evidence are included.
    public static let audience: Visibility = .internal

    public var framework: FrameworkID
    public var graph: ControlGraph
    /// The run's scores, aged to `build.time`.
    public var scores: Scores
    /// The package's time (`build.time`, its `created`), build id, revision and CI run.
    public var build: BuildInfo
    public var templates: TemplateSet
    /// Evidence artifacts are read only through this root's confinement function.
    public var root: WorkspaceRoot
    /// The store's run the scores come from.
    public var runID: Int64?
    public var workspaceFingerprint: String
    public var limits: AuditPackageLimits
    /// UI labels by locale (`templates/locales/<locale>.yaml`), for the pages in the
    /// workspace's locales (the Statement of Applicability).
    public var labels: [String: [String: String]]
    /// Finds the populations in evidence files; nil to list none.
    public var findPopulations: PopulationFinder?
    /// Operating effectiveness over the period of observation (`--period`), judged over the
    /// store's runs; nil for none.
    public var period: PeriodReport?

    public init(
        framework: FrameworkID, graph: ControlGraph, scores: Scores, build: BuildInfo,
        templates: TemplateSet, root: WorkspaceRoot, runID: Int64?, workspaceFingerprint: String,
        limits: AuditPackageLimits = .standard, labels: [String: [String: String]] = [:],
        findPopulations: PopulationFinder? = nil, period: PeriodReport? = nil
    ) {
        self.period = period
        self.labels = labels
        self.findPopulations = findPopulations
        self.framework = framework
        self.graph = graph
        self.scores = scores
        self.build = build
        self.templates = templates
        self.root = root
        self.runID = runID
        self.workspaceFingerprint = workspaceFingerprint
        self.limits = limits
    }

    /// A reproducible id: the same framework, time, run and workspace give the same id.
    public var packageID: String {
        let parts =
            [
                BundleManifest.Kind.auditorPackage.rawValue, framework.rawValue,
                String(Int(build.time.timeIntervalSince1970)), runID.map(String.init) ?? "-",
                workspaceFingerprint,
            ]
            // Without a period the id is what it was before periods existed.
            + (period.map { ["\($0.period.firstDay)..\($0.period.lastDay)"] } ?? [])
        let text = parts.joined(separator: "\u{1F}")
        return "a-" + SHA256.hash(data: Data(text.utf8)).hex.prefix(12)
    }

    /// The line on every page and in a last `notice` column of every CSV row.
    public var notice: String {
        "Internal — prepared for the company's auditor under engagement — auditor package "
            + packageID
    }

    /// What every section reads: the reports as an `internal` ceiling shows them.
    var model: ReportModel {
        ReportModel(
            graph: graph, scores: scores, ceiling: Self.audience, build: build, period: period)
    }

    /// The package's parts, in README order.
    ///
    /// - Throws: `RenderError` for an unusable template; `BundleError` (`evidence-too-large`)
    ///   for evidence over ``limits``.
    public func sections() throws -> [AuditPackageSection] {
        let audit = try ReportRenderer(templates: templates, watermark: notice)
            .audit(model, frameworks: [framework])
        let artifacts = try artifacts()
        return [
            traceability(audit), try periodView(), scoringRules(), evidenceIndex(audit),
            artifacts,
            populations(packed: artifacts.files), exclusions(), exceptions(),
            try statementOfApplicability(),
        ].compactMap { $0 }
    }

    /// The package's bytes, and what it withheld.
    public struct Written: Sendable {
        public var bytes: Data
        public var packageID: String
        /// Entries in the zip, `manifest.json` and `manifest.sig` included.
        public var entryCount: Int
        public var withheld: [WithheldFile]
    }

    /// Builds every section and writes the signed zip.
    ///
    /// - Throws: as ``sections()``, and `BundleError` when the zip cannot be written.
    public func write(signingKey: Curve25519.Signing.PrivateKey) throws -> Written {
        let sections = try sections()
        var files: [String: Data] = [:]
        for section in sections {
            try files.merge(section.files) { _, _ in
                throw BundleError(code: .io, detail: "two sections write the same file")
            }
        }
        let withheld = sections.flatMap(\.withheld)
        let manifest = BundleManifest(
            formatVersion: BundleManifest.currentFormatVersion, bundleID: packageID,
            recipient: "the company's auditor, under engagement", ndaReference: "",
            frameworks: [framework.rawValue], created: PublicProjection.isoDate(build.time),
            expires: nil, runID: runID, workspaceFingerprint: workspaceFingerprint,
            toolVersion: build.toolVersion, signerFingerprint: "", entries: [],
            withheld: withheld.isEmpty ? nil : withheld, kind: .auditorPackage,
            audience: Self.audience)
        let readme = AuditPackageReadme(package: self, sections: sections)
        let bytes = try BundleWriter(signingKey: signingKey).write(
            manifest: manifest, files: files,
            readme: { manifest in (AuditPackageReadme.path, readme.text(manifest)) })
        return Written(
            bytes: bytes, packageID: packageID, entryCount: files.count + 4, withheld: withheld)
    }
}
