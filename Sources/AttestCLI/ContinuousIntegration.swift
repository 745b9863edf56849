import ArgumentParser
import AttestTemplates
import Foundation

/// The CI service whose workflow `attest init` writes: it builds the trust center on every
/// push and every day, keeps the reports private and publishes only the site
/// (docs/publishing.md explains each step).
enum ContinuousIntegration: String, ExpressibleByArgument, CaseIterable {
    case github, gitlab, none

    /// The bundled workflow's name under `templates/init/`, and where it goes in the workspace.
    var template: (bundled: String, path: String)? {
        switch self {
        case .github: ("github-trust-center.yml", ".github/workflows/trust-center.yml")
        case .gitlab: ("gitlab-ci.yml", ".gitlab-ci.yml")
        case .none: nil
        }
    }

    /// The workflow's path and text; nil for `none`.
    ///
    /// - Throws: `UnreadableInput` when the bundled workflow is missing (a broken install).
    func workflow() throws -> (path: String, text: String)? {
        guard let template else { return nil }
        guard
            let url = BuiltinTemplates.rootURL?.appendingPathComponent("init/" + template.bundled),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else {
            throw UnreadableInput(
                description: "the bundled workflow init/\(template.bundled) is missing; "
                    + "reinstall attest with its resource bundles beside the binary")
        }
        return (template.path, text)
    }
}
