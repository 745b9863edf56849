import ArgumentParser
import AttestCatalog
import AttestCore
import Foundation

/// `attest catalog recipes`: the bundled recipes (docs/recipes.md), with their parameters, so
/// a control can use one by name without opening the documentation.
struct CatalogRecipesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recipes",
        abstract: "List the ready evidence recipes (AWS, GitHub, Kubernetes, Google, Okta).")

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    struct Row: Encodable {
        struct Parameter: Encodable {
            var name: String
            var type: String
            var required: Bool
            var `default`: String?
            var description: String
        }
        var id: String
        var title: String
        var description: String
        var collector: String
        var permissions: [String]
        var parameters: [Parameter]
    }

    func run() async throws {
        let rows = RecipeBook.bundled.recipes.map { recipe in
            Row(
                id: recipe.id, title: recipe.title, description: recipe.summary,
                collector: recipe.collector.rawValue, permissions: recipe.permissions,
                parameters: recipe.parameters.map {
                    Row.Parameter(
                        name: $0.name, type: $0.kind.rawValue, required: $0.isRequired,
                        default: $0.defaultValue, description: $0.summary)
                })
        }
        let console = Console.current
        switch format {
        case .json:
            console.out(try JSONOutput.encode(rows))
        case .text:
            let table = TextTable(headers: ["recipe", "collector", "parameters", "checks"])
            console.out(
                table.render(
                    rows.map { row in
                        let parameters = row.parameters.map {
                            $0.name + ($0.required ? "" : "=\($0.default ?? "")")
                        }
                        return [
                            row.id, row.collector,
                            parameters.isEmpty ? "—" : parameters.joined(separator: " "),
                            row.title,
                        ]
                    }))
        }
    }
}
