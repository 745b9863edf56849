import AttestCatalog
import AttestCore
import AttestSystem
import AttestTestSupport
import Foundation
import Testing

@testable import AttestEvidence

/// Populations for `attest sample`: CSV (RFC 4180), JSON and YAML lists, read through the
/// confinement function, with positions for malformed input.
@Suite struct PopulationReaderTests {
    let workspace: TemporaryWorkspace

    init() throws { workspace = try TemporaryWorkspace() }

    func read(
        _ path: String, _ text: String, collector: CollectorKind = .file, rows: String? = nil
    ) throws -> Population {
        try workspace.write(path, text)
        return try reader().read(spec(path, collector: collector), rows: rows)
    }

    func reader() throws -> PopulationReader {
        PopulationReader(
            root: try WorkspaceRoot(workspace.root),
            loadYAML: { data, display in try YAMLDocument.evidence(data, display: display) })
    }

    func spec(_ path: String?, collector: CollectorKind = .file) -> EvidenceSpec {
        EvidenceSpec(
            id: "population", control: "C-1", collector: collector, path: path,
            position: .start(of: "controls.yaml"))
    }

    func error(
        _ path: String, _ text: String, rows: String? = nil
    ) throws -> PopulationError {
        do {
            let population = try read(path, text, rows: rows)
            Issue.record("read \(population.rows.count) rows instead of failing")
            return PopulationError(.malformed, "")
        } catch let error as PopulationError {
            return error
        }
    }

    @Test func aCSVFileIsItsHeaderAndRowsWithTheHashOfItsBytes() throws {
        let population = try read("leavers.csv", "id,name\r\nE-1,Ada\r\n")
        #expect(population.header == ["id", "name"])
        #expect(population.rows == [["E-1", "Ada"]])
        // sha256sum of the same bytes.
        #expect(
            population.sha256 == "850b5e219f4da666a799a9d10a3726fc048be7fe03bcab9e775b6f21924fe830")
        #expect(population.path == "leavers.csv")
    }

    @Test func quotedCSVFieldsKeepCommasQuotesAndLineBreaks() throws {
        let text = "id,title\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\r\nlines\"\n\n4,\n"
        let population = try read("changes.csv", text)
        #expect(
            population.rows == [
                ["1", "a, b"], ["2", "say \"hi\""], ["3", "two\r\nlines"], ["4", ""],
            ])
    }

    @Test func aByteOrderMarkIsNotPartOfTheFirstColumnName() throws {
        let population = try read("bom.csv", "\u{FEFF}id\nx\n")
        #expect(population.header == ["id"])
    }

    @Test(arguments: [
        ("id,name\n1,Ad\"a\n", 2, 5, "unquoted"),
        ("id,name\n1,\"Ada\"x\n", 2, 8, "closing quote"),
        ("id,name\n1,\"Ada\n2,Bob\n", 2, 3, "never closed"),
        ("id,name\n1,Ada\n2\n", 3, 1, "has 1 field; the header has 2"),
        ("id,name\r1,Ada\n", 1, 8, "carriage return"),
    ])
    func malformedCSVIsRefusedAtItsLineAndColumn(
        text: String, line: Int, column: Int, words: String
    ) throws {
        let error = try error("bad.csv", text)
        #expect(error.code == .malformed)
        #expect(error.position == SourcePosition(file: "bad.csv", line: line, column: column))
        #expect(error.message.contains(words), "\(error.message)")
    }

    @Test func invalidUTF8InACSVFieldIsRefused() throws {
        try workspace.write("latin1.csv", Data([0x69, 0x64, 0x0A, 0x63, 0x61, 0x66, 0xE9, 0x0A]))
        #expect(throws: PopulationError.self) {
            try reader().read(spec("latin1.csv"), rows: nil)
        }
    }

    @Test func anEmptyCSVFileHasNoHeaderAndIsRefused() throws {
        let error = try error("empty.csv", "")
        #expect(error.code == .malformed)
        #expect(error.position?.line == 1)
    }

    @Test func aJSONListInsideTheDocumentIsNamedWithRows() throws {
        let text = """
            { "generated_at": "2026-11-22",
              "leavers": [ { "id": "E-1", "hours": 2.5, "returned": true },
                           { "id": "E-2", "note": null, "tags": ["a", "b"] } ] }
            """
        let population = try read("leavers.json", text, rows: "leavers")
        #expect(population.header == ["id", "hours", "returned", "note", "tags"])
        #expect(
            population.rows == [
                ["E-1", "2.5", "true", "", ""], ["E-2", "", "", "", #"["a","b"]"#],
            ])
    }

    @Test func aDocumentThatIsNotAListNamesTheListsItHolds() throws {
        let error = try error("leavers.json", #"{ "leavers": [], "movers": [1], "n": 2 }"#)
        #expect(error.code == .notAList)
        #expect(error.message.contains("lists here: leavers, movers"), "\(error.message)")
    }

    @Test func rowsThatLeadNowhereAreRefused() throws {
        let error = try error("leavers.json", #"{ "leavers": [] }"#, rows: "joiners")
        #expect(error.code == .notAList)
    }

    @Test func malformedJSONIsRefusedAtItsPosition() throws {
        let error = try error("bad.json", "[\n  {\"id\": 1},\n  {\"id\": }\n]")
        #expect(error.code == .malformed)
        #expect(error.position?.file == "bad.json")
        #expect(error.position?.line == 3)
        #expect(error.position?.column == 10)
    }

    @Test func aYAMLListOfScalarsHasOneValueColumn() throws {
        let population = try read(
            "tickets.yaml", "tickets:\n  - CHG-1\n  - CHG-2\n", rows: "tickets")
        #expect(population.header == ["value"])
        #expect(population.rows == [["CHG-1"], ["CHG-2"]])
    }

    @Test func malformedYAMLIsRefusedWithItsPosition() throws {
        let error = try error("bad.yaml", "- a\n- [b\n")
        #expect(error.code == .malformed)
        #expect(error.position?.file == "bad.yaml")
        #expect(error.position?.line ?? 0 >= 2)
    }

    @Test func aFileOutsideTheWorkspaceIsRefusedByTheConfinementFunction() throws {
        let outside = try TemporaryWorkspace()
        try outside.write("secret.csv", "id\nsecret\n")
        try workspace.link("link.csv", to: outside.root.appendingPathComponent("secret.csv").path)
        do {
            _ = try reader().read(spec("link.csv"), rows: nil)
            Issue.record("a link out of the workspace was read")
        } catch let error as PopulationError {
            #expect(error.code == .unreadable)
            #expect(error.message.contains("workspace.unsafe-path"))
            #expect(!error.description.contains("secret\n"))
        }
    }

    @Test func evidenceWithoutAFileHasNoPopulation() throws {
        do {
            _ = try reader().read(spec(nil, collector: .command), rows: nil)
            Issue.record("evidence without a file gave a population")
        } catch let error as PopulationError {
            #expect(error.code == .noFile)
        }
    }

    @Test func theFormatComesFromTheCollectorWhenTheExtensionSaysNothing() throws {
        let population = try read("export.txt", "[{\"a\": 1}]", collector: .json)
        #expect(population.rows == [["1"]])
        #expect(throws: PopulationError.self) {
            _ = try read("export.dat", "[1]", collector: .file)
        }
    }

    @Test func itemsWithDistinctKeysCannotGrowTheTableBeyondItsCellLimit() throws {
        // Each item adds a column every other row lacks: n items make n × n cells.
        let side = Int(Double(PopulationReader.maxCells).squareRoot()) + 2
        let items = (0..<side).map { "{\"k\($0)\":1}" }.joined(separator: ",")
        let error = try error("wide.json", "[" + items + "]")
        #expect(error.code == .tooLarge)
        #expect(error.message.contains("\(side) rows"))
    }
}
