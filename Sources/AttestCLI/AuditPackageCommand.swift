import ArgumentParser
import AttestBundle
import AttestCatalog
import AttestCore
import AttestEvidence
import AttestRender
import AttestSystem
import Crypto
import Foundation

/// `attest audit-package`: one framework's traceability matrix, evidence index with
/// provenance, evidence artifacts and exclusions, with a README, as a signed bundle for the
/// company's auditor under engagement (internal content included; see docs/audit.md).
struct AuditPackageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit-package",
        abstract: "Make a signed auditor package for one framework (internal content included).")

    @OptionGroup var options: WorkspaceOptions
    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "The framework the package is for.")
    var framework: String

    @Option(help: "The Ed25519 private key (PEM) that signs the package.")
    var key: String

    @Option(help: "Where to write the package (.zip); an existing file must be an Attest bundle.")
    var out: String

    @Option(
        help: """
            The package's time (ISO 8601 or Unix seconds); default SOURCE_DATE_EPOCH, else the \
            time the run finished, so two packages of one run are identical.
            """)
    var created: String?

    @Option(
        help: ArgumentHelp(
            "Add operating effectiveness over a period of UTC days: FIRST..LAST or the days "
                + "ending with the package's day (90d, 12w).",
            valueName: "PERIOD"))
    var period: String?

    @Option(help: "The largest evidence artifact to pack, in MiB.")
    var maxArtifactMib = AuditPackageLimits.standard.maxArtifactBytes >> 20

    @Option(help: "The most evidence to pack in all, in MiB.")
    var maxEvidenceMib = AuditPackageLimits.standard.maxEvidenceBytes >> 20

    func validate() throws {
        // 1 GiB in all is what `attest verify` reads; the reports need room too.
        guard (1...512).contains(maxArtifactMib), (1...768).contains(maxEvidenceMib) else {
            throw ValidationError(
                "--max-artifact-mib is 1 to 512 and --max-evidence-mib 1 to 768")
        }
    }

    /// A file the workspace reads (evidence, configuration, the store) is never replaced, even
    /// an Attest bundle kept as evidence: `--out` names where a new package goes.
    static func refuseInput(_ destination: URL, session: WorkspaceSession) throws {
        let target = destination.resolvingSymlinksInPath().path
        for input in OutputDestination.inputs(of: session) {
            let path = session.root.appendingPathComponent(input).standardizedFileURL
            if path.resolvingSymlinksInPath().path == target {
                throw UnreadableInput(
                    description:
                        "\(destination.path) is \(input), a file the workspace reads; "
                        + "choose another --out")
            }
        }
    }

    func run() async throws {
        let console = Console.current
        let destination = URL(fileURLWithPath: out).standardizedFileURL
        try BundleCommand.refuseToReplace(destination)
        let session = try WorkspaceSession(options: options, console: console)
        try Self.refuseInput(destination, session: session)
        let frameworkID = try Self.framework(framework, in: session.graph)
        let signingKey = try BundleCommand.signingKey(key, session: session, console: console)
        let store = try session.openStore(storeOptions.store, access: .readOnly)
        guard let run = try store.runs(limit: 1).first else {
            throw UnreadableInput(
                description:
                    "the store has no run yet; run `attest collect` or `attest build` first")
        }
        let environment = ProcessInfo.processInfo.environment
        let time =
            created != nil || environment["SOURCE_DATE_EPOCH"] != nil
            ? try BuildClock.time(option: created, environment: environment, name: "--created")
            : Date(timeIntervalSince1970: run.finishedAt.timeIntervalSince1970.rounded(.down))
        let results = try store.results(run: run.id)
        // Relative periods end with the package's day, so one run gives one package.
        let periodReport = try period.map { text in
            let observed = try OperatingPeriod(parsing: text, today: time)
            return PeriodReport(
                period: observed, observations: try store.observations(of: observed))
        }
        let root: WorkspaceRoot
        do { root = try WorkspaceRoot(session.root) } catch {
            throw UnreadableInput(description: error.description)
        }
        let templates = TemplateSet(workspaceRoot: session.root)
        let package = AuditPackage(
            framework: frameworkID, graph: session.graph,
            scores: Scores(
                graph: session.graph, results: results.aged(by: session.graph, now: time),
                now: time, expiringWithin: session.manifest.expiringWithin),
            build: BuildInfo(
                id: run.buildID ?? "run-\(run.id)", time: time,
                toolVersion: AttestVersion.current, revision: run.revision,
                ciURL: run.ciURL.flatMap(CIRun.validated)),
            templates: templates, root: root, runID: run.id,
            workspaceFingerprint: session.fingerprint,
            limits: AuditPackageLimits(
                maxArtifactBytes: maxArtifactMib << 20, maxEvidenceBytes: maxEvidenceMib << 20),
            labels: try BuildOutput.labels(templates, locales: session.manifest.locales),
            findPopulations: PopulationReader(
                root: root,
                loadYAML: { data, display in try YAMLDocument.evidence(data, display: display) }
            ).populations(of:), period: periodReport)
        let written = try package.write(signingKey: signingKey)
        for file in written.withheld {
            console.err("warning: " + TerminalText.inert(file.description))
        }
        do {
            try FileManager.default.createDirectory(
                at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try written.bytes.write(to: destination, options: .atomic)
        } catch {
            throw UnreadableInput(
                description: "cannot write \(destination.path): \(error.localizedDescription)")
        }
        console.out(
            "auditor package \(written.packageID) for \(frameworkID) (run \(run.id), audience "
                + "internal): \(destination.path)")
        console.out(
            "\(written.entryCount) entries, \(written.bytes.count) bytes, sha256 "
                + Hex.encode(SHA256.hash(data: written.bytes)))
    }

    /// The framework named `name`: it must exist ("did you mean" otherwise) and be in scope.
    static func framework(_ name: String, in graph: ControlGraph) throws -> FrameworkID {
        let id = FrameworkID(name)
        let inScope = graph.scopedFrameworkIDs.map(\.rawValue).joined(separator: ", ")
        guard graph.frameworks[id] != nil else {
            let hint = Spelling.closest(
                to: name, among: graph.frameworkIDs.map(\.rawValue), maxEdits: 2)
            throw UnreadableInput(
                description: TerminalText.inert(
                    "'\(name)' is not a framework of this workspace"
                        + (hint.map { "; did you mean '\($0)'?" } ?? "")
                        + " (in scope: \(inScope))"))
        }
        guard graph.isScoped(id) else {
            throw UnreadableInput(
                description:
                    "'\(name)' is not in scope: attest.yaml's `frameworks:` does not select it "
                    + "(in scope: \(inScope))")
        }
        return id
    }
}
