import AttestCatalog
import AttestCore
import Foundation
import Testing

/// OSCAL XML loads through the same decoder as JSON: NIST's XML files must give the framework
/// their JSON forms give (the JSON side is checked against NIST's resolved catalog in
/// OSCALModerateBaselineTests).
@Suite struct OSCALXMLImportTests {
    /// What must not depend on the format: ids, nesting, titles, assessability, parameters.
    /// Prose is compared with white space collapsed: NIST's JSON keeps spaces at the edges of
    /// some markup lines that the XML does not have (docs/oscal.md, "OSCAL XML").
    static func shape(_ framework: Framework) -> [String] {
        func collapsed(_ text: String) -> String {
            text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        return framework.flattened.map { requirement, parent in
            let parameters = requirement.parameters.map { parameter in
                [
                    parameter.id, parameter.label.map(collapsed) ?? "-",
                    parameter.values.map(collapsed).joined(separator: ","),
                    parameter.selection.map {
                        "\($0.howMany?.rawValue ?? "-"):"
                            + $0.choices.map(collapsed).joined(separator: "|")
                    } ?? "-",
                ].joined(separator: " ")
            }
            return [
                parent ?? "-", requirement.id.rawValue, requirement.metadata["oscal.id"] ?? "-",
                collapsed(requirement.title.english), "\(requirement.isAssessable)",
                parameters.joined(separator: "; "),
            ].joined(separator: " | ")
        }
    }

    @Test func theXMLCatalogGivesTheFrameworkOfTheJSONCatalog() throws {
        let workspace = try OSCALWorkspace(
            frameworks: """
                  - { oscal: o/catalog.json, id: json }
                  - { oscal: o/catalog.xml, id: xml }
                """,
            copies: [
                "o/catalog.json": OSCALWorkspace.catalogJSON,
                "o/catalog.xml": OSCALWorkspace.catalogXML,
            ])
        let loaded = try workspace.load()
        #expect(loaded.findings == [])
        let json = try #require(loaded.framework("json"))
        let xml = try #require(loaded.framework("xml"))
        #expect(json.flattened.count == 1209)  // 20 families, 1,189 controls and enhancements
        #expect(Self.shape(xml) == Self.shape(json))
        #expect(xml.metadata["oscal.uuid"] == json.metadata["oscal.uuid"])
        // Positions point into the XML file, by line.
        let account = try #require(xml.requirement("AC-2"))
        #expect(account.position.file == "o/catalog.xml")
        #expect(account.position.line > 1)
    }

    @Test func theXMLProfileResolvesAgainstTheXMLCatalogLikeTheJSONPair() throws {
        let workspace = try OSCALWorkspace(
            frameworks: """
                  - oscal: o/moderate.json
                    id: json
                    catalogs: { '#84cbf061-eb87-4ec1-8112-1f529232e907': o/catalog.json }
                  - oscal: o/moderate.xml
                    id: xml
                    catalogs: { '#84cbf061-eb87-4ec1-8112-1f529232e907': o/catalog.xml }
                """,
            copies: [
                "o/moderate.json": OSCALWorkspace.moderateProfile,
                "o/moderate.xml": OSCALWorkspace.moderateProfileXML,
                "o/catalog.json": OSCALWorkspace.catalogJSON,
                "o/catalog.xml": OSCALWorkspace.catalogXML,
            ])
        let loaded = try workspace.load()
        #expect(loaded.findings == [])
        let json = try #require(loaded.framework("json"))
        let xml = try #require(loaded.framework("xml"))
        #expect(json.flattened.count == 18 + 287)
        #expect(Self.shape(xml) == Self.shape(json))
        #expect(xml.metadata["oscal.resolved-from"] == "o/catalog.xml")
    }
}
