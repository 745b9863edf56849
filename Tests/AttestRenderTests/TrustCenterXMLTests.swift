import AttestCore
import AttestRender
import AttestTestSupport
import Foundation
import Testing

/// trust-center.xml is written by libxml2, valid against the shipped XSD, deterministic, and
/// carries hostile text only as escaped data; trust-center.json round-trips.
@Suite struct TrustCenterXMLTests {
    static let schema = Fixtures.packageRoot.appendingPathComponent(
        "templates/xml/trust-center.xsd")

    static func center() throws -> PublicTrustCenter { try PublicProjectionTests.canary().0 }

    /// Every optional part left out.
    static var minimal: PublicTrustCenter {
        let json = """
            {"formatVersion": 1, "generatedAt": "2026-06-01T00:00:00Z", "buildID": "b", "toolVersion": "0.1.0",
             "locales": ["en"], "organisation": {"name": "Org"}, "programs": [], "frameworks": [],
             "sections": [], "integrations": [], "subprocessors": []}
            """
        return try! JSONDecoder().decode(PublicTrustCenter.self, from: Data(json.utf8))
    }

    @Test func theProjectionOfTheCanaryWorkspaceIsValid() throws {
        let xml = try TrustCenterXMLWriter.document(try Self.center())
        try TrustCenterXMLValidator(schemaURL: Self.schema).validate(xml)
        let text = String(decoding: xml, as: UTF8.self)
        #expect(
            text.hasPrefix(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<trustCenter xmlns=\"https://attest.dev/ns/trust-center/1\""
            ))
        #expect(
            text.contains(
                "<program id=\"public-program\" status=\"in-progress\" framework=\"demo\""))
        #expect(text.contains("percent=\"50.0\""))
        #expect(text.contains("<title lang=\"fr\">Programme public</title>"))
    }

    @Test func aMinimalCenterIsValid() throws {
        try TrustCenterXMLValidator(schemaURL: Self.schema).validate(
            try TrustCenterXMLWriter.document(Self.minimal))
    }

    @Test func hostileTextIsEscapedByTheWriter() throws {
        let text = String(
            decoding: try TrustCenterXMLWriter.document(try Self.center()), as: UTF8.self)
        #expect(!text.contains("<script>"))
        #expect(!text.contains("<img"))
        #expect(text.contains("Trust &lt;script&gt;alert(2)&lt;/script&gt; center"))
        #expect(text.contains("name=\"Canary &lt;script&gt;alert('org')&lt;/script&gt; Ltd\""))
    }

    @Test func controlCharactersThatXMLCannotCarryAreDropped() throws {
        var center = Self.minimal
        center.organisation.name = "Bell\u{7} Org"
        let xml = try TrustCenterXMLWriter.document(center)
        try TrustCenterXMLValidator(schemaURL: Self.schema).validate(xml)
        #expect(String(decoding: xml, as: UTF8.self).contains("name=\"Bell Org\""))
    }

    @Test func theSameCenterGivesTheSameBytes() throws {
        let center = try Self.center()
        #expect(try TrustCenterXMLWriter.document(center) == TrustCenterXMLWriter.document(center))
    }

    @Test(arguments: [
        ("status=\"in-progress\"", "status=\"almost\""),
        ("percent=\"50.0\"", "percent=\"120.0\""),
        ("<locales>", "<locales><bogus/>"),
        ("formatVersion=\"1\"", "formatVersion=\"2\""),
    ])
    func anInvalidDocumentIsRejectedWithTheLine(_ original: String, _ replacement: String) throws {
        let valid = String(
            decoding: try TrustCenterXMLWriter.document(try Self.center()), as: UTF8.self)
        #expect(valid.contains(original))
        let broken = Data(valid.replacingOccurrences(of: original, with: replacement).utf8)
        let validator = try TrustCenterXMLValidator(schemaURL: Self.schema)
        #expect {
            try validator.validate(broken)
        } throws: { error in
            guard let error = error as? RenderError else { return false }
            return error.code == .invalidXML && error.detail.contains("line ")
        }
    }

    @Test func aDocumentThatIsNotWellFormedIsRejected() throws {
        let validator = try TrustCenterXMLValidator(schemaURL: Self.schema)
        #expect(throws: RenderError.self) { try validator.validate(Data("<trustCenter".utf8)) }
        // An external entity is never fetched (XML_PARSE_NONET) nor expanded.
        let entity =
            "<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><t>&x;</t>"
        #expect(throws: RenderError.self) { try validator.validate(Data(entity.utf8)) }
    }

    @Test func jsonRoundTripsWithSortedKeys() throws {
        let center = try Self.center()
        let json = try TrustCenterJSONWriter.document(center)
        #expect(try JSONDecoder().decode(PublicTrustCenter.self, from: json) == center)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.hasSuffix("}\n"))
        let buildID = try #require(text.range(of: "\"buildID\""))
        let changes = try #require(text.range(of: "\"changes\""))
        #expect(buildID.lowerBound < changes.lowerBound)
        #expect(try TrustCenterJSONWriter.document(center) == json)
    }
}
