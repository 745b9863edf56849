import AttestTestSupport
import Foundation
import Testing

/// A workspace whose only framework is NIST's MODERATE baseline, read from OSCAL: validate,
/// collect, score and catalog list with the built binary.
@Suite struct OSCALEndToEndTests {
    static func workspace() throws -> TemporaryWorkspace {
        let folder = try TemporaryWorkspace()
        let oscal = Fixtures.root.appendingPathComponent("oscal")
        try folder.write(
            "oscal/moderate.json",
            try Data(
                contentsOf: oscal.appendingPathComponent(
                    "sp800-53-rev5-5.1.1/NIST_SP-800-53_rev5_MODERATE-baseline_profile.json")))
        try folder.write(
            "oscal/catalog.json",
            try Data(
                contentsOf: oscal.appendingPathComponent(
                    "sp800-53-rev5-5.0.1/NIST_SP-800-53_rev5_catalog.json")))
        try folder.write(
            "attest.yaml",
            """
            schema: 1
            organisation: { name: Example }
            frameworks:
              - oscal: oscal/moderate.json
                id: moderate
                catalogs: { '#84cbf061-eb87-4ec1-8112-1f529232e907': oscal/catalog.json }
            include: [controls/*.yaml]
            """)
        try folder.write(
            "controls/accounts.yaml",
            """
            schema: 1
            controls:
              - id: ACCOUNTS
                title: Accounts are managed and automated
                satisfies: { moderate: [AC-2, AC-2(1)] }
                evidence:
                  - id: account-policy
                    collector: file
                    path: evidence/accounts.md
            """)
        try folder.write("evidence/accounts.md", "# Account management\n\nReviewed quarterly.\n")
        return folder
    }

    @Test func aWorkspaceOnTheModerateBaselineValidatesCollectsAndScores() async throws {
        let folder = try Self.workspace()
        let workspace = folder.root.path
        let validate = try await AttestBinary.run(["validate", "--workspace", workspace])
        #expect(validate.status == 0, "\(validate.standardError)")
        #expect(validate.standardError.contains("0 errors"))
        let collect = try await AttestBinary.run(["collect", "--workspace", workspace, "--quiet"])
        #expect(collect.status == 0, "\(collect.standardError)")
        let score = try await AttestBinary.run(
            ["score", "--workspace", workspace, "--format", "json"])
        #expect(score.status == 0, "\(score.standardError)")
        let json = try JSONSerialization.jsonObject(with: Data(score.standardOutput.utf8))
        let rows = try #require(json as? [[String: Any]])
        let row = try #require(rows.first { $0["framework"] as? String == "moderate" })
        // 287 assessable controls; the one control covers 2 of them.
        #expect(row["leaves"] as? Int == 287)
        #expect(row["gaps"] as? Int == 285)
        #expect((row["readiness_percent"] as? Double ?? 0) > 0)
    }

    @Test func theCatalogListShowsTheBaselineWithItsSourceAndCounts() async throws {
        let folder = try Self.workspace()
        let list = try await AttestBinary.run(
            ["catalog", "list", "--workspace", folder.root.path])
        #expect(list.status == 0, "\(list.standardError)")
        #expect(
            list.standardOutput.contains(
                "moderate: OSCAL profile oscal/moderate.json (OSCAL 1.1.2), resolved from "
                    + "oscal/catalog.json — 287 controls (of 1189)"))
        let show = try await AttestBinary.run(
            ["catalog", "show", "moderate", "--workspace", folder.root.path, "--format", "json"])
        #expect(show.status == 0, "\(show.standardError)")
        #expect(show.standardOutput.contains("\"id\" : \"AC-2(13)\""))
    }
}
