import ArgumentParser
import AttestCore
import AttestRender
import Foundation

/// `attest soa`: writes the ISO/IEC 27001:2022 Statement of Applicability from the latest
/// recorded run.
struct SoACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soa",
        abstract: "Write the ISO/IEC 27001:2022 Statement of Applicability (HTML and CSV).",
        discussion: """
            One row per Annex A control (93): applicable or not, the justification, the \
            implementation status from the score, the implementing controls and their \
            evidence. Scores come from the latest recorded run (or --run). `attest build` \
            writes the same files into its audit folder when iso27001 is in scope.
            """)

    @OptionGroup var options: WorkspaceOptions
    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "The folder to write into (default: the current folder).")
    var out: String = "."

    @Option(help: "Locales to write, comma-separated (default: the manifest's `locales:`).")
    var locale: String?

    @Option(
        name: .customLong("run"),
        help: "Use this recorded run (as `attest history` lists) instead of the latest.")
    var runID: Int64?

    func run() async throws {
        let console = Console.current
        let session = try WorkspaceSession(options: options, console: console)
        guard session.graph.isScoped(StatementOfApplicability.framework) else {
            throw SoAError(
                "iso27001 is not in the workspace's scope, so there is no Statement of "
                    + "Applicability to write; add it under `frameworks:` in attest.yaml")
        }
        let locales = try selectedLocales(session.manifest)
        let store = try session.openStore(storeOptions.store, access: .readOnly)
        let now = Date()
        let scores = try latestScores(session: session, store: store, now: now, run: runID)
        let source = try runID ?? store.runs(limit: 1).first?.id
        let statement = try StatementOfApplicability(scores: scores, ceiling: .internal)
        let templates = TemplateSet(workspaceRoot: session.root)
        let files = try SoARenderer(
            templates: templates, labels: try BuildOutput.labels(templates, locales: locales)
        ).files(
            statement,
            heading: SoAHeading(
                organisation: session.manifest.organisation, asOf: now,
                source: source.map { "run \($0)" } ?? ""),
            locales: locales)
        let folder = URL(fileURLWithPath: out, isDirectory: true).standardizedFileURL
        // Every file is checked before the first is written, so a refusal writes nothing.
        for (name, data) in files.sorted(by: { $0.key < $1.key }) {
            try Self.refuseToReplace(folder.appendingPathComponent(name), with: data)
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (name, data) in files.sorted(by: { $0.key < $1.key }) {
                try data.write(to: folder.appendingPathComponent(name), options: .atomic)
                console.out(folder.appendingPathComponent(name).path)
            }
        } catch {
            throw UnreadableInput(description: "cannot write into \(out): \(error)")
        }
        let applicable = statement.rows.count(where: \.isApplicable)
        console.out(
            "\(statement.rows.count) Annex A controls: \(applicable) applicable, "
                + "\(statement.count(.implemented)) implemented, "
                + "\(statement.count(.partiallyImplemented)) partially implemented, "
                + "\(statement.count(.notImplemented)) not implemented, "
                + "\(statement.count(.inherited)) inherited")
    }

    /// Attest replaces nothing it did not create: an existing file at a statement's path is
    /// replaced only when it is a regular file (not a link) that begins as the new one does
    /// (the CSV's header row; the HTML page up to its title), i.e. an earlier `attest soa`.
    static func refuseToReplace(_ destination: URL, with data: Data) throws {
        let leading = leadingPart(of: data, isPage: destination.pathExtension == "html")
        // Only as many bytes as the comparison needs: the file at `--out` may be anything.
        try ReplaceableFile.check(
            destination, head: leading.count,
            refusal: "\(destination.path) exists and is not a Statement of Applicability Attest "
                + "wrote; remove it or choose another --out"
        ) { $0 == leading }
    }

    /// The part every statement of that file begins with: up to the end of `</title>` in a
    /// page, else the first line.
    static func leadingPart(of data: Data, isPage: Bool) -> Data {
        let bytes = [UInt8](data)
        let title = Array("</title>".utf8)
        if isPage, let end = bytes.indices.first(where: { bytes[$0...].starts(with: title) }) {
            return Data(bytes[..<(end + title.count)])
        }
        let lineEnd = bytes.firstIndex(of: 0x0A) ?? bytes.count
        return Data(bytes[..<lineEnd])
    }

    private func selectedLocales(_ manifest: Manifest) throws -> [String] {
        guard let locale else { return manifest.locales }
        let list = locale.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard !list.isEmpty else {
            throw ValidationError("--locale needs at least one locale, e.g. en,fr")
        }
        return list
    }
}
