import AttestTestSupport
import Foundation
import Testing

@testable import AttestRender

/// trust-center.json: the same projection as the XML, decodable back to an equal value, keys
/// sorted in every object, deterministic, text unescaped beyond what JSON requires.
@Suite struct TrustCenterJSONWriterTests {
    static func json(_ center: PublicTrustCenter) throws -> String {
        String(decoding: try TrustCenterJSONWriter.document(center), as: UTF8.self)
    }

    /// For each object of pretty-printed JSON, its keys in the order written.
    static func keyRuns(_ text: String) -> [[String]] {
        var runs: [[String]] = []
        var open: [Int: [String]] = [:]
        func close(deeperThan indent: Int) {
            for level in open.keys.sorted() where level > indent {
                if let run = open.removeValue(forKey: level) { runs.append(run) }
            }
        }
        for line in text.split(separator: "\n") {
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(indent)
            if body.hasPrefix("}") || body.hasPrefix("]") || body == "{" {
                close(deeperThan: indent)
            }
            if body.hasPrefix("\""), let end = body.dropFirst().firstIndex(of: "\""),
                body[body.index(after: end)...].hasPrefix(" : ")
            {
                open[indent, default: []].append(
                    String(body[body.index(after: body.startIndex)..<end]))
            }
        }
        close(deeperThan: -1)
        return runs
    }

    @Test func theFullCenterDecodesBackToAnEqualValue() throws {
        let data = try TrustCenterJSONWriter.document(FixtureCenters.full)
        #expect(try JSONDecoder().decode(PublicTrustCenter.self, from: data) == FixtureCenters.full)
    }

    /// Read as any consumer would (a plain JSON parser, not the writer's own Codable types):
    /// the values written in the fixture by hand, with the field names docs promise.
    @Test func aPlainJSONReaderFindsTheFixtureValuesUnderTheDocumentedNames() throws {
        let data = try TrustCenterJSONWriter.document(FixtureCenters.full)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(root["formatVersion"] as? Int == 1)
        #expect(root["buildID"] as? String == "b-7f3a")
        #expect(root["generatedAt"] as? String == "2026-06-01T12:00:00Z")
        let organisation = try #require(root["organisation"] as? [String: Any])
        #expect(organisation["name"] as? String == "Acme <Labs> & Co")
        #expect(organisation["legalName"] as? String == "Acme Labs SAS")
        let frameworks = try #require(root["frameworks"] as? [[String: Any]])
        let soc2 = try #require(frameworks.first { $0["id"] as? String == "soc2" })
        #expect(soc2["percent"] as? Double == 72.5)
        #expect(soc2["coverage"] as? Double == 80.0)
    }

    @Test func theEmptyCenterDecodesBackToAnEqualValue() throws {
        let data = try TrustCenterJSONWriter.document(FixtureCenters.empty)
        #expect(
            try JSONDecoder().decode(PublicTrustCenter.self, from: data) == FixtureCenters.empty)
    }

    @Test func keysAreSortedInEveryObject() throws {
        let runs = Self.keyRuns(try Self.json(FixtureCenters.full))
        #expect(runs.count > 30)
        for run in runs { #expect(run == run.sorted(), "\(run)") }
        let top = try #require(runs.last)
        #expect(
            top == [
                "buildID", "changes", "contact", "formatVersion", "frameworks", "generatedAt",
                "incidentResponse",
                "integrations", "legal", "locales", "organisation", "programs", "reportRequest",
                "sections",
                "signingKey", "subprocessors", "tagline", "title", "toolVersion",
            ])
    }

    @Test func optionalFieldsAreLeftOutAndListsKept() throws {
        let runs = Self.keyRuns(try Self.json(FixtureCenters.empty))
        #expect(
            runs.last == [
                "buildID", "formatVersion", "frameworks", "generatedAt", "integrations", "locales",
                "organisation",
                "programs", "sections", "subprocessors", "toolVersion",
            ])
        #expect(runs.contains(["name"]))
    }

    @Test func theDocumentIsPrettyPrintedWithAFinalNewline() throws {
        let text = try Self.json(FixtureCenters.full)
        #expect(text.hasPrefix("{\n  \"buildID\" : \"b-7f3a\",\n"))
        #expect(text.hasSuffix("\n}\n"))
        #expect(text.contains(#""percent" : 72.5,"#))
        #expect(text.contains(#""status" : "in-progress","#))
    }

    @Test func slashesAndNonASCIIAreNotEscaped() throws {
        let text = try Self.json(FixtureCenters.full)
        #expect(text.contains(#""website" : "https://acme.example/""#))
        #expect(text.contains("é 漢字"))
        #expect(!text.contains("\\/"))
        #expect(!text.contains("\\u"))
        // JSON escapes only what it must: the quotes inside the hostile text.
        #expect(text.contains(#"<script>alert(\"x\")</script> & 'quotes' ]]> é 漢字"#))
    }

    @Test func theSameCenterGivesIdenticalBytes() throws {
        var reordered = FixtureCenters.full
        var title = LocalizedStrings(minimumCapacity: 64)
        title["fr"] = "Centre de confiance Acme"
        title["en"] = "Acme trust center"
        reordered.title = title
        let first = try TrustCenterJSONWriter.document(FixtureCenters.full)
        #expect(try TrustCenterJSONWriter.document(FixtureCenters.full) == first)
        #expect(try TrustCenterJSONWriter.document(reordered) == first)
    }

    @Test func aPercentThatIsNotANumberIsAnError() throws {
        var center = FixtureCenters.empty
        center.frameworks = [.init(id: "x", name: ["en": "X"], percent: .nan, coverage: 0)]
        #expect(throws: RenderError.self) { try TrustCenterJSONWriter.document(center) }
    }
}
