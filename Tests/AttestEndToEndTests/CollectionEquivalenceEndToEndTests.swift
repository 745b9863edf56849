import AttestTestSupport
import Foundation
import Testing

/// Collection stores the same results (status, score, dates and their source, hash, artifacts,
/// message) as it did before it was made faster.
///
/// `Tests/Fixtures/collection-equivalence.txt` was recorded with the release binary of the code
/// before that change (`attest build --build-time 2026-06-01T00:00:00Z` on the
/// `collection-equivalence` workspace, then the query below with `sqlite3`): 118 evidence items
/// over every file-reading collector, front matter in its odd forms (CRLF, CR, NEL, byte order
/// marks, invalid UTF-8, quotes, comments, combining marks, large files), sidecars, several items
/// naming one file, links inside the workspace, missing files and size limits. Re-record it only
/// when a result is meant to change, and say so in the commit.
@Suite struct CollectionEquivalenceEndToEndTests {
    static let golden = Fixtures.root.appendingPathComponent("collection-equivalence.txt")

    /// Every stored field of every result, one line each, ordered by evidence id.
    static let query =
        "SELECT evidence_id, status, score, observed_at, date_source, "
        + "coalesce(expires_at, '-'), coalesce(sha256, '-'), coalesce(signer, '-'), "
        + "coalesce(collector, '-'), artifacts, replace(message, char(10), '\\n') "
        + "FROM evidence_results ORDER BY evidence_id;"

    @Test(.enabled(if: LocalService.available("sqlite3")))
    func aBuildStoresTheResultsRecordedBeforeCollectionWasMadeFaster() async throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("attest-tests").appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let workspace = folder.appendingPathComponent("ws")
        try FileManager.default.copyItem(
            at: Fixtures.workspace("collection-equivalence"), to: workspace)

        let build = try await AttestBinary.run(
            ["build", "--build-time", "2026-06-01T00:00:00Z", "--quiet"], in: workspace)
        #expect(build.status == 0, "\(build.standardError)")

        let sqlite = Process()
        sqlite.executableURL = LocalService.path(of: "sqlite3")
        sqlite.arguments = [
            "-separator", " | ",
            workspace.appendingPathComponent(".attest/attest.sqlite").path, Self.query,
        ]
        let output = Pipe()
        sqlite.standardOutput = output
        try sqlite.run()
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        sqlite.waitUntilExit()
        #expect(sqlite.terminationStatus == 0)

        let actual = String(decoding: bytes, as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false)
        let expected = try String(contentsOf: Self.golden, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        #expect(actual.count == expected.count)
        for (recorded, now) in zip(expected, actual) where recorded != now {
            Issue.record("recorded: \(recorded)\n     now: \(now)")
        }
    }
}
