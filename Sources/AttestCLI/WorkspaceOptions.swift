import ArgumentParser
import AttestCatalog
import Foundation

/// Flags every workspace command shares.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .long, help: "The workspace folder (the one holding attest.yaml).")
    var workspace: String = "."

    var rootURL: URL {
        URL(fileURLWithPath: workspace, isDirectory: true).standardizedFileURL
    }
}

/// Output formats for commands that print results.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
