import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// Every combination of the five frameworks (31) with each choice of locales: the workspace
/// `attest init` writes loads without an error, without a gap, and with no warning other than
/// the evidence it still needs. The built binary runs a sample of these end to end
/// (InitEndToEndTests); here every combination is loaded in process.
@Suite struct InitCombinationsTests: InProcessCommands {
    static let frameworks = ["soc2", "iso27001", "hipaa", "gdpr", "eu-ai-act"]
    static let localeChoices = ["en", "fr", "en,fr", "fr,en"]

    /// The 31 non-empty subsets, each with a locale choice (rotating).
    static let combinations: [(frameworks: String, locales: String)] = (1..<32).map { mask in
        let chosen = frameworks.indices.filter { mask & (1 << $0) != 0 }.map { frameworks[$0] }
        return (chosen.joined(separator: ","), localeChoices[mask % localeChoices.count])
    }

    /// Warnings a new workspace has by design: its evidence files do not exist yet.
    static let expected: Set<DiagnosticCode> = [.evidenceMissingFile]

    @Test func everyCombinationLoadsWithoutAGap() async throws {
        for combination in Self.combinations {
            let folder = try TemporaryWorkspace()
            let result = await run([
                "init", folder.root.path, "--ci", "none", "--frameworks", combination.frameworks,
                "--locale", combination.locales,
            ])
            try #require(result.status == 0, "\(combination): \(result.err)")
            let validation = try WorkspaceLoader().validate(at: folder.root)
            #expect(validation.isValid, "\(combination)")
            #expect(validation.graph.gaps.isEmpty, "\(combination): \(validation.graph.gaps)")
            let unexpected = validation.diagnostics(verbose: true).filter {
                !Self.expected.contains($0.code)
            }
            #expect(
                unexpected.isEmpty,
                "\(combination): \(unexpected.map { "\($0.code): \($0.message)" })")
            let inScope = Set(validation.graph.manifest.frameworks.map(\.id.rawValue))
            #expect(inScope == Set(combination.frameworks.split(separator: ",").map(String.init)))
        }
    }
}
