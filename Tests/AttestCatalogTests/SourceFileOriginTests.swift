import AttestCore
import Foundation
import Testing

@testable import AttestCatalog

/// Whether a file is read through the confinement function depends on where it came from, never
/// on how its name is spelled.
@Suite struct SourceFileOriginTests {
    @Test func aWorkspaceFileNamedLikeABundledCatalogIsStillReadThroughTheConfinementFunction()
        throws
    {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("attest-origin-\(UUID().uuidString)")
        let workspace = folder.appendingPathComponent("workspace")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outside = folder.appendingPathComponent("secret.yaml")
        try Data("token: outside\n".utf8).write(to: outside)
        // A name a workspace may give a file; it links out of the workspace.
        try FileManager.default.createSymbolicLink(
            at: workspace.appendingPathComponent("builtin:evil.yaml"),
            withDestinationURL: outside)

        let file = SourceFile.workspace("builtin:evil.yaml", root: workspace)
        switch file.read(root: workspace, limits: .default) {
        case .success(let bytes):
            Issue.record("read \(bytes.count) bytes from outside the workspace")
        case .failure(let diagnostic):
            #expect(diagnostic.code == .workspaceUnsafePath)
        }
    }
}
