import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// NIST's SP 800-53 rev5 catalog, loaded once as framework `nist` (JSON and YAML forms).
private let nistJSON = Result {
    try OSCALWorkspace(
        frameworks: "  - { oscal: oscal/catalog.json, id: nist }",
        copies: ["oscal/catalog.json": OSCALWorkspace.catalogJSON]
    ).load()
}
private let nistYAML = Result {
    try OSCALWorkspace(
        frameworks: "  - { oscal: oscal/catalog.yaml, id: nist }",
        copies: ["oscal/catalog.yaml": OSCALWorkspace.catalogYAML]
    ).load()
}

@Suite struct OSCALCatalogImportTests {
    @Test func theFullCatalogLoadsWithoutFindings() throws {
        let loaded = try nistJSON.get()
        #expect(loaded.findings == [])
        #expect(loaded.sourcePaths.contains("oscal/catalog.json"))
    }

    @Test func groupsBecomeDomainsAndControlsNestTheirEnhancements() throws {
        let framework = try #require(try nistJSON.get().framework("nist"))
        // Counted in NIST's file: 20 families, 322 controls, 867 enhancements.
        #expect(framework.requirements.count == 20)
        #expect(framework.requirements.allSatisfy { !$0.isAssessable })
        #expect(framework.requirements.first?.id == "ac")
        #expect(framework.requirements.first?.title.english == "Access Control")
        let all = framework.flattened
        #expect(all.count == 20 + 322 + 867)
        let enhancement = try #require(all.first { $0.requirement.id == "AC-2(1)" })
        #expect(enhancement.parent == "AC-2")
        #expect(enhancement.requirement.title.english == "Automated System Account Management")
        #expect(enhancement.requirement.isAssessable)
        #expect(enhancement.requirement.metadata["oscal.id"] == "ac-2.1")
        #expect(enhancement.requirement.metadata["oscal.sort-id"] == "ac-02.01")
        #expect(enhancement.requirement.metadata["oscal.class"] == "SP800-53-enhancement")
        #expect(enhancement.requirement.tags == ["ac"])
        let control = try #require(framework.requirement("AC-2"))
        #expect(control.isAssessable)
        #expect(control.children.count == 13)
    }

    @Test func withdrawnControlsStayButAreNotAssessable() throws {
        let framework = try #require(try nistJSON.get().framework("nist"))
        let withdrawn = try #require(framework.requirement("AC-2(10)"))
        #expect(!withdrawn.isAssessable)
        #expect(withdrawn.metadata["oscal.status"] == "withdrawn")
        // 182 controls carry the status prop 'withdrawn' in NIST's file.
        #expect(
            framework.flattened.filter { $0.requirement.metadata["oscal.status"] == "withdrawn" }
                .count == 182)
    }

    @Test func theStatementBecomesTheSummaryWithItemsAndParameters() throws {
        let framework = try #require(try nistJSON.get().framework("nist"))
        let enhancement = try #require(framework.requirement("AC-2(1)"))
        #expect(
            enhancement.summary?.english
                == "Support the management of system accounts using "
                + "[Assignment: organization-defined automated mechanisms].")
        let policy = try #require(framework.requirement("AC-1")?.summary?.english)
        let lines = policy.split(separator: "\n").map(String.init)
        #expect(
            lines.first
                == "a. Develop, document, and disseminate to [Assignment: organization-defined personnel or roles]:"
        )
        #expect(
            lines.dropFirst().first
                == "  1. [Selection (one or more): Organization-level; Mission/business process-level; System-level] access control policy that:"
        )
        #expect(lines.dropFirst(2).first?.hasPrefix("    (a) Addresses purpose, scope") == true)
    }

    @Test func parametersAreKeptWithTheirLabelsAndSelections() throws {
        let framework = try #require(try nistJSON.get().framework("nist"))
        let parameters = try #require(framework.requirement("AC-1")?.parameters)
        #expect(parameters.count == 7)
        #expect(parameters.first?.id == "ac-1_prm_1")
        #expect(parameters.first?.label == "organization-defined personnel or roles")
        let selection = try #require(parameters.dropFirst().first?.selection)
        #expect(selection.howMany == .oneOrMore)
        #expect(
            selection.choices
                == ["Organization-level", "Mission/business process-level", "System-level"])
        // 1,258 params in NIST's file.
        #expect(framework.flattened.reduce(0) { $0 + $1.requirement.parameters.count } == 1258)
    }

    @Test func theFrameworkCarriesTheOSCALMetadata() throws {
        let framework = try #require(try nistJSON.get().framework("nist"))
        #expect(framework.kind == .standard)
        #expect(framework.issuer == "Joint Task Force, Interagency Working Group")
        #expect(framework.version == "5.0.1")
        #expect(framework.name.english.hasPrefix("NIST Special Publication 800-53 Revision 5"))
        #expect(framework.metadata["oscal.uuid"] == "613fca2d-704a-42e7-8e2b-b206fb92b456")
        #expect(framework.metadata["oscal.version"] == "1.0.0")
        #expect(framework.metadata["oscal.model"] == "catalog")
        #expect(framework.metadata["oscal.source"] == "oscal/catalog.json")
        #expect(framework.metadata["oscal.resolved-from"] == nil)
    }

    @Test func positionsPointIntoTheOSCALFile() throws {
        let framework = try #require(try nistJSON.get().framework("nist"))
        let control = try #require(framework.requirement("AC-1"))
        #expect(control.position.file == "oscal/catalog.json")
        // The control object of ac-1 opens at line 79, column 11 of NIST's JSON.
        #expect(control.position.line == 79)
        #expect(control.position.column == 11)
    }

    @Test func theYAMLCatalogGivesTheSameFrameworkAsTheJSONOne() throws {
        let json = try #require(try nistJSON.get().framework("nist"))
        let yaml = try #require(try nistYAML.get().framework("nist"))
        #expect(try nistYAML.get().findings == [])
        func shape(_ framework: Framework) -> [String] {
            framework.flattened.map { entry in
                let r = entry.requirement
                return [
                    r.id.rawValue, entry.parent ?? "-", r.title.english, r.summary?.english ?? "",
                    "\(r.isAssessable)", r.metadata.sorted { $0.key < $1.key }.description,
                    r.parameters.description,
                ].joined(separator: "|")
            }
        }
        let jsonShape = shape(json)
        let yamlShape = shape(yaml)
        #expect(jsonShape.count == yamlShape.count)
        #expect(zip(jsonShape, yamlShape).first { $0 != $1 } == nil)
        #expect(yaml.metadata["oscal.source"] == "oscal/catalog.yaml")
    }
}
