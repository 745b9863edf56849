import AttestCore
import AttestSystem
import AttestTestSupport
import Foundation
import Testing

@testable import AttestRender

/// Which documents of `documents:` the public site lists and copies, read through the
/// confinement function.
@Suite struct DocumentLibraryTests {
    static let now = Date(timeIntervalSince1970: 1_780_272_000)  // 2026-06-01T00:00:00Z

    static func document(
        _ id: String, _ file: String, _ visibility: Visibility, expires: String? = nil
    ) -> Document {
        Document(
            id: DocumentID(id), file: file, title: LocalizedText(["en": "T-\(id)", "fr": "F"]),
            description: LocalizedText(english: "D-\(id)"), visibility: visibility,
            expires: expires, position: .start(of: "attest.yaml"))
    }

    /// A digest the test can recognise: the file's length and first byte.
    static func digest(_ data: Data) -> String { "len\(data.count)" }

    @Test func onlyPublicUnexpiredDocumentsAreCopiedAndNDAOnesAreNamedByTitleOnly() throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write("docs/paper.md", "public\n")
        try workspace.write("docs/nda.md", "nda\n")
        try workspace.write("docs/old.md", "old\n")
        try workspace.write("docs/internal.md", "internal\n")
        let library = try DocumentLibrary.read(
            [
                Self.document("paper", "docs/paper.md", .public, expires: "2026-06-01"),
                Self.document("nda", "docs/nda.md", .nda),
                Self.document("old", "docs/old.md", .public, expires: "2026-05-31"),
                Self.document("old-nda", "docs/old.md", .nda, expires: "2026-05-31"),
                Self.document("internal", "docs/internal.md", .internal),
            ], root: WorkspaceRoot(workspace.root), now: Self.now, digest: Self.digest)
        #expect(library.files.map(\.path) == ["documents/paper/paper.md"])
        #expect(library.files.first?.data == Data("public\n".utf8))
        #expect(library.entries.map(\.id) == ["paper", "nda"])
        let paper = try #require(library.entries.first)
        #expect(paper.access == "public")
        #expect(paper.size == 7)
        #expect(paper.sha256 == "len7")
        #expect(paper.expires == "2026-06-01")
        #expect(paper.description == ["en": "D-paper"])
        let nda = try #require(library.entries.last)
        #expect(nda.access == "nda")
        #expect(nda.title == ["en": "T-nda", "fr": "F"])
        #expect(nda.path == nil && nda.fileName == nil && nda.size == nil && nda.sha256 == nil)
        #expect(nda.description == nil && nda.expires == nil)
    }

    @Test func aPublicDocumentThatLinksOutOfTheWorkspaceIsRefused() throws {
        let workspace = try TemporaryWorkspace()
        let outside = try TemporaryWorkspace()
        try outside.write("secret.txt", "CANARY-OUTSIDE\n")
        try workspace.link(
            "docs/paper.md", to: outside.root.appendingPathComponent("secret.txt").path)
        #expect(throws: ConfinementError.self) {
            try DocumentLibrary.read(
                [Self.document("paper", "docs/paper.md", .public)],
                root: WorkspaceRoot(workspace.root), now: Self.now, digest: Self.digest)
        }
    }
}
