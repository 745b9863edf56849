import AttestCatalog
import AttestCore
import AttestOSCAL
import AttestTestSupport
import Foundation
import Testing

/// Import → export → import: NIST's catalog read as a framework, written back as an OSCAL
/// catalog by `CatalogModel`, and read again, in each of the three formats, keeps every id,
/// title and parameter (the "lossless for ids, titles and parameters").
@Suite struct CatalogRoundTripTests {
    static let catalog = Fixtures.root.appendingPathComponent(
        "oscal/sp800-53-rev5-5.0.1/NIST_SP-800-53_rev5_catalog.json")

    /// Loads `file` (copied into a new workspace as `path`) as framework `nist`.
    static func load(_ data: Data, as path: String) throws -> LoadedWorkspace {
        let workspace = try TemporaryWorkspace()
        try workspace.write(path, data)
        try workspace.write(
            "attest.yaml",
            "schema: 1\norganisation: { name: X }\nframeworks:\n  - { oscal: \(path), id: nist }\n"
        )
        return try WorkspaceLoader(builtinCatalogs: nil).load(at: workspace.root)
    }

    @Test(arguments: OSCALFormat.allCases)
    func nistsCatalogSurvivesExportAndImport(format: OSCALFormat) throws {
        let first = try Self.load(try Data(contentsOf: Self.catalog), as: "catalog.json")
        #expect(first.diagnostics.isEmpty)
        let imported = try #require(first.workspace.frameworks.first)
        let exported = try CatalogModel.document(
            imported, lastModified: Date(timeIntervalSince1970: 0)
        ).data(in: format)
        let second = try Self.load(Data(exported), as: "again.\(format.rawValue)")
        #expect(second.diagnostics.map { "\($0.code) \($0.message)" } == [])
        let again = try #require(second.workspace.frameworks.first)
        #expect(FrameworkShape.lines(imported).count == 1209)
        #expect(FrameworkShape.lines(again) == FrameworkShape.lines(imported))
        #expect(again.name == imported.name)
        #expect(again.version == imported.version)
        // The export is a new document (OSCAL: a new uuid when the content is revised), dated
        // with the catalog's own last-modified, in UTC to the second.
        #expect(again.metadata["oscal.uuid"] != imported.metadata["oscal.uuid"])
        #expect(again.metadata["oscal.last-modified"] == "2021-06-08T17:57:33Z")
        #expect(imported.metadata["oscal.last-modified"] == "2021-06-08T13:57:33.013981-04:00")
    }
}
