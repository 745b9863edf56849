import Testing

@testable import AttestRender

/// `RowBlocks` keeps rows in blocks without splitting one; any run of rows read back is the
/// rows' bytes in order, whichever blocks it spans.
@Suite struct RowBlocksTests {
    /// Rows of random lengths (empty ones, and some longer than a block), each filled with a
    /// byte of its own so a misplaced piece shows.
    static func rows(count: Int, seed: UInt64, longest: Int) -> [[UInt8]] {
        var state = seed
        return (0..<count).map { index in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let length = Int(state >> 33) % (longest + 1)
            return [UInt8](repeating: UInt8(truncatingIfNeeded: index), count: length)
        }
    }

    @Test(arguments: [1, 7, 64, 1 << 20])
    func everyRunReadsBackItsRows(blockSize: Int) {
        let rows = Self.rows(count: 300, seed: UInt64(blockSize), longest: 100)
        var blocks = RowBlocks(rows: rows.count, blockSize: blockSize)
        for row in rows { blocks.append(row) }
        #expect(blocks.count == rows.count)
        var mismatches: [Range<Int>] = []
        for lower in stride(from: 0, through: rows.count, by: 7) {
            for upper in stride(from: lower, through: rows.count, by: 11) {
                let read = blocks.pieces(lower..<upper).flatMap { $0 }
                if read != rows[lower..<upper].flatMap({ $0 }) { mismatches.append(lower..<upper) }
            }
        }
        let mismatchCount = mismatches.count
        #expect(mismatchCount == 0, "\(mismatches.prefix(5))")
    }

    @Test func aRowIsNeverSplitAndALongRowGetsABlockOfItsOwn() {
        var blocks = RowBlocks(rows: 4, blockSize: 10)
        for row in [[UInt8](repeating: 1, count: 6), [UInt8](repeating: 2, count: 6), [], [3]] {
            blocks.append(row)
        }
        blocks.append([UInt8](repeating: 4, count: 25))
        // The second row does not fit beside the first: it starts a block.
        #expect(blocks.pieces(1..<2).map(Array.init) == [[UInt8](repeating: 2, count: 6)])
        #expect(blocks.pieces(0..<2).count == 2)
        #expect(blocks.pieces(1..<4).count == 1)
        #expect(blocks.pieces(4..<5).map(\.count) == [25])
        #expect(blocks.pieces(2..<2).isEmpty)
        // An empty row takes no bytes, so no piece.
        #expect(blocks.pieces(2..<3).isEmpty)
    }
}
