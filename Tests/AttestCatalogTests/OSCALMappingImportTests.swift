import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// OSCAL 1.2 mapping collections named under `mappings:` in attest.yaml become Attest mappings.
@Suite struct OSCALMappingImportTests {
    static let fixture = Fixtures.root.appendingPathComponent(
        "oscal-mappings/soc2-to-iso27001.json")
    static let fixturePath = "oscal/soc2-to-iso27001.json"

    /// A workspace with the bundled catalogs whose attest.yaml reads the fixture collection
    /// from soc2 to iso27001.
    func fixtureWorkspace(extra: String = "") throws -> (TemporaryWorkspace, LoadedWorkspace) {
        let workspace = try TemporaryWorkspace()
        try workspace.write(Self.fixturePath, try Data(contentsOf: Self.fixture))
        try workspace.write(
            "attest.yaml",
            """
            schema: 1
            organisation: { name: X }
            frameworks: [soc2, iso27001]
            mappings:
              - oscal: \(Self.fixturePath)
                from: soc2
                to: iso27001
            \(extra)
            """)
        return (workspace, try WorkspaceLoader().load(at: workspace.root))
    }

    func imported(_ loaded: LoadedWorkspace) -> [String] {
        loaded.workspace.mappings.filter { $0.position.file == Self.fixturePath }.map {
            "\($0.from) \($0.relation.rawValue) \($0.to) @\($0.position.line):\($0.position.column)"
        }
    }

    @Test func everyMapBecomesAMappingPerSourceAndTargetPair() throws {
        let (_, loaded) = try fixtureWorkspace()
        #expect(
            imported(loaded) == [
                "soc2/CC6.6 intersects iso27001/A.8.23 @29:11",
                "soc2/CC6.6 intersects iso27001/A.8.24 @29:11",
                "soc2/PI1.1 equivalent iso27001/A.5.9 @39:11",
                "soc2/CC6.5 subset-of iso27001/A.7.13 @45:11",
                "soc2/C1.1 superset-of iso27001/A.5.10 @51:11",
                "soc2/CC2.1 equivalent iso27001/A.5.37 @57:11",
                // A statement stands for its control, which it only part of.
                "soc2/CC6.8 intersects iso27001/A.8.9 @63:11",
            ])
        let first = loaded.workspace.mappings.first { $0.position.file == Self.fixturePath }
        #expect(
            first?.source.english
                == "OSCAL mapping collection 'SOC 2 to ISO/IEC 27001:2022 (Attest test fixture)' "
                + "(oscal/soc2-to-iso27001.json)")
        #expect(
            first?.note?.english
                == "Boundary protection shares obligations with web filtering and cryptography.")
        #expect(loaded.sources[Self.fixturePath] != nil)
        #expect(loaded.workspace.files.contains(Self.fixturePath))
    }

    @Test func unknownIdsUnknownRelationshipsAndNoRelationshipAreReportedAtTheirPositions() throws {
        let (_, loaded) = try fixtureWorkspace()
        let findings = Validation(loaded: loaded).diagnostics(verbose: false)
            .filter { $0.position?.file == Self.fixturePath }
            .map { ExpectedDiagnostic($0).line }
        #expect(
            findings == [
                "note oscal-mapping.no-relationship \(Self.fixturePath):71:29",
                "error oscal-mapping.unresolved-id-ref \(Self.fixturePath):79:56",
                "error oscal-mapping.unknown-relationship \(Self.fixturePath):83:29",
            ])
        // Nothing else: the resolved mappings are new pairs for the control graph.
        #expect(
            !ControlGraph(workspace: loaded.workspace).diagnostics.contains {
                $0.code.rawValue.hasPrefix("mapping.")
            })
    }

    @Test func aSourceTextInAttestYamlNamesWhereTheMappingsComeFrom() throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write(Self.fixturePath, try Data(contentsOf: Self.fixture))
        try workspace.write(
            "attest.yaml",
            """
            schema: 1
            organisation: { name: X }
            mappings:
              - { oscal: \(Self.fixturePath), from: soc2, to: iso27001, source: { en: Our auditors, fr: Nos auditeurs } }
            """)
        let loaded = try WorkspaceLoader().load(at: workspace.root)
        let sources = Set(
            loaded.workspace.mappings.filter { $0.position.file == Self.fixturePath }.map(\.source))
        #expect(sources == [LocalizedText(["en": "Our auditors", "fr": "Nos auditeurs"])])
    }

    @Test func anImportedMappingLendsCoverageLikeAYAMLMapping() throws {
        let frameworks = """
            schema: 1
            framework: { id: fa, name: A, kind: standard, issuer: Us }
            requirements: [{ id: X.1, title: X }]
            """
        let other = """
            schema: 1
            framework: { id: fb, name: B, kind: standard, issuer: Us }
            requirements: [{ id: "1.2", title: Y }]
            """
        let control = """
            schema: 1
            controls:
              - { id: C-1, title: C, satisfies: { fa: [X.1] }, evidence: [{ id: e, collector: file, path: p }] }
            """
        let collection = """
            {"mapping-collection": {"uuid": "98e5e220-7f8d-4114-b838-0a8d1ccab0c9",
              "mappings": [{"maps": [{"relationship": "subset-of",
                "sources": [{"type": "control", "id-ref": "_1.2"}],
                "targets": [{"type": "control", "id-ref": "X.1"}]}]}]}}
            """
        let yamlMapping = """
            schema: 1
            mappings:
              from: fb
              to: fa
              source: Us
              relations: [{ from: "1.2", to: X.1, relation: subset-of }]
            """
        func coverage(_ files: [String: String], manifestExtra: String) throws -> [String] {
            let workspace = try TemporaryWorkspace()
            for (path, text) in files { try workspace.write(path, text) }
            try workspace.write(
                "attest.yaml",
                "schema: 1\norganisation: { name: X }\ninclude: [controls.yaml]\n" + manifestExtra)
            let loaded = try WorkspaceLoader(builtinCatalogs: nil).load(at: workspace.root)
            let graph = ControlGraph(workspace: loaded.workspace)
            #expect(
                (loaded.diagnostics + graph.diagnostics).filter { $0.severity == .error }.isEmpty)
            guard case .inherited(let keys) = graph.coverage(of: RequirementKey("fb", "1.2")) else {
                return []
            }
            return keys.map(\.description)
        }
        let base = [
            "controls/frameworks/fa.yaml": frameworks, "controls/frameworks/fb.yaml": other,
            "controls.yaml": control,
        ]
        // The OSCAL id-ref `_1.2` is the OSCAL token Attest writes for the id `1.2`.
        let viaOSCAL = try coverage(
            base.merging(["m.json": collection]) { $1 },
            manifestExtra: "mappings: [{ oscal: m.json, from: fb, to: fa }]\n")
        let viaYAML = try coverage(
            base.merging(["controls/mappings/fb-fa.yaml": yamlMapping]) { $1 }, manifestExtra: "")
        #expect(viaOSCAL == ["fa/X.1"])
        #expect(viaOSCAL == viaYAML)
    }

    @Test func aPairAlreadyMappedIsARepeatOrAContradictionLikeInYAML() throws {
        // The bundled iso27001→soc2 mapping says A.8.16 intersects CC7.2.
        let workspace = try TemporaryWorkspace()
        try workspace.write(
            "m.json",
            """
            {"mapping-collection": {"mappings": {"maps": [
              {"relationship": "intersects-with", "sources": [{"type": "control", "id-ref": "CC7.2"}],
               "targets": [{"type": "control", "id-ref": "A.8.16"}]},
              {"relationship": "subset-of", "sources": [{"type": "control", "id-ref": "CC7.3"}],
               "targets": [{"type": "control", "id-ref": "A.8.16"}]}]}}}
            """)
        try workspace.write(
            "attest.yaml",
            "schema: 1\norganisation: { name: X }\nmappings: [{ oscal: m.json, from: soc2, to: iso27001 }]\n"
        )
        let loaded = try WorkspaceLoader().load(at: workspace.root)
        #expect(loaded.diagnostics.isEmpty)
        let findings = ControlGraph(workspace: loaded.workspace).diagnostics
            .filter { $0.position?.file == "m.json" }
        #expect(findings.map(\.code) == [.mappingDuplicate, .mappingConflictingRelation])
        #expect(findings.map { $0.position?.line } == [2, 4])
        #expect(
            findings.allSatisfy {
                $0.notes.first?.position?.file == "builtin:controls/mappings/iso27001-soc2.yaml"
            })
    }

    @Test func aMapOfTooManyPairsIsRefusedInsteadOfMultiplied() throws {
        // 40 × 40 = 1,600 pairs from 80 items: more than 16 per item.
        let sources = (1...40).map { _ in #"{"type": "control", "id-ref": "CC6.1"}"# }
        let targets = (1...40).map { _ in #"{"type": "control", "id-ref": "A.5.15"}"# }
        let workspace = try TemporaryWorkspace()
        try workspace.write(
            "m.json",
            #"{"mapping-collection": {"mappings": [{"maps": [{"relationship": "subset-of", "sources": ["#
                + sources.joined(separator: ", ") + #"], "targets": ["#
                + targets.joined(separator: ", ") + "]}]}]}}")
        try workspace.write(
            "attest.yaml",
            "schema: 1\norganisation: { name: X }\nmappings: [{ oscal: m.json, from: soc2, to: iso27001 }]\n"
        )
        let loaded = try WorkspaceLoader().load(at: workspace.root)
        #expect(
            loaded.diagnostics.map { ExpectedDiagnostic($0).line } == [
                "error oscal-mapping.too-many-pairs m.json:1:48"
            ])
        #expect(!loaded.workspace.mappings.contains { $0.position.file == "m.json" })
    }

    @Test func anOSCALIdInRequirementMetadataResolvesAnIdRef() throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write(
            "controls/frameworks/nist.yaml",
            """
            schema: 1
            framework: { id: nist, name: N, kind: standard, issuer: NIST }
            requirements:
              - id: AC-2
                title: Account management
                metadata: { oscal.id: ac-2 }
                requirements: [{ id: AC-2(1), title: Automated, metadata: { oscal.id: ac-2.1 } }]
            """)
        try workspace.write(
            "controls/frameworks/mine.yaml",
            """
            schema: 1
            framework: { id: mine, name: M, kind: standard, issuer: Us }
            requirements: [{ id: "164.312(a)", title: Access }]
            """)
        try workspace.write(
            "m.yaml",
            """
            mapping-collection:
              mappings:
                - maps:
                    - relationship: equivalent-to
                      sources: [{ type: control, id-ref: ac-2.1 }, { type: statement, id-ref: ac-2_smt.a }]
                      targets: [{ type: control, id-ref: _164.312.a }]
            """)
        try workspace.write(
            "attest.yaml",
            "schema: 1\norganisation: { name: X }\nmappings: [{ oscal: m.yaml, from: nist, to: mine }]\n"
        )
        let loaded = try WorkspaceLoader(builtinCatalogs: nil).load(at: workspace.root)
        #expect(loaded.diagnostics.isEmpty)
        #expect(
            loaded.workspace.mappings.map { "\($0.from) \($0.relation.rawValue) \($0.to)" } == [
                "nist/AC-2(1) equivalent mine/164.312(a)",
                "nist/AC-2 intersects mine/164.312(a)",
            ])
    }

    @Test(arguments: [
        (
            "mappings: [{ oscal: m.json, from: nist, to: soc2 }]", "m.json",
            "{\"mapping-collection\": {\"mappings\": []}}",
            "error oscal-mapping.unknown-framework attest.yaml:3:35"
        ),
        (
            "mappings: [{ oscal: missing.json, from: iso27001, to: soc2 }]", "other.json", "{}",
            "error workspace.missing-file attest.yaml:3:21"
        ),
        (
            "mappings: [{ oscal: m.txt, from: iso27001, to: soc2 }]", "m.txt",
            "{}",
            "error oscal-mapping.unsupported-format attest.yaml:3:21"
        ),
        (
            "mappings: [{ oscal: m.json, from: iso27001, to: soc2 }]", "m.json",
            "{\"catalog\": {}}",
            "error oscal-mapping.not-a-collection m.json:1:1"
        ),
        (
            "mappings: [{ oscal: m.json, from: iso27001, to: soc2 }]", "m.json",
            "{\"mapping-collection\": {\"mappings\": [{\"maps\": [{\"relationship\": \"subset-of\", \"sources\": [{\"type\": \"guideline\", \"id-ref\": \"x\"}], \"targets\": []}]}]}}",
            "error oscal-mapping.unsupported-item-type m.json:1:99"
        ),
        (
            "mappings: [{ oscal: m.json, from: iso27001 }]", "m.json", "{}",
            "error schema.missing-key attest.yaml:3:12"
        ),
    ])
    func aBindingThatCannotBeReadIsReportedWhereItIsWritten(
        manifest: String, file: String, text: String, expected: String
    ) throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write(file, text)
        try workspace.write(
            "attest.yaml", "schema: 1\norganisation: { name: X }\n" + manifest + "\n")
        let loaded = try WorkspaceLoader().load(at: workspace.root)
        #expect(loaded.diagnostics.map { ExpectedDiagnostic($0).line } == [expected])
    }
}
