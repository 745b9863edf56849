import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestCatalog

@Suite struct OSCALXMLReaderTests {
    static let oscal = Fixtures.root.appendingPathComponent("oscal")

    static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: oscal.appendingPathComponent(relative)))
    }

    /// The tree the YAML parser gives for NIST's JSON file: the oracle.
    static func jsonTree(_ relative: String) throws -> ConfigValue {
        let parsed = YAMLParser(file: relative, limits: .default).parse(try bytes(relative))
        return try #require(try parsed.get())
    }

    static func xmlTree(_ relative: String) throws -> ConfigValue {
        let parsed = OSCALXMLReader.read(try bytes(relative), display: relative, limits: .default)
        return try #require(try parsed.get())
    }

    static func read(
        _ text: String, limits: YAMLLimits = .default
    ) -> Result<
        ConfigValue?, Diagnostic
    > {
        OSCALXMLReader.read(Array(text.utf8), display: "in.xml", limits: limits)
    }

    @Test func theXMLCatalogGivesTheTreeOfNISTsJSONCatalog() throws {
        let folder = "sp800-53-rev5-5.0.1/NIST_SP-800-53_rev5_catalog"
        let xml = try Self.xmlTree(folder + ".xml")
        let json = try Self.jsonTree(folder + ".json")
        var comparison = ConfigTreeComparison()
        comparison.compare(xml, json)
        #expect(
            comparison.differences.isEmpty,
            Comment(
                rawValue: "\(comparison.differences.count) differences:\n"
                    + comparison.differences.prefix(40).joined(separator: "\n")))
        #expect(comparison.scalarsCompared > 30_000)
    }

    @Test func theXMLProfileGivesTheTreeOfNISTsJSONProfile() throws {
        let folder = "sp800-53-rev5-5.1.1/NIST_SP-800-53_rev5_MODERATE-baseline_profile"
        let xml = try Self.xmlTree(folder + ".xml")
        let json = try Self.jsonTree(folder + ".json")
        var comparison = ConfigTreeComparison()
        comparison.compare(xml, json)
        #expect(
            comparison.differences.isEmpty,
            Comment(
                rawValue: "\(comparison.differences.count) differences:\n"
                    + comparison.differences.prefix(40).joined(separator: "\n")))
        #expect(comparison.scalarsCompared > 300)
    }
}

@Suite struct OSCALXMLReaderPositionTests {
    /// The line of the first occurrence of `needle` in `bytes`, counted independently of
    /// libxml2.
    static func line(of needle: String, in bytes: [UInt8]) -> Int? {
        let pattern = Array(needle.utf8)
        guard pattern.count <= bytes.count else { return nil }
        var line = 1
        for start in 0...(bytes.count - pattern.count) {
            if bytes[start] == UInt8(ascii: "\n") { line += 1 }
            if bytes[start] == pattern[0], Array(bytes[start..<start + pattern.count]) == pattern {
                return line
            }
        }
        return nil
    }

    static func control(_ id: String, in root: ConfigValue) -> ConfigValue? {
        func search(_ value: ConfigValue) -> ConfigValue? {
            if value["id"]?.scalar == id, value["title"] != nil { return value }
            switch value.kind {
            case .scalar: return nil
            case .sequence(let items): return items.lazy.compactMap(search).first
            case .mapping(let entries): return entries.lazy.compactMap { search($0.value) }.first
            }
        }
        return search(root)
    }

    @Test(arguments: ["ac-2", "ac-2.1", "au-6", "si-4.2", "pt-8"])
    func aControlIsPlacedAtTheLineOfItsElement(id: String) throws {
        let file = "sp800-53-rev5-5.0.1/NIST_SP-800-53_rev5_catalog.xml"
        let bytes = try OSCALXMLReaderTests.bytes(file)
        let expected = try #require(Self.line(of: "id=\"\(id)\"", in: bytes))
        let tree = try #require(
            try OSCALXMLReader.read(bytes, display: file, limits: .default).get())
        let control = try #require(Self.control(id, in: tree))
        #expect(control.position == SourcePosition(file: file, line: expected, column: 1))
        // Its id flag is placed there too, and its title on the next line of the file.
        #expect(control["id"]?.position.line == expected)
        #expect(control["title"]?.position.line == expected + 1)
    }

    @Test func linesPast65535AreCountedExactly() throws {
        var text = "<catalog uuid=\"u\">"
        text += String(repeating: "\n", count: 70_000)
        text += "<group id=\"g\"><title>T</title></group></catalog>"
        let tree = try #require(try OSCALXMLReaderTests.read(text).get())
        let group = try #require(tree["catalog"]?["groups"]?.sequence?.first)
        #expect(group.position.line == 70_001)
    }
}

@Suite struct OSCALXMLHostileInputTests {
    @Test func anExternalEntityIsRefusedAndTheFileItNamesIsNotRead() throws {
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE catalog [
              <!ENTITY xxe SYSTEM "file:///etc/passwd">
            ]>
            <catalog uuid="u"><metadata><title>&xxe;</title></metadata></catalog>
            """
        let result = OSCALXMLReaderTests.read(text)
        guard case .failure(let diagnostic) = result else {
            Issue.record("an entity declaration was accepted: \(result)")
            return
        }
        #expect(diagnostic.code == .xmlEntityDeclaration)
        #expect(diagnostic.position?.line == 3)
        #expect(!diagnostic.message.contains("root:"))
    }

    @Test func aParameterEntityReachingOutIsRefused() {
        let text = """
            <!DOCTYPE catalog [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd"> %remote;]>
            <catalog uuid="u"/>
            """
        let result = OSCALXMLReaderTests.read(text)
        #expect(throws: Diagnostic.self) { try result.get() }
        if case .failure(let diagnostic) = result {
            #expect(diagnostic.code == .xmlEntityDeclaration)
        }
    }

    @Test func anUnparsedEntityDeclarationIsRefusedToo() {
        let text = """
            <!DOCTYPE catalog [
              <!NOTATION gif SYSTEM "image/gif">
              <!ENTITY logo SYSTEM "file:///etc/passwd" NDATA gif>
            ]>
            <catalog uuid="u"/>
            """
        let result = OSCALXMLReaderTests.read(text)
        guard case .failure(let diagnostic) = result else {
            Issue.record("an unparsed entity declaration was accepted")
            return
        }
        #expect(diagnostic.code == .xmlEntityDeclaration)
        #expect(diagnostic.position?.line == 3)
    }

    @Test func billionLaughsIsRefused() {
        var declarations = "<!ENTITY lol0 \"lol\">"
        for level in 1...9 {
            let previous = String(repeating: "&lol\(level - 1);", count: 10)
            declarations += "<!ENTITY lol\(level) \"\(previous)\">"
        }
        let text = "<!DOCTYPE catalog [\(declarations)]><catalog uuid=\"u\">&lol9;</catalog>"
        let result = OSCALXMLReaderTests.read(text)
        guard case .failure(let diagnostic) = result else {
            Issue.record("entity expansion was accepted")
            return
        }
        #expect(diagnostic.code == .xmlEntityDeclaration)
    }

    @Test func aDoctypeWithoutEntitiesIsHarmlessAndRead() throws {
        let text = "<!DOCTYPE catalog SYSTEM \"file:///etc/passwd\"><catalog uuid=\"u\"/>"
        let tree = try #require(try OSCALXMLReaderTests.read(text).get())
        #expect(tree["catalog"]?["uuid"]?.scalar == "u")
    }

    @Test func anXIncludeIsNotFollowed() throws {
        let text = """
            <catalog xmlns:xi="http://www.w3.org/2001/XInclude" uuid="u">
              <metadata><title><xi:include href="file:///etc/passwd" parse="text"/></title></metadata>
            </catalog>
            """
        let tree = try #require(try OSCALXMLReaderTests.read(text).get())
        func scalars(_ value: ConfigValue) -> [String] {
            switch value.kind {
            case .scalar(let text, _): [text]
            case .sequence(let items): items.flatMap(scalars)
            case .mapping(let entries): entries.flatMap { [$0.key] + scalars($0.value) }
            }
        }
        let texts = scalars(tree)
        #expect(texts.contains("file:///etc/passwd"))  // kept as the element's flag, unread
        #expect(!texts.contains { $0.contains("root:") })
    }

    @Test func nestingDeeperThanTheLimitIsRefusedAtItsLine() {
        let text =
            "<catalog>\n" + String(repeating: "<part>", count: 80)
            + String(repeating: "</part>", count: 80) + "</catalog>"
        let result = OSCALXMLReaderTests.read(text)
        guard case .failure(let diagnostic) = result else {
            Issue.record("deep nesting was accepted")
            return
        }
        #expect(diagnostic.code == .xmlTooDeep)
        #expect(diagnostic.position?.line == 2)
    }

    @Test func veryDeepNestingNeitherCrashesNorPassesTheLimit() {
        let text =
            String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)
        let result = OSCALXMLReaderTests.read(text)
        #expect(throws: Diagnostic.self) { try result.get() }
    }

    @Test func aFileLargerThanTheLimitIsRefusedBeforeParsing() {
        let text = "<catalog uuid=\"u\">" + String(repeating: " ", count: 2_000) + "</catalog>"
        let result = OSCALXMLReaderTests.read(text, limits: YAMLLimits(maxFileBytes: 1_000))
        guard case .failure(let diagnostic) = result else {
            Issue.record("a file over the limit was accepted")
            return
        }
        #expect(diagnostic.code == .xmlFileTooLarge)
    }

    @Test(arguments: [
        ("catalog:\n  uuid: x\n", 1),
        ("<catalog uuid=\"u\">\n<metadata>\n</catalog>", 3),
        ("<catalog>\n\n<title>a &unknown; b</title></catalog>", 3),
        ("{\"catalog\": {}}", 1),
    ])
    func textThatIsNotXMLIsReportedAtItsLine(text: String, line: Int) {
        let result = OSCALXMLReaderTests.read(text)
        guard case .failure(let diagnostic) = result else {
            Issue.record("not XML, but accepted: \(text)")
            return
        }
        #expect(diagnostic.code == .xmlSyntax)
        #expect(diagnostic.position?.line == line)
    }

    @Test func anEmptyFileIsNoDocument() throws {
        #expect(try OSCALXMLReaderTests.read("").get() == nil)
        #expect(try OSCALXMLReaderTests.read(" \n\t\n").get() == nil)
    }

    @Test func randomBytesNeverCrash() {
        var generator = SplitMix64(seed: 14)
        let alphabet = Array("<>/=\"'&;!?[]-abc xml:ENTITYDOCTYPE\n\u{0}\u{FF}é".utf8)
        for _ in 0..<500 {
            let count = Int(generator.next() % 200)
            let bytes = (0..<count).map { _ in
                alphabet[Int(generator.next() % UInt64(alphabet.count))]
            }
            _ = OSCALXMLReader.read(bytes, display: "fuzz.xml", limits: .default)
        }
    }
}

@Suite struct OSCALXMLMarkupTests {
    static func prose(_ xml: String) throws -> String? {
        let text = "<catalog uuid=\"u\"><part name=\"x\">\(xml)</part></catalog>"
        let tree = try #require(try OSCALXMLReaderTests.read(text).get())
        return tree["catalog"]?["parts"]?.sequence?.first?["prose"]?.scalar
    }

    @Test(arguments: [
        ("<p>a <em>b</em> c</p>", "a *b* c"),
        ("<p><strong>b</strong></p>", "**b**"),
        ("<p>run <code>ls -l</code></p>", "run `ls -l`"),
        ("<p>see <a href=\"#au-2\">AU-2</a>.</p>", "see [AU-2](#au-2)."),
        (
            "<p>to <insert type=\"param\" id-ref=\"ac-1_prm_1\"/>:</p>",
            "to {{ insert: param, ac-1_prm_1 }}:"
        ),
        ("<p>a <q>b</q></p>", "a \"b\""),
        ("<p>one\n      two</p>\n<p>three</p>", "one two\n\nthree"),
        ("<ul><li>a</li><li>b</li></ul>", "- a\n- b"),
        ("<ol><li>a<ul><li>b</li></ul></li><li>c</li></ol>", "1. a\n   - b\n2. c"),
        ("<h2>Title</h2><p>x</p>", "## Title\n\nx"),
        (
            "<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>",
            "| a | b |\n| --- | --- |\n| 1 | 2 |"
        ),
    ])
    func markupBecomesMarkdown(xml: String, markdown: String) throws {
        #expect(try Self.prose(xml) == markdown)
    }

    @Test func aTitleWithMarkupIsOneLineOfMarkdown() throws {
        let text = """
            <catalog uuid="u"><metadata><title>The <em>Catalog</em>
                of things</title></metadata></catalog>
            """
        let tree = try #require(try OSCALXMLReaderTests.read(text).get())
        #expect(tree["catalog"]?["metadata"]?["title"]?.scalar == "The *Catalog* of things")
    }

    @Test func fieldsWithFlagsKeepTheirTextUnderTheirValueKey() throws {
        let text = """
            <catalog uuid="u"><back-matter><resource uuid="r">
            <rlink href="x.json"><hash algorithm="SHA-256">abc</hash></rlink>
            <document-id scheme="http://www.doi.org/">10.1/x</document-id>
            </resource></back-matter>
            <control id="c"><title>T</title><link href="#a" rel="related">A <em>x</em></link></control>
            </catalog>
            """
        let tree = try #require(try OSCALXMLReaderTests.read(text).get())
        let resource = try #require(tree["catalog"]?["back-matter"]?["resources"]?.sequence?.first)
        let hash = try #require(resource["rlinks"]?.sequence?.first?["hashes"]?.sequence?.first)
        #expect(hash["algorithm"]?.scalar == "SHA-256")
        #expect(hash["value"]?.scalar == "abc")
        #expect(resource["document-ids"]?.sequence?.first?["identifier"]?.scalar == "10.1/x")
        let link = try #require(
            tree["catalog"]?["controls"]?.sequence?.first?["links"]?.sequence?.first)
        #expect(link["text"]?.scalar == "A *x*")
        #expect(link["rel"]?.scalar == "related")
    }

    @Test func aMappingCollectionReadsWithItsListsAndNumbers() throws {
        let text = """
            <mapping-collection xmlns="http://csrc.nist.gov/ns/oscal/1.0" uuid="m">
              <metadata><title>M</title></metadata>
              <provenance method="human" matching-rationale="semantic" status="complete">
                <mapping-description><p>Why.</p></mapping-description>
              </provenance>
              <mapping uuid="m1">
                <source-resource type="catalog" href="a.json"/>
                <target-resource type="catalog" href="b.json"/>
                <map uuid="x1">
                  <relationship>subset-of</relationship>
                  <source type="control" id-ref="ac-2"/>
                  <target type="control" id-ref="A.5.15"/>
                  <target type="control" id-ref="A.5.16"/>
                  <confidence-score><percentage>0.8</percentage></confidence-score>
                  <coverage generation-method="arbitrary">0.5</coverage>
                </map>
              </mapping>
            </mapping-collection>
            """
        let tree = try #require(try OSCALXMLReaderTests.read(text).get())
        let collection = try #require(tree["mapping-collection"])
        #expect(collection["provenance"]?["mapping-description"]?.scalar == "Why.")
        let map = try #require(collection["mappings"]?.sequence?.first?["maps"]?.sequence?.first)
        #expect(map["relationship"]?.scalar == "subset-of")
        #expect(map["sources"]?.sequence?.count == 1)
        #expect(map["targets"]?.sequence?.map { $0["id-ref"]?.scalar } == ["A.5.15", "A.5.16"])
        #expect(map["confidence-score"]?["percentage"]?.kind == .scalar("0.8", isQuoted: false))
        #expect(map["coverage"]?["target-coverage"]?.kind == .scalar("0.5", isQuoted: false))
        #expect(map["coverage"]?["generation-method"]?.scalar == "arbitrary")
    }

    @Test func attributesOfOtherNamespacesAreNotFlags() throws {
        let text = """
            <catalog xmlns="http://csrc.nist.gov/ns/oscal/1.0"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xsi:schemaLocation="http://csrc.nist.gov/ns/oscal/1.0 oscal_catalog_schema.xsd"
                xml:lang="en" uuid="u"/>
            """
        let tree = try #require(try OSCALXMLReaderTests.read(text).get())
        #expect(tree["catalog"]?.mapping?.map(\.key) == ["uuid"])
    }

    @Test func anUnknownElementIsKeptUnderItsOwnNameAndListedOnlyWhenRepeated() throws {
        let text = """
            <catalog uuid="u"><x-extra a="1">one</x-extra><x-many>a</x-many><x-many>b</x-many>
            <include-all/></catalog>
            """
        let tree = try #require(try OSCALXMLReaderTests.read(text).get())
        let catalog = try #require(tree["catalog"])
        #expect(catalog["x-extra"]?["a"]?.scalar == "1")
        #expect(catalog["x-extra"]?["STRVALUE"]?.scalar == "one")
        #expect(catalog["x-many"]?.sequence?.map(\.scalar) == ["a", "b"])
        #expect(catalog["include-all"]?.kind == .mapping([]))
    }
}
