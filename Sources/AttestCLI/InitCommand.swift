import ArgumentParser
import AttestCatalog
import AttestCore
import Foundation

/// `attest init`: a working workspace in a new or empty folder, from the starter library.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a workspace: attest.yaml, starter controls, evidence guide, CI workflow.",
        discussion: """
            Writes attest.yaml, the starter controls that map to the chosen frameworks \
            (controls/), evidence/README.md (every file the controls expect), .gitignore and a \
            CI workflow that builds and publishes the trust center. Existing files are never \
            replaced without --force, and links never. Right after init, `attest validate` \
            passes and `attest build` writes a readiness report at 0 % whose missing \
            evidence is the to-do list (docs/starter-library.md).
            """)

    @Argument(help: "The workspace folder, new or existing (default: the current folder).")
    var directory: String = "."

    @Option(
        help: "The organisation's name, shown on the trust center (default: the folder's name).")
    var org: String?

    @Option(
        help: ArgumentHelp(
            "Frameworks in scope, comma-separated.",
            valueName: WorkspaceScaffold.frameworks.map(\.id).joined(separator: ",")))
    var frameworks: String = "soc2,iso27001"

    @Option(help: "Site locales, comma-separated; the first is the default (en, fr).")
    var locale: String = "en"

    @Option(help: "The CI workflow to write: github, gitlab or none.")
    var ci: ContinuousIntegration = .github

    @Flag(help: "Replace existing regular files the workspace needs (never links or folders).")
    var force = false

    /// The longest organisation name accepted.
    static let maxNameLength = 200

    func run() async throws {
        let console = Console.current
        let destination = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
        let starter = StarterLibrary.bundled
        guard !starter.files.isEmpty else {
            throw UnreadableInput(
                description: "the bundled starter library is missing; reinstall attest with "
                    + "its resource bundles beside the binary")
        }
        let scaffold = WorkspaceScaffold(
            organisation: try Self.organisation(org, folder: destination),
            frameworks: try Self.frameworks(frameworks), locales: try Self.locales(locale),
            workflow: try ci.workflow(), starter: starter)

        let files = scaffold.files
        let guidePath = "evidence/README.md"
        let paths = files.map(\.path) + [guidePath]
        let writer = ScaffoldWriter(destination: destination, force: force)
        try writer.check(paths)
        let staging = try writer.stage(files)
        let validation: Validation
        do {
            validation = try WorkspaceLoader().validate(at: staging)
            guard validation.isValid else {
                throw UnreadableInput(
                    description: "the starter workspace does not load (a defect of attest): "
                        + validation.diagnostics(verbose: false).filter { $0.severity == .error }
                        .prefix(5).map(\.message).joined(separator: "; "))
            }
            let controls = scaffold.controlIDs.map { ControlID($0) }
            try ScaffoldWriter.write(
                EvidenceGuide.markdown(validation.graph, controls: controls), to: staging,
                at: guidePath)
        } catch {
            writer.discard(staging)
            throw error
        }
        try writer.place(staging, paths: paths)
        report(scaffold, graph: validation.graph, console: console)
    }

    private func report(_ scaffold: WorkspaceScaffold, graph: ControlGraph, console: Console) {
        let names = scaffold.frameworks.map(\.en).joined(separator: ", ")
        let files = Set(graph.evidence.values.compactMap(\.path)).count
        let shown = directory == "." ? "this folder" : directory
        console.out(
            "Created a workspace in \(shown) for \(names) (\(scaffold.locales.joined(separator: ", "))): "
                + "\(graph.controls.count) starter controls, \(files) evidence files to provide.")
        let cd = directory == "." ? "" : "cd \(Self.shellQuoted(directory)) && "
        console.out("Next:")
        console.out("  1. \(cd)attest validate      checks the workspace")
        console.out(
            "  2. Adapt controls/ to what you do, and put evidence in evidence/ "
                + "(evidence/README.md lists each file)")
        console.out(
            "  3. attest build         writes reports/readiness (your to-do list) and "
                + "reports/site (the trust center)")
    }

    // MARK: Options

    static func organisation(_ option: String?, folder: URL) throws -> String {
        let name = (option ?? folder.lastPathComponent).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name != "/" else {
            throw ValidationError("--org: give the organisation's name")
        }
        guard name.count <= maxNameLength else {
            throw ValidationError("--org: at most \(maxNameLength) characters")
        }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { throw ValidationError("--org: no control characters or line breaks") }
        return name
    }

    static func frameworks(_ option: String) throws -> [StarterFramework] {
        let known = WorkspaceScaffold.frameworks
        var chosen: [StarterFramework] = []
        for id in Self.list(option) {
            guard let framework = known.first(where: { $0.id == id }) else {
                throw ValidationError(
                    "--frameworks: unknown framework '\(id)'; the starter library covers "
                        + known.map(\.id).joined(separator: ", "))
            }
            if !chosen.contains(framework) { chosen.append(framework) }
        }
        guard !chosen.isEmpty else { throw ValidationError("--frameworks: name at least one") }
        return chosen
    }

    static func locales(_ option: String) throws -> [String] {
        var chosen: [String] = []
        for locale in Self.list(option) {
            guard WorkspaceScaffold.locales.contains(locale) else {
                throw ValidationError(
                    "--locale: unknown locale '\(locale)'; the site is written in "
                        + WorkspaceScaffold.locales.joined(separator: ", "))
            }
            if !chosen.contains(locale) { chosen.append(locale) }
        }
        guard !chosen.isEmpty else { throw ValidationError("--locale: name at least one") }
        return chosen
    }

    static func list(_ option: String) -> [String] {
        option.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// `text` as one shell word, for the printed next steps.
    static func shellQuoted(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || "-_./".unicodeScalars.contains($0)
        }
        return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
