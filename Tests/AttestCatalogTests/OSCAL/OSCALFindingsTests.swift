import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// Broken and hostile OSCAL files: each ends in a finding at its place, never a crash or hang.
@Suite struct OSCALFindingsTests {
    static let metadata = """
        "metadata": {"title": "T", "last-modified": "2024-01-01T00:00:00Z", "version": "1",
                     "oscal-version": "1.1.2"}
        """

    /// Loads `text` as the OSCAL file `o/x.json` (or another name) of framework `x`.
    static func load(
        _ text: String, name: String = "o/x.json", limits: YAMLLimits = .default
    ) throws -> LoadedWorkspace {
        try OSCALWorkspace(
            frameworks: "  - { oscal: \(name), id: x }", files: [name: text]
        ).load(limits: limits)
    }

    @Test func aJSONFileThatIsNotOSCALIsSaidSo() throws {
        let loaded = try Self.load("{\"name\": \"not oscal\"}")
        #expect(loaded.findings == ["error oscal.not-oscal o/x.json:1:1"])
    }

    @Test func anOSCALModelThatIsNotACatalogOrProfileIsNamed() throws {
        let loaded = try Self.load("{\"system-security-plan\": {\"uuid\": \"u\"}}")
        #expect(loaded.findings == ["error oscal.unsupported-model o/x.json:1:2"])
        #expect(loaded.diagnostics.first?.message.contains("system-security-plan") == true)
    }

    @Test(arguments: ["1.0.0", "1.1.2", "1.2.1", "1.0.0-rc2"])
    func oscalVersionsOneZeroToOneTwoAreRead(_ version: String) throws {
        let loaded = try Self.load(
            """
            {"catalog": {"uuid": "u", "metadata": {"title": "T", "last-modified": "2024-01-01T00:00:00Z",
              "version": "1", "oscal-version": "\(version)"}}}
            """)
        #expect(loaded.findings == [])
        #expect(loaded.framework("x") != nil)
    }

    @Test(arguments: ["2.0.0", "1.3.0", "0.9", "latest"])
    func otherOSCALVersionsAreRefusedAtTheVersion(_ version: String) throws {
        let loaded = try Self.load(
            """
            {"catalog": {"uuid": "u", "metadata": {"title": "T", "last-modified": "2024-01-01T00:00:00Z",
              "version": "1", "oscal-version": "\(version)"}}}
            """)
        #expect(loaded.findings == ["error oscal.unsupported-version o/x.json:2:36"])
        #expect(loaded.framework("x") == nil)
    }

    @Test func aControlWithoutATitleIsAMissingFieldAtTheControl() throws {
        let loaded = try Self.load(
            """
            {"catalog": {"uuid": "u", \(Self.metadata),
              "controls": [{"id": "c-1", "title": "One"},
                           {"id": "c-2"}]}}
            """)
        #expect(loaded.findings == ["error oscal.missing-field o/x.json:4:16"])
        #expect(loaded.framework("x")?.requirements.map(\.id.rawValue) == ["c-1"])
    }

    @Test func aJSONSyntaxErrorIsReportedAtItsPosition() throws {
        let loaded = try Self.load(
            "{\"catalog\": {\"uuid\": \"u\",\n  \"metadata\": {\"title\": \"T\" \"version\": 1}}}")
        #expect(loaded.findings.count == 1)
        #expect(loaded.findings.first?.hasPrefix("error yaml.syntax o/x.json:2:") == true)
    }

    @Test func deepNestingIsRefusedQuickly() throws {
        let depth = 100_000
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let started = Date()
        let loaded = try Self.load(text)
        #expect(loaded.findings.first?.hasPrefix("error yaml.too-deep o/x.json:1:") == true)
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func deeplyNestedControlsStopAtTheNestingLimit() throws {
        // Controls inside controls, 40 deep: within the parser's limit of 64 nested values?
        // No: each control adds an object and an array, so the parser refuses it first.
        var text = ""
        for level in 0..<40 { text += "{\"id\": \"c\(level)\", \"title\": \"t\", \"controls\": [" }
        text += String(repeating: "]}", count: 40)
        let loaded = try Self.load(
            "{\"catalog\": {\"uuid\": \"u\", \(Self.metadata), \"controls\": [\(text)]}}")
        #expect(loaded.findings.first?.contains("yaml.too-deep") == true)
    }

    @Test func aFileOverTheSizeLimitIsRefusedWithoutBeingParsed() throws {
        var limits = YAMLLimits.default
        limits.maxFileBytes = 1000
        let text = "{\"catalog\": {\"uuid\": \"" + String(repeating: "u", count: 2000) + "\"}}"
        let loaded = try Self.load(text, limits: limits)
        // Blamed on the oscal: item of attest.yaml, line 4 column 14.
        #expect(loaded.findings == ["error yaml.file-too-large attest.yaml:4:14"])
    }

    @Test func aProfileImportingItselfIsAnImportCycle() throws {
        let loaded = try Self.load(
            """
            {"profile": {"uuid": "u", \(Self.metadata),
              "imports": [{"href": "x.json", "include-all": {}}]}}
            """)
        #expect(loaded.findings == ["error oscal.import-cycle o/x.json:3:24"])
        #expect(loaded.diagnostics.first?.message.contains("o/x.json → o/x.json") == true)
    }

    @Test func aMissingOSCALFileIsBlamedOnAttestYAML() throws {
        let workspace = try OSCALWorkspace(frameworks: "  - { oscal: o/none.json, id: x }")
        #expect(try workspace.load().findings == ["error workspace.missing-file attest.yaml:4:14"])
    }

    @Test func anOSCALPathLeavingTheWorkspaceIsRefused() throws {
        let workspace = try OSCALWorkspace(frameworks: "  - { oscal: ../x.json, id: x }")
        #expect(try workspace.load().findings == ["error workspace.unsafe-path attest.yaml:4:14"])
        let linked = try OSCALWorkspace(frameworks: "  - { oscal: o/link.json, id: x }")
        try linked.folder.link("o/link.json", to: "/etc/hostname")
        #expect(try linked.load().findings == ["error workspace.unsafe-path attest.yaml:4:14"])
    }

    @Test func anImportLinkLeavingTheWorkspaceIsNeverFollowed() throws {
        let workspace = try OSCALWorkspace(
            frameworks: "  - { oscal: o/p.json, id: x }",
            files: [
                "o/p.json": """
                {"profile": {"uuid": "u", \(Self.metadata),
                  "imports": [{"href": "../../outside/catalog.json", "include-all": {}}]}}
                """
            ])
        let loaded = try workspace.load()
        #expect(loaded.findings == ["error oscal.unresolvable-import o/p.json:3:24"])
        #expect(loaded.diagnostics.first?.message.contains("tried o/catalog.json") == true)
    }

    @Test func aCatalogsMappingToAMissingFileIsBlamedOnTheMapping() throws {
        let workspace = try OSCALWorkspace(
            frameworks: "  - { oscal: o/p.json, id: x, catalogs: { '#r': o/none.json } }",
            files: [
                "o/p.json": """
                {"profile": {"uuid": "u", \(Self.metadata),
                  "imports": [{"href": "#r", "include-all": {}}]}}
                """
            ])
        #expect(try workspace.load().findings == ["error workspace.missing-file attest.yaml:4:49"])
    }

    @Test func duplicateRequirementIdsAreReportedWithTheFirst() throws {
        let loaded = try Self.load(
            """
            {"catalog": {"uuid": "u", \(Self.metadata),
              "controls": [{"id": "c-1", "title": "One", "props": [{"name": "label", "value": "C"}]},
                           {"id": "c-2", "title": "Two", "props": [{"name": "label", "value": "C"}]}]}}
            """)
        #expect(loaded.findings == ["error oscal.duplicate-id o/x.json:4:16"])
        #expect(loaded.diagnostics.first?.notes.first?.position?.description == "o/x.json:3:16")
        #expect(loaded.framework("x")?.requirements.count == 1)
    }

    @Test func anXMLFileThatIsNotWellFormedIsReportedAtItsLine() throws {
        let workspace = try OSCALWorkspace(
            frameworks: "  - { oscal: o/catalog.xml, id: x }",
            files: [
                "o/catalog.xml":
                    "<catalog xmlns=\"http://csrc.nist.gov/ns/oscal/1.0\">\n<group>\n</catalog>\n"
            ])
        let findings = try workspace.load().findings
        #expect(findings.count == 1)
        #expect(findings.first?.hasPrefix("error xml.syntax o/catalog.xml:3:") == true)
    }

    @Test func anUnknownKeyOfTheFrameworkItemIsReported() throws {
        let workspace = try OSCALWorkspace(
            frameworks: "  - { oscal: o/x.json, id: x, colour: red }")
        let findings = try workspace.load().findings
        #expect(findings.contains("error schema.unknown-key attest.yaml:4:31"))
    }
}
