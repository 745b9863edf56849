import AttestCLI
import AttestTestSupport
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// `site/<locale>/feed.xml`: the Atom feed of the public changes between published builds,
/// checked structurally (Foundation's XML parser), on a copy of the canary workspace built
/// three times into one store.
@Suite struct ChangeFeedTests: InProcessCommands {
    /// The parts of an Atom document this test reads.
    final class Atom: NSObject, XMLParserDelegate {
        struct Entry {
            var id = ""
            var updated = ""
            var title = ""
            var content = ""
            var links: [String] = []
        }
        var root = ""
        var namespace = ""
        var feedID = ""
        var feedUpdated = ""
        var feedLinks: [String] = []
        var entries: [Entry] = []
        private var path: [String] = []
        private var text = ""

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            if path.isEmpty {
                root = name
                namespace = attributes["xmlns"] ?? ""
            }
            path.append(name)
            text = ""
            if name == "entry" { entries.append(Entry()) }
            if name == "link" {
                let link = "\(attributes["rel"] ?? "") \(attributes["href"] ?? "")"
                if path.count == 2 {
                    feedLinks.append(link)
                } else {
                    entries[entries.count - 1].links.append(link)
                }
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(
            _ parser: XMLParser, didEndElement name: String, namespaceURI: String?,
            qualifiedName: String?
        ) {
            if path.count == 2 {
                if name == "id" { feedID = text }
                if name == "updated" { feedUpdated = text }
            } else if path.count == 3, !entries.isEmpty {
                switch name {
                case "id": entries[entries.count - 1].id = text
                case "updated": entries[entries.count - 1].updated = text
                case "title": entries[entries.count - 1].title = text
                case "content": entries[entries.count - 1].content = text
                default: break
                }
            }
            path.removeLast()
        }
    }

    func parse(_ data: Data) throws -> Atom {
        let atom = Atom()
        let parser = XMLParser(data: data)
        parser.delegate = atom
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        return atom
    }

    func build(_ folder: URL, at time: String, out: String = "out") async {
        let result = await run([
            "build", "--workspace", folder.appendingPathComponent("ws").path,
            "--out", folder.appendingPathComponent(out).path,
            "--store", folder.appendingPathComponent("s.sqlite").path,
            "--build-time", time, "--quiet",
        ])
        #expect(result.status == 0, "\(result.err)")
    }

    @Test func theFeedHasOneEntryPerPublishedBuildThatChangedSomethingPublic() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-feed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let workspace = folder.appendingPathComponent("ws")
        try FileManager.default.copyItem(at: Fixtures.workspace("canary"), to: workspace)
        let policy = workspace.appendingPathComponent("evidence/policy.md")
        let kept = try Data(contentsOf: policy)

        await build(folder, at: "2026-06-01T00:00:00Z")
        // The same evidence a day later: nothing public changed, so no entry.
        await build(folder, at: "2026-06-02T00:00:00Z")
        // The public control's policy disappears, then comes back.
        try FileManager.default.removeItem(at: policy)
        await build(folder, at: "2026-06-03T00:00:00Z")
        try kept.write(to: policy)
        await build(folder, at: "2026-06-04T00:00:00Z")

        let feedURL = folder.appendingPathComponent("out/site/en/feed.xml")
        let bytes = try Data(contentsOf: feedURL)
        let atom = try parse(bytes)
        #expect(atom.root == "feed")
        #expect(atom.namespace == "http://www.w3.org/2005/Atom")
        #expect(atom.feedID.hasPrefix("urn:uuid:"))
        #expect(atom.feedUpdated == "2026-06-04T00:00:00Z")
        #expect(atom.feedLinks.contains("alternate index.html"))
        #expect(atom.entries.map(\.updated) == ["2026-06-04T00:00:00Z", "2026-06-03T00:00:00Z"])
        #expect(atom.entries.allSatisfy { $0.id.hasPrefix("urn:uuid:") })
        #expect(Set(atom.entries.map(\.id)).count == 2)
        #expect(atom.entries.allSatisfy { $0.links == ["alternate index.html#changes"] })
        // PUB-1 went from passing to failing, then back.
        let newest = try #require(atom.entries.first)
        let older = try #require(atom.entries.last)
        #expect(older.content.contains("PUB-1"))
        #expect(older.content.contains("Passing → Failing"))
        #expect(newest.content.contains("Failing → Passing"))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("CANARY"))
        #expect(!text.contains("NDA-1"))
        #expect(!text.contains("INT-1"))

        let page = try String(
            contentsOf: folder.appendingPathComponent("out/site/en/index.html"), encoding: .utf8)
        #expect(
            page.contains(
                #"<link rel="alternate" type="application/atom+xml" href="feed.xml""#))
        let french = try parse(
            try Data(contentsOf: folder.appendingPathComponent("out/site/fr/feed.xml")))
        #expect(french.entries.map(\.id) == atom.entries.map(\.id))
        #expect(french.feedID != atom.feedID)

        // The same store and inputs give the same bytes (the build id is already recorded).
        await build(folder, at: "2026-06-04T00:00:00Z", out: "again")
        #expect(
            try Data(contentsOf: folder.appendingPathComponent("again/site/en/feed.xml"))
                == bytes)
    }
}
