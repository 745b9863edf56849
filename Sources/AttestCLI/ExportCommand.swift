import ArgumentParser
import AttestCore
import AttestOSCAL
import AttestStore
import Foundation

/// `attest export`: the workspace's content in an exchange format (`attest export oscal`).
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export frameworks and results in an exchange format.",
        subcommands: [ExportOSCALCommand.self])
}

/// The OSCAL models `attest export oscal` writes.
enum OSCALModelKind: String, CaseIterable, ExpressibleByArgument {
    case catalog
    case assessmentResults = "assessment-results"
    case componentDefinition = "component-definition"
    case ssp
    case mappingCollection = "mapping-collection"
}

extension OSCALFormat: ExpressibleByArgument {}

/// `attest export oscal`: one OSCAL document of the workspace (docs/oscal.md, docs/cli.md).
struct ExportOSCALCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oscal",
        abstract: "Write an OSCAL document (OSCAL 1.2.1) as JSON, XML or YAML.",
        discussion: """
            catalog: one framework as an OSCAL catalog (--framework required). \
            assessment-results: the latest recorded run (or --run), a finding per requirement. \
            component-definition: the workspace's controls per framework, with their evidence. \
            ssp: a system security plan skeleton for one framework (--framework), statuses from \
            the run's scores. mapping-collection: the mappings between the frameworks in scope \
            (or of --framework). \
            Results come from the store, scored at the run's own time, so two exports of one \
            run are byte-identical.
            """)

    @OptionGroup var options: WorkspaceOptions
    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "The OSCAL model to write.")
    var model: OSCALModelKind

    @Option(help: "The framework (required for catalog; otherwise every framework in scope).")
    var framework: String?

    @Option(help: "json, xml or yaml (default: from --out's extension).")
    var format: OSCALFormat?

    @Option(help: "The file to write; an existing file must be an earlier Attest OSCAL export.")
    var out: String

    @Option(
        name: .customLong("run"),
        help: "Use this recorded run (as `attest history` lists) instead of the latest.")
    var runID: Int64?

    func validate() throws {
        if model == .catalog, framework == nil {
            throw ValidationError("--model catalog needs --framework")
        }
        _ = try Self.format(format, out: out)
    }

    func run() async throws {
        let console = Console.current
        let destination = URL(fileURLWithPath: out).standardizedFileURL
        let chosenFormat = try Self.format(format, out: out)
        try OSCALOutput.refuseToReplace(destination)
        let session = try WorkspaceSession(options: options, console: console)
        try AuditPackageCommand.refuseInput(destination, session: session)
        let context = try OSCALExportContext(
            session: session, model: model, framework: framework,
            store: { try session.openStore(storeOptions.store, access: .readOnly) },
            runID: runID)
        let document = try Self.document(model, context: context)
        let bytes: [UInt8]
        do { bytes = try document.data(in: chosenFormat) } catch {
            throw UnreadableInput(description: "cannot write the OSCAL \(model.rawValue): \(error)")
        }
        try OSCALOutput.write(bytes, to: destination)
        console.out(
            "OSCAL \(model.rawValue) (\(chosenFormat.rawValue), "
                + context.frameworks.map(\.rawValue).joined(separator: ", ")
                + (context.run.map { ", run \($0.id)" } ?? "") + "): \(destination.path)")
    }

    /// The document of `model`: one case per model, each a call into AttestOSCAL.
    static func document(
        _ model: OSCALModelKind, context: OSCALExportContext
    ) throws
        -> OSCALDocument
    {
        switch model {
        case .catalog:
            return CatalogModel.document(
                try context.onlyFramework(), lastModified: try context.lastModified())
        case .assessmentResults:
            let run = try context.requireRun()
            return AssessmentResultsModel.document(
                run: run, scores: try context.scores(), frameworks: context.frameworks,
                organisation: context.graph.manifest.organisation)
        case .componentDefinition:
            let run = try context.requireRun()
            return ComponentDefinitionModel.document(
                graph: context.graph, frameworks: context.frameworks,
                organisation: context.graph.manifest.organisation, results: context.results,
                lastModified: run.finishedAt, version: "run-\(run.id)")
        case .ssp:
            let run = try context.requireRun()
            return try OSCALOutput.model(model) {
                try SystemSecurityPlanModel.document(
                    scores: try context.scores(), framework: try context.onlyFramework().id,
                    lastModified: run.finishedAt, version: "run-\(run.id)")
            }
        case .mappingCollection:
            let run = try context.requireRun()
            return try OSCALOutput.model(model) {
                try MappingCollectionModel.document(
                    graph: context.graph, frameworks: context.frameworks,
                    organisation: context.graph.manifest.organisation,
                    lastModified: run.finishedAt, version: "run-\(run.id)")
            }
        }
    }

    /// `--format`, else the format `--out`'s extension names.
    static func format(_ format: OSCALFormat?, out: String) throws -> OSCALFormat {
        if let format { return format }
        let fileExtension = URL(fileURLWithPath: out).pathExtension
        guard let format = OSCALFormat(fileExtension: fileExtension) else {
            throw ValidationError(
                "cannot tell the format from --out's extension '\(fileExtension)'; name a "
                    + ".json, .xml or .yaml file or pass --format json|xml|yaml")
        }
        return format
    }
}

/// What every OSCAL model is made from: the validated workspace, the frameworks the export
/// covers, and the recorded run (when the store has one) scored at its own time.
///
/// A model's case in `ExportOSCALCommand.document` reads what it needs from here, so adding
/// a model is one case and one call.
struct OSCALExportContext {
    let session: WorkspaceSession
    /// `--framework`, else every framework in scope, in the manifest's order.
    let frameworks: [FrameworkID]
    /// The run `--run` names, else the latest settled one; nil when the store has none.
    let run: RunFacts?
    /// The run's evidence results, aged at the run's own time; empty without a run.
    let results: [EvidenceResult]

    var graph: ControlGraph { session.graph }

    init(
        session: WorkspaceSession, model: OSCALModelKind, framework: String?,
        store openStore: () throws -> any ScoreStore, runID: Int64?
    ) throws {
        self.session = session
        if let framework {
            // A catalog can be written for any framework the workspace knows; results and
            // implementations only for one in scope.
            frameworks = [
                model == .catalog
                    ? try Self.knownFramework(framework, in: session.graph)
                    : try AuditPackageCommand.framework(framework, in: session.graph)
            ]
        } else {
            frameworks = session.graph.scopedFrameworkIDs
        }
        let needsRun =
            model != .catalog
            || frameworks.contains {
                session.graph.frameworks[$0]?.metadata["oscal.last-modified"].flatMap {
                    Timestamp.instant($0, zoneRequired: true)
                } == nil
            }
        guard needsRun else {
            run = nil
            results = []
            return
        }
        let store = try openStore()
        let summary: RunSummary?
        if let runID {
            summary = try store.runs(limit: nil, states: Set(RunState.allCases)).first {
                $0.id == runID
            }
            guard summary != nil else {
                throw UnreadableInput(
                    description: "the store has no run \(runID); `attest history` lists runs")
            }
        } else {
            summary = try store.runs(limit: 1).first
        }
        guard let summary else {
            run = nil
            results = []
            return
        }
        run = RunFacts(
            id: summary.id, startedAt: summary.startedAt, finishedAt: summary.finishedAt,
            toolVersion: summary.toolVersion, workspaceFingerprint: summary.workspaceFingerprint,
            revision: summary.revision, buildID: summary.buildID)
        results = try store.results(run: summary.id).aged(
            by: session.graph, now: summary.finishedAt
        ).recordOrder()
    }

    /// The run, or the error that says how to make one.
    func requireRun() throws -> RunFacts {
        guard let run else {
            throw UnreadableInput(
                description:
                    "the store has no run yet; run `attest collect` (or `attest build`) first")
        }
        return run
    }

    /// The run's results scored at the run's own time (never the clock).
    func scores() throws -> Scores {
        let run = try requireRun()
        return Scores(
            graph: graph,
            results: Dictionary(results.map { ($0.evidence, $0) }) { first, _ in first },
            now: run.finishedAt,
            expiringWithin: graph.manifest.expiringWithin)
    }

    /// The one framework of a single-framework export.
    func onlyFramework() throws -> Framework {
        guard frameworks.count == 1, let framework = graph.frameworks[frameworks[0]] else {
            throw ValidationError("this model is written for one framework: pass --framework")
        }
        return framework
    }

    /// The time a document without results was last changed: the run's, else the one
    /// framework's own `oscal.last-modified` (a catalog read from OSCAL), else an error.
    func lastModified() throws -> Date {
        if let run { return run.finishedAt }
        if frameworks.count == 1,
            let text = graph.frameworks[frameworks[0]]?.metadata["oscal.last-modified"],
            let date = Timestamp.instant(text, zoneRequired: true)
        {
            return date
        }
        return try requireRun().finishedAt
    }

    /// A framework the workspace defines, in scope or not ("did you mean" otherwise).
    static func knownFramework(_ name: String, in graph: ControlGraph) throws -> FrameworkID {
        let id = FrameworkID(name)
        guard graph.frameworks[id] == nil else { return id }
        let hint = Spelling.closest(
            to: name, among: graph.frameworkIDs.map(\.rawValue), maxEdits: 2)
        throw UnreadableInput(
            description: TerminalText.inert(
                "'\(name)' is not a framework of this workspace"
                    + (hint.map { "; did you mean '\($0)'?" } ?? "")))
    }
}

/// Writing an export: never over a file Attest did not write, never half a file.
enum OSCALOutput {
    /// The document `build` makes; a model's refusal (`OSCALWriteError`) is reported as
    /// unusable input.
    static func model(
        _ model: OSCALModelKind, _ build: () throws -> OSCALDocument
    ) throws -> OSCALDocument {
        do { return try build() } catch let error as OSCALWriteError {
            throw UnreadableInput(
                description: "cannot write the OSCAL \(model.rawValue): \(error.detail)")
        }
    }

    /// How much of an existing file is read to recognise an earlier export.
    static let recognitionBytes = 8_192

    /// An existing file at `destination` is replaced only when it is a regular file (not a
    /// link) whose first 8 KiB hold OSCAL metadata with Attest's `generator` prop, i.e. an
    /// earlier `attest export oscal`.
    static func refuseToReplace(_ destination: URL) throws {
        try ReplaceableFile.check(
            destination, head: recognitionBytes,
            refusal: "\(destination.path) exists and is not an OSCAL file Attest wrote; remove it "
                + "or choose another --out"
        ) { isAttestExport(String(decoding: $0, as: UTF8.self)) }
    }

    /// Whether a file's beginning is an Attest OSCAL export in any of the three formats.
    static func isAttestExport(_ head: String) -> Bool {
        guard head.contains("oscal-version"), head.contains(OSCALDocument.attestNamespace),
            head.contains("generator")
        else { return false }
        let start = head.drop { $0.isWhitespace }
        return start.hasPrefix("{") || start.hasPrefix("---") || start.hasPrefix("<?xml")
    }

    /// Writes `bytes` to a new file beside `destination`, then renames it into place, so a
    /// reader sees the old file or the whole new one, never a part.
    static func write(_ bytes: [UInt8], to destination: URL) throws {
        let folder = destination.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(
            ".\(destination.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: temporary, options: .withoutOverwriting)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw UnreadableInput(
                description: "cannot write \(destination.path): \(error.localizedDescription)")
        }
        guard rename(temporary.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw UnreadableInput(description: "cannot write \(destination.path): \(reason)")
        }
    }
}
