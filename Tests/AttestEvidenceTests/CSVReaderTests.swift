import Foundation
import Testing

@testable import AttestEvidence

/// The CSV reader's bound: a file of separators alone is millions of empty cells, each costing
/// far more memory than its one byte.
@Suite struct CSVReaderTests {
    @Test func aFileWithMoreCellsThanTheLimitIsRefusedAtTheCellPastIt() {
        let reader = CSVReader(file: "wide.csv", maxCells: 5)
        do {
            let table = try reader.parse(Data("a,b\n1,2\n3,4\n".utf8))
            Issue.record("read \(table.rows.count) rows instead of failing")
        } catch {
            #expect(error.isTooLarge)
            #expect(error.position.line == 3)
            #expect(error.position.column == 3)
        }
    }

    @Test func aHeaderOfSeparatorsAloneStopsAtTheLimit() {
        let reader = CSVReader(file: "commas.csv", maxCells: 1_000)
        let commas = Data(repeating: 0x2C, count: 100_000)
        #expect(throws: CSVReader.SyntaxError.self) { _ = try reader.parse(commas) }
    }

    @Test func aFileAtTheLimitIsRead() throws {
        let table = try CSVReader(file: "ok.csv", maxCells: 4).parse(Data("a,b\r\n1,2\r\n".utf8))
        #expect(table.rows == [["1", "2"]])
    }
}
