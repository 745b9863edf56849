import AttestCatalog
import AttestCore
import Foundation

/// Every finding `attest validate` reports, in one place so the command and its fixture tests
/// agree: the loader's and the graph's, and the checks shared with the commands that refuse an
/// invalid workspace.
enum ValidateFindings {
    /// The findings about the workspace of `validation`, sorted by position.
    ///
    /// - Parameters:
    ///   - root: The workspace folder.
    ///   - verbose: One gap diagnostic per requirement instead of a count per framework.
    static func all(_ validation: Validation, root: URL, verbose: Bool) -> [Diagnostic] {
        let extra = WorkspaceChecks.extra(validation, root: root).diagnostics
        return (validation.diagnostics(verbose: verbose) + extra).sorted()
    }
}
