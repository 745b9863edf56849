import AttestCatalog
import AttestCore
import AttestOSCAL
import AttestTestSupport
import Foundation
import Testing

@Suite struct MappingCollectionModelTests {
    static let time = Date(timeIntervalSince1970: 1_780_000_000)

    /// The bundled catalogs and mappings plus the hand-written fixture collection (soc2 →
    /// iso27001), as `attest.yaml` binds it.
    static func fixtureGraph() throws -> ControlGraph {
        let workspace = try TemporaryWorkspace()
        try workspace.write(
            "m.json",
            try Data(
                contentsOf: Fixtures.root.appendingPathComponent(
                    "oscal-mappings/soc2-to-iso27001.json")))
        try workspace.write(
            "attest.yaml",
            "schema: 1\norganisation: { name: X }\nframeworks: [soc2, iso27001]\n"
                + "mappings: [{ oscal: m.json, from: soc2, to: iso27001 }]\n")
        return ControlGraph(workspace: try WorkspaceLoader().load(at: workspace.root).workspace)
    }

    /// A mapping as the set of its ends and the relation read from the lower end, which is the
    /// same whichever direction it is written in.
    static func relations(_ mappings: [Mapping]) -> Set<String> {
        Set(
            mappings.map { mapping in
                let forward = mapping.from <= mapping.to
                let (low, high) = forward ? (mapping.from, mapping.to) : (mapping.to, mapping.from)
                let relation = forward ? mapping.relation : mapping.relation.inverse
                return "\(low) \(relation.rawValue) \(high)"
            })
    }

    @Test func importExportImportKeepsEveryMappingBetweenTheTwoFrameworks() throws {
        let graph = try Self.fixtureGraph()
        let pair: Set<FrameworkID> = ["soc2", "iso27001"]
        let original = graph.mappings.filter {
            pair.contains($0.from.framework) && pair.contains($0.to.framework)
        }
        // The bundled iso27001→soc2 relations and the fixture's seven soc2→iso27001 ones.
        #expect(original.filter { $0.from.framework == "soc2" }.count == 7)
        #expect(original.count > 100)
        let document = try MappingCollectionModel.document(
            graph: graph, frameworks: ["soc2", "iso27001"], organisation: "X",
            lastModified: Self.time, version: "run-1")
        for format in OSCALFormat.allCases {
            let workspace = try TemporaryWorkspace()
            try workspace.write("again.\(format.rawValue)", Data(try document.data(in: format)))
            try workspace.write(
                "attest.yaml",
                "schema: 1\norganisation: { name: X }\n"
                    + "mappings: [{ oscal: again.\(format.rawValue), from: soc2, to: iso27001 }]\n")
            let loaded = try WorkspaceLoader().load(at: workspace.root)
            #expect(loaded.diagnostics.isEmpty)
            let again = loaded.workspace.mappings.filter {
                $0.position.file == "again.\(format.rawValue)"
            }
            #expect(again.count == original.count)
            #expect(Self.relations(again) == Self.relations(original))
            // Directions are kept: a mapping comes back from the framework it was written from.
            #expect(
                Set(again.map { "\($0.from)>\($0.to)" })
                    == Set(original.map { "\($0.from)>\($0.to)" }))
        }
    }

    @Test func relationshipsAreWrittenWithOSCALsTokensAndIdsAsExportsWriteThem() throws {
        let graph = try Self.fixtureGraph()
        let document = try MappingCollectionModel.document(
            graph: graph, frameworks: ["soc2"], organisation: "X", lastModified: Self.time,
            version: "run-1")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(document.data(in: .json)))
                as? [String: Any])
        let collection = try #require(json["mapping-collection"] as? [String: Any])
        let mappings = try #require(collection["mappings"] as? [[String: Any]])
        // One mapping per ordered pair: iso27001 → soc2 (bundled), soc2 → iso27001 (fixture).
        #expect(mappings.count == 2)
        let fixture = try #require(mappings.last?["maps"] as? [[String: Any]])
        let written = fixture.map { map -> String in
            let source = (map["sources"] as? [[String: String]])?.first?["id-ref"] ?? ""
            let target = (map["targets"] as? [[String: String]])?.first?["id-ref"] ?? ""
            return "\(source) \(map["relationship"] ?? "") \(target)"
        }
        #expect(
            written == [
                "C1.1 superset-of A.5.10", "CC2.1 equivalent-to A.5.37",
                "CC6.5 subset-of A.7.13", "CC6.6 intersects-with A.8.23",
                "CC6.6 intersects-with A.8.24", "CC6.8 intersects-with A.8.9",
                "PI1.1 equivalent-to A.5.9",
            ])
        let resources = try #require(
            (collection["back-matter"] as? [String: Any])?["resources"] as? [[String: Any]])
        let hrefs = mappings.compactMap {
            ($0["source-resource"] as? [String: String])?["href"]
        }
        #expect(Set(hrefs) == Set(resources.compactMap { $0["uuid"] as? String }.map { "#" + $0 }))
    }

    @Test func anEntryReadsOnlyItsPairOfAnExportOfSeveralPairs() throws {
        let graph = try Self.fixtureGraph()
        let document = try MappingCollectionModel.document(
            graph: graph, frameworks: ["soc2", "iso27001", "gdpr"], organisation: "X",
            lastModified: Self.time, version: "run-1")
        let workspace = try TemporaryWorkspace()
        try workspace.write("all.json", Data(try document.data(in: .json)))
        try workspace.write(
            "attest.yaml",
            "schema: 1\norganisation: { name: X }\n"
                + "mappings: [{ oscal: all.json, from: soc2, to: iso27001 }]\n")
        let loaded = try WorkspaceLoader().load(at: workspace.root)
        // The gdpr → iso27001 maps are left, in one note; no gdpr mapping is read.
        #expect(loaded.diagnostics.map(\.code) == [.oscalMappingOtherFrameworks])
        #expect(loaded.diagnostics.first?.severity == .note)
        let read = loaded.workspace.mappings.filter { $0.position.file == "all.json" }
        #expect(!read.isEmpty)
        #expect(read.allSatisfy { $0.from.framework != "gdpr" && $0.to.framework != "gdpr" })
    }

    @Test func twoExportsOfOneWorkspaceAreByteIdentical() throws {
        let graph = try Self.fixtureGraph()
        func export() throws -> [[UInt8]] {
            let document = try MappingCollectionModel.document(
                graph: graph, frameworks: ["soc2", "iso27001"], organisation: "X",
                lastModified: Self.time, version: "run-1")
            return try OSCALFormat.allCases.map { try document.data(in: $0) }
        }
        #expect(try export() == export())
    }

    @Test func aFrameworkWithoutMappingsIsRefused() throws {
        let graph = try Self.fixtureGraph()
        #expect(throws: OSCALWriteError.self) {
            try MappingCollectionModel.document(
                graph: graph, frameworks: ["soc2", "gdpr"], organisation: "X",
                lastModified: Self.time, version: "run-1")
        }
    }
}
