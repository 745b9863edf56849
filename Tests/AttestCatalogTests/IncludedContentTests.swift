import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// Everything an included file brings reaches the workspace, whatever its path sorts as next to
/// `attest.yaml` (`Agents/…` and `_shared/…` sort before it, `zz/…` after).
@Suite struct IncludedContentTests {
    static let fixture = "valid/content-in-included-files"

    @Test func programsOfFilesSortingBeforeTheManifestAreKept() throws {
        let manifest = try Fixtures.validate(Self.fixture).loaded.workspace.manifest
        #expect(manifest.programs.map(\.id) == ["own", "early", "late"])
    }

    @Test func exclusionsOfFilesSortingBeforeTheManifestAreKept() throws {
        let validation = try Fixtures.validate(Self.fixture)
        let excluded = validation.loaded.workspace.manifest.exclusions.map(\.requirement.key)
        #expect(
            excluded == [
                RequirementKey("early", "E3"), RequirementKey("early", "E4"),
                RequirementKey("late", "L3"),
            ])
        #expect(validation.graph.exclusions.count == 3)
    }

    @Test func controlsFrameworksAndMappingsOfEveryIncludedFileAreKept() throws {
        let graph = try Fixtures.validate(Self.fixture).graph
        #expect(graph.controlIDs == ["C-after", "C-before", "C-own"])
        #expect(graph.frameworkIDs == ["early", "late"])
        #expect(graph.mappings.count == 2)
    }
}
