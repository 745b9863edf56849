import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// OSCAL XML loads through the same decoder as JSON: NIST's XML files must give the framework
/// their JSON forms give (the JSON side is checked against NIST's resolved catalog in
/// OSCALModerateBaselineTests).
@Suite struct OSCALXMLImportTests {
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
        #expect(FrameworkShape.lines(xml) == FrameworkShape.lines(json))
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
        #expect(FrameworkShape.lines(xml) == FrameworkShape.lines(json))
        #expect(xml.metadata["oscal.resolved-from"] == "o/catalog.xml")
    }
}
