import AttestTestSupport
import Foundation
import FoundationXML
import Testing

@testable import AttestRender

/// The bytes and structure of trust-center.xml for hand-built centers: what a consumer of the
/// vocabulary reads, checked with an independent parser (FoundationXML) and on the raw bytes.
@Suite struct TrustCenterXMLDocumentTests {
    static func xml(_ center: PublicTrustCenter) throws -> Data {
        try TrustCenterXMLWriter.document(center)
    }

    static func parsed(_ center: PublicTrustCenter) throws -> FoundationXML.XMLDocument {
        try FoundationXML.XMLDocument(data: try xml(center), options: [])
    }

    /// Nodes by a path of local names, so the test does not depend on namespace prefixes.
    static func nodes(_ document: FoundationXML.XMLDocument, _ path: String) throws -> [XMLNode] {
        let steps = path.split(separator: "/").map { step -> String in
            let parts = step.split(separator: "[", maxSplits: 1)
            let predicate = parts.count == 2 ? "[\(parts[1])" : ""
            return "*[local-name()='\(parts[0])']\(predicate)"
        }
        return try document.nodes(forXPath: "/" + steps.joined(separator: "/"))
    }

    /// An unprefixed attribute (looked up by name: `attribute(forName:)` of FoundationXML on
    /// Linux does not find unprefixed attributes of an element in a default namespace).
    static func attribute(_ node: XMLNode, _ name: String) -> String? {
        (node as? XMLElement)?.attributes?.first { $0.name == name }?.stringValue
    }

    @Test func theFullCenterIsValidAgainstTheShippedSchema() throws {
        try TrustCenterXMLValidator(schemaURL: FixtureCenters.schema).validate(
            try Self.xml(FixtureCenters.full))
    }

    @Test func theBundledSchemaTheBuildUsesAcceptsTheFullCenter() throws {
        let schema = try #require(TemplateSet.schemaURL)
        try TrustCenterXMLValidator(schemaURL: schema).validate(try Self.xml(FixtureCenters.full))
    }

    @Test func anEmptyCenterIsValidAndWritesEveryRequiredListEmpty() throws {
        let xml = try Self.xml(FixtureCenters.empty)
        try TrustCenterXMLValidator(schemaURL: FixtureCenters.schema).validate(xml)
        let expected = """
            <?xml version="1.0" encoding="UTF-8"?>
            <trustCenter xmlns="https://attest.dev/ns/trust-center/1" formatVersion="1" \
            generatedAt="2026-06-01T00:00:00Z" buildId="b" toolVersion="0.9.0">
              <locales>
                <locale>en</locale>
              </locales>
              <organisation name="Org"/>
              <programs/>
              <frameworks/>
              <sections/>
              <integrations/>
              <subprocessors/>
            </trustCenter>

            """
        #expect(String(decoding: xml, as: UTF8.self) == expected)
    }

    @Test func everyElementIsInTheVersionedNamespace() throws {
        let document = try Self.parsed(FixtureCenters.full)
        let all = try document.nodes(forXPath: "//*")
        #expect(all.count > 50)
        for node in all {
            #expect(
                (node as? XMLElement)?.uri == "https://attest.dev/ns/trust-center/1",
                "\(node.name ?? "")")
        }
        let root = try #require(document.rootElement())
        #expect(root.localName == "trustCenter")
        #expect(Self.attribute(root, "formatVersion") == "1")
        #expect(Self.attribute(root, "generatedAt") == "2026-06-01T12:00:00Z")
        #expect(Self.attribute(root, "buildId") == "b-7f3a")
        #expect(Self.attribute(root, "toolVersion") == "0.9.0")
    }

    @Test func aLiveProgramCarriesItsStatusPercentDomainsAndTrend() throws {
        let document = try Self.parsed(FixtureCenters.full)
        let program = try #require(
            try Self.nodes(document, "trustCenter/programs/program[@id='soc2']").first)
        #expect(Self.attribute(program, "status") == "in-progress")
        #expect(Self.attribute(program, "percent") == "72.5")
        #expect(Self.attribute(program, "coverage") == "80.0")
        #expect(Self.attribute(program, "reportUnderNDA") == "true")
        let domains = try Self.nodes(document, "trustCenter/programs/program[@id='soc2']/domain")
        #expect(domains.map { Self.attribute($0, "percent") } == ["66.7"])
        let points = try Self.nodes(
            document, "trustCenter/programs/program[@id='soc2']/trend/point")
        #expect(points.map { Self.attribute($0, "percent") } == ["60.0", "72.5"])
        #expect(
            points.map { Self.attribute($0, "date") } == [
                "2026-05-01T12:00:00Z", "2026-06-01T12:00:00Z",
            ])
    }

    @Test func certifiedAndPlannedProgramsCarryTheirDatesAndNoLivePercent() throws {
        let document = try Self.parsed(FixtureCenters.full)
        let certified = try #require(
            try Self.nodes(document, "trustCenter/programs/program[@id='iso27001']").first)
        #expect(Self.attribute(certified, "status") == "certified")
        #expect(Self.attribute(certified, "certifiedOn") == "2026-03-01")
        #expect(Self.attribute(certified, "expiresOn") == "2029-02-28")
        #expect(Self.attribute(certified, "percent") == nil)
        let planned = try #require(
            try Self.nodes(document, "trustCenter/programs/program[@id='hds']").first)
        #expect(Self.attribute(planned, "status") == "planned")
        #expect(Self.attribute(planned, "targetQuarter") == "2027-Q3")
    }

    @Test func localizedTextIsOneElementPerLocaleInLocaleOrder() throws {
        let document = try Self.parsed(FixtureCenters.full)
        let titles = try Self.nodes(document, "trustCenter/sections/section/title")
        #expect(titles.map { Self.attribute($0, "lang") } == ["en", "fr"])
        #expect(titles.map(\.stringValue) == ["Encryption", "Chiffrement"])
        let siteTitles = try Self.nodes(document, "trustCenter/title")
        #expect(siteTitles.map { Self.attribute($0, "lang") } == ["en", "fr"])
    }

    @Test func controlStatesAndPercentsAreWrittenWithOneDecimal() throws {
        let document = try Self.parsed(FixtureCenters.full)
        let controls = try Self.nodes(document, "trustCenter/sections/section/item/control")
        #expect(
            controls.map { Self.attribute($0, "state") } == ["passing", "attention", "failing"])
        #expect(controls.map { Self.attribute($0, "percent") } == ["100.0", "50.0", "0.0"])
    }

    @Test func hostileTextReachesTheReaderAsDataNeverAsMarkup() throws {
        let xml = try Self.xml(FixtureCenters.full)
        let raw = String(decoding: xml, as: UTF8.self)
        #expect(!raw.contains("<script>"))
        #expect(!raw.contains("<Labs>"))
        #expect(!raw.contains("]]>"))
        #expect(raw.contains("&lt;script&gt;"))
        #expect(raw.contains(#"name="Acme &lt;Labs&gt; &amp; Co""#))
        let document = try Self.parsed(FixtureCenters.full)
        let tagline = try Self.nodes(document, "trustCenter/tagline[@lang='en']")
        #expect(tagline.map(\.stringValue) == [FixtureCenters.hostile])
        let organisation = try #require(try Self.nodes(document, "trustCenter/organisation").first)
        #expect(Self.attribute(organisation, "name") == "Acme <Labs> & Co")
        #expect(try Self.nodes(document, "//script").isEmpty)
    }

    @Test func nonASCIITextIsWrittenAsUTF8NotAsCharacterReferences() throws {
        let raw = String(decoding: try Self.xml(FixtureCenters.full), as: UTF8.self)
        #expect(raw.contains("é 漢字"))
        #expect(raw.contains("Hébergement"))
        #expect(!raw.contains("&#"))
    }

    @Test func optionalPartsAreAllPresentForTheFullCenter() throws {
        let document = try Self.parsed(FixtureCenters.full)
        for path in [
            "trustCenter/reportRequest/program/title", "trustCenter/frameworks/framework/name",
            "trustCenter/integrations/integration/scope/purpose",
            "trustCenter/subprocessors/subprocessor/purpose",
            "trustCenter/incidentResponse/channel/name",
            "trustCenter/incidentResponse/commitment/text",
            "trustCenter/legal/governingLaw/law", "trustCenter/legal/presence/role",
            "trustCenter/legal/policy/title",
            "trustCenter/changes/programMove/title", "trustCenter/changes/controlAdded/title",
            "trustCenter/changes/controlRemoved/title", "trustCenter/signingKey",
        ] {
            #expect(try !Self.nodes(document, path).isEmpty, "\(path)")
        }
        let key = try #require(try Self.nodes(document, "trustCenter/signingKey").first)
        #expect(Self.attribute(key, "fingerprint") == String(repeating: "ab", count: 32))
    }

    @Test func theSameCenterGivesIdenticalBytesWhateverTheDictionaryOrder() throws {
        let first = try Self.xml(FixtureCenters.full)
        #expect(try Self.xml(FixtureCenters.full) == first)
        // Same content, dictionaries built with another capacity and insertion order.
        var reordered = FixtureCenters.full
        var title = LocalizedStrings(minimumCapacity: 64)
        title["fr"] = "Centre de confiance Acme"
        title["en"] = "Acme trust center"
        reordered.title = title
        #expect(try Self.xml(reordered) == first)
    }
}
