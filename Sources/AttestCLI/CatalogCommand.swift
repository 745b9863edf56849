import ArgumentParser
import AttestCatalog
import AttestCore
import Foundation

/// `attest catalog`: the framework catalogs available to the workspace.
struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "List framework catalogs or show one.",
        subcommands: [CatalogListCommand.self, CatalogShowCommand.self, CatalogRecipesCommand.self])
}

/// Loads the workspace's graph, or only the bundled catalogs when there is no `attest.yaml`.
func loadCatalogGraph(_ options: WorkspaceOptions) throws -> ControlGraph {
    let loader = WorkspaceLoader()
    let root = options.rootURL
    if FileManager.default.fileExists(
        atPath: root.appendingPathComponent(WorkspaceLoader.manifestName).path)
    {
        return try loader.validate(at: root).graph
    }
    return loader.validateBuiltinCatalogs().graph
}

struct CatalogListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List every framework with its counts.")

    @OptionGroup var options: WorkspaceOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    struct Row: Encodable {
        var id: String
        var name: String
        var kind: String
        var requirements: Int
        var assessable: Int
        var mapped: Int
        var inScope: Bool
        /// For a framework read from an OSCAL catalog or profile: its source and counts.
        var oscal: OSCALFrameworkSummary?
    }

    func run() async throws {
        let graph = try loadCatalogGraph(options)
        let scoped = Set(graph.scopedFrameworkIDs)
        let rows = graph.frameworkIDs.compactMap { id -> Row? in
            guard let framework = graph.frameworks[id] else { return nil }
            let keys = graph.catalogOrder[id] ?? []
            return Row(
                id: id.rawValue, name: framework.name.english, kind: framework.kind.rawValue,
                requirements: keys.count,
                assessable: keys.filter { graph.nodes[$0]?.requirement.isAssessable == true }.count,
                mapped: keys.filter { graph.mappingsByRequirement[$0] != nil }.count,
                inScope: scoped.contains(id), oscal: OSCALFrameworkSummary(framework))
        }
        let console = Console.current
        switch format {
        case .json:
            console.out(try JSONOutput.encode(rows))
        case .text:
            let table = TextTable(
                headers: [
                    "framework", "name", "kind", "requirements", "assessable", "mapped", "scope",
                ],
                rightAligned: [3, 4, 5])
            console.out(
                table.render(
                    rows.map {
                        [
                            $0.id, $0.name, $0.kind, "\($0.requirements)", "\($0.assessable)",
                            "\($0.mapped)",
                            $0.inScope ? "yes" : "—",
                        ]
                    }))
            for row in rows {
                guard let oscal = row.oscal else { continue }
                console.out("\(row.id): \(oscal.origin)\n  \(oscal.counts)")
            }
        }
    }
}

struct CatalogShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one framework's requirements in catalog order.")

    @OptionGroup var options: WorkspaceOptions

    @Argument(help: "The framework id, e.g. soc2.")
    var framework: String

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "Locale of titles, e.g. en or fr.")
    var locale: String = "en"

    struct Row: Encodable {
        var id: String
        var title: String
        var parent: String?
        var depth: Int
        var assessable: Bool
        var tags: [String]
    }

    func run() async throws {
        let graph = try loadCatalogGraph(options)
        let id = FrameworkID(framework)
        guard let catalog = graph.frameworks[id] else {
            throw ValidationError(
                "unknown framework '\(framework)'; known: "
                    + graph.frameworkIDs.map(\.rawValue).joined(separator: ", "))
        }
        let rows = (graph.catalogOrder[id] ?? []).compactMap { key -> Row? in
            guard let node = graph.nodes[key] else { return nil }
            return Row(
                id: key.requirement.rawValue, title: node.requirement.title.text(for: locale),
                parent: node.parent?.requirement.rawValue, depth: node.depth,
                assessable: node.requirement.isAssessable, tags: node.requirement.tags)
        }
        let console = Console.current
        switch format {
        case .json:
            console.out(try JSONOutput.encode(rows))
        case .text:
            console.out(
                "\(catalog.name.text(for: locale)) — \(catalog.issuer)\(catalog.version.map { ", \($0)" } ?? "")"
            )
            let width = rows.map { $0.id.count + 2 * $0.depth }.max() ?? 0
            for row in rows {
                let label = String(repeating: "  ", count: row.depth) + row.id
                let marker = row.assessable ? "•" : " "
                console.out(
                    "\(marker) \(label.padding(toLength: width, withPad: " ", startingAt: 0))  \(row.title)"
                )
            }
        }
    }
}
