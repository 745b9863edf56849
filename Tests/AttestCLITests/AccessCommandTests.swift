import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// `attest access`: requests recorded by the portal, listed and decided from the command line.
@Suite struct AccessCommandTests: InProcessCommands {
    static let accepted = Date(timeIntervalSince1970: 1_780_272_000)

    /// A copy of the demo workspace and a store holding `requests`.
    static func workspace(_ requests: [AccessRequest]) throws -> (TemporaryWorkspace, String) {
        let folder = try DemoAggregationTests.demoCopy()
        let store = folder.root.appendingPathComponent(".attest/attest.sqlite").path
        let ledger = try SQLiteStore(path: store)
        for request in requests { try ledger.record(request) }
        return (folder, store)
    }

    static func request(_ id: String, email: String, name: String = "Zoë") -> AccessRequest {
        AccessRequest(
            id: id, createdAt: accepted, name: name, email: email, company: "Buyer SA",
            reason: "vendor review", locale: "fr", documents: ["pentest-summary-2026"],
            ndaSHA256: String(repeating: "ab", count: 32), ipAddress: "127.0.0.1",
            userAgent: "test")
    }

    @Test func approveDenyAndRevokeFollowTheLedgersRules() async throws {
        let (folder, store) = try Self.workspace([
            Self.request("aaaaaaaaaaaaaaaaaaaaaaaaaa", email: "a@buyer.example"),
            Self.request("bbbbbbbbbbbbbbbbbbbbbbbbbb", email: "b@buyer.example"),
        ])
        let common = ["--workspace", folder.root.path, "--store", store]
        let now = ["--now", "2026-06-02T00:00:00Z"]
        let approved = await run(
            ["access", "approve", "aaaaaaaaaaaaaaaaaaaaaaaaaa", "--by", "alice"] + common + now)
        #expect(approved.status == 0, "\(approved.err)")
        // portal.grant_duration of the demo: 14 days from the decision.
        #expect(approved.out.contains("until 2026-06-16T00:00:00Z"), "\(approved.out)")
        let again = await run(["access", "deny", "aaaaaaaaaaaaaaaaaaaaaaaaaa"] + common + now)
        #expect(again.status != 0)
        #expect(again.err.contains("is approved; only pending requests can be denied"))
        let denied = await run(["access", "deny", "bbbbbbbbbbbbbbbbbbbbbbbbbb"] + common + now)
        #expect(denied.status == 0)
        let revokeDenied = await run(
            ["access", "revoke", "bbbbbbbbbbbbbbbbbbbbbbbbbb"] + common + now)
        #expect(revokeDenied.err.contains("only approved requests can be revoked"))
        let unknown = await run(["access", "approve", "nope"] + common + now)
        #expect(unknown.err.contains("no access request 'nope'"))
        let revoked = await run(
            ["access", "revoke", "aaaaaaaaaaaaaaaaaaaaaaaaaa", "--by", "bob"] + common + now)
        #expect(revoked.status == 0)
        let ledger = try SQLiteStore(path: store)
        let final = try #require(try ledger.accessRequest(id: "aaaaaaaaaaaaaaaaaaaaaaaaaa"))
        #expect(final.status == .revoked)
        #expect(final.decidedBy == "cli: bob")
        #expect(try ledger.accessRequest(id: "bbbbbbbbbbbbbbbbbbbbbbbbbb")?.status == .denied)
    }

    /// What visitors typed reaches the terminal inert: an escape sequence in a name cannot
    /// rewrite the lines around it.
    @Test func listShowsEachStatusAndNeutralisesWhatVisitorsTyped() async throws {
        let (folder, store) = try Self.workspace([
            Self.request(
                "cccccccccccccccccccccccccc", email: "c@buyer.example",
                name: "Mallory\u{1B}[2K\u{1B}[1Aapproved")
        ])
        let common = ["--workspace", folder.root.path, "--store", store]
        let table = await run(["access", "list"] + common)
        #expect(table.status == 0)
        #expect(table.out.contains("cccccccccccccccccccccccccc"))
        #expect(!table.out.contains("\u{1B}"))
        let none = await run(["access", "list", "--status", "approved"] + common)
        #expect(none.out.contains("no approved access request"))
        let json = await run(["access", "list", "--status", "all", "--format", "json"] + common)
        struct Entry: Decodable {
            var id: String
            var name: String
            var ndaSHA256: String
            var ipAddress: String
        }
        let entries = try JSONDecoder().decode([Entry].self, from: Data(json.out.utf8))
        #expect(entries.map(\.name) == ["Mallory\u{1B}[2K\u{1B}[1Aapproved"])
        #expect(entries.first?.ndaSHA256 == String(repeating: "ab", count: 32))
        let bad = await run(["access", "list", "--status", "granted"] + common)
        #expect(bad.status == 2)
    }
}
