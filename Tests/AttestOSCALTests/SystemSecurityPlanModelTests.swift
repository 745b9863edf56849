import AttestCatalog
import AttestCore
import AttestOSCAL
import AttestTestSupport
import Foundation
import Testing

@Suite struct SystemSecurityPlanModelTests {
    static let time = Date(timeIntervalSince1970: 1_780_000_000)

    /// A framework of four requirements: R.1 whose one control passes, R.2 whose two controls
    /// score 0.5 and 0, R.3 without control, R.4 excluded; C-1 and C-2 have owners.
    static func scores() throws -> Scores {
        let workspace = try TemporaryWorkspace()
        try workspace.write(
            "controls/frameworks/fw.yaml",
            """
            schema: 1
            framework: { id: fw, name: The Framework, kind: standard, issuer: Us }
            requirements:
              - { id: R.1, title: One }
              - { id: R.2, title: Two }
              - { id: "3", title: Three }
              - { id: R.4, title: Four }
            """)
        try workspace.write(
            "attest.yaml",
            """
            schema: 1
            organisation:
              name: Små Co
              legal_name: Små Co AB
              website: https://smaco.example
              country: SE
              contact: security@smaco.example
            frameworks: [fw]
            exclusions: [{ requirement: fw/R.4, justification: No such thing here. }]
            controls:
              - { id: C-1, title: Pass, owner: Platform, satisfies: { fw: [R.1] }, evidence: [{ id: e1, collector: file, path: a }] }
              - { id: C-2, title: Half, owner: Security, satisfies: { fw: [R.2] }, evidence: [{ id: e2, collector: file, path: b }] }
              - { id: C-3, title: Fail, satisfies: { fw: [R.2] }, evidence: [{ id: e3, collector: file, path: c }] }
            """)
        let loaded = try WorkspaceLoader(builtinCatalogs: nil).load(at: workspace.root)
        #expect(loaded.diagnostics.isEmpty)
        let graph = ControlGraph(workspace: loaded.workspace)
        func result(
            _ id: EvidenceID, _ control: ControlID, _ status: EvidenceStatus
        )
            -> EvidenceResult
        {
            EvidenceResult(
                evidence: id, control: control, status: status, observedAt: time, message: "")
        }
        return Scores(
            graph: graph,
            results: [
                "e1": result("e1", "C-1", .pass), "e2": result("e2", "C-2", .partial(0.5)),
                "e3": result("e3", "C-3", .fail),
            ], now: time, expiringWithin: .days(30))
    }

    static func plan() throws -> [String: Any] {
        let document = try SystemSecurityPlanModel.document(
            scores: try scores(), framework: "fw", lastModified: time, version: "run-7")
        let json = try JSONSerialization.jsonObject(with: Data(document.data(in: .json)))
        return try #require((json as? [String: Any])?["system-security-plan"] as? [String: Any])
    }

    @Test func eachRequirementsStatusComesFromItsScoreAndEachOwnersFromTheirControls() throws {
        let plan = try Self.plan()
        let components = try #require(
            (plan["system-implementation"] as? [String: Any])?["components"] as? [[String: Any]])
        var titles: [String: String] = [:]
        for component in components {
            titles[component["uuid"] as? String ?? ""] = component["title"] as? String
        }
        #expect(
            components.map { $0["type"] as? String } == [
                "this-system", "process-procedure", "process-procedure",
            ])
        let requirements = try #require(
            (plan["control-implementation"] as? [String: Any])?["implemented-requirements"]
                as? [[String: Any]])
        let statuses = requirements.map { requirement -> String in
            let entries = (requirement["by-components"] as? [[String: Any]] ?? []).map { entry in
                let title = titles[entry["component-uuid"] as? String ?? ""] ?? "?"
                let state =
                    (entry["implementation-status"] as? [String: Any])?["state"] as? String ?? "?"
                return "\(title)=\(state)"
            }
            return "\(requirement["control-id"] ?? "") " + entries.joined(separator: ", ")
        }
        #expect(
            statuses == [
                "R.1 Små Co=implemented, Controls owned by Platform=implemented",
                // The requirement's score is the mean of 0.5 and 0; Security's control has 0.5.
                "R.2 Små Co=partial, Controls owned by Security=partial",
                // `3` is no OSCAL token: its control id is the one every export writes.
                "_3 Små Co=planned",
                "R.4 Små Co=not-applicable",
            ])
    }

    @Test func attestYamlFillsTheSystemAndWhatItDoesNotStateIsSaid() throws {
        let plan = try Self.plan()
        let characteristics = try #require(plan["system-characteristics"] as? [String: Any])
        #expect(characteristics["system-name"] as? String == "Små Co")
        #expect(
            characteristics["security-sensitivity-level"] as? String
                == SystemSecurityPlanModel.notStated)
        #expect(
            (characteristics["status"] as? [String: Any])?["state"] as? String == "other")
        let party = try #require(
            ((plan["metadata"] as? [String: Any])?["parties"] as? [[String: Any]])?.first)
        #expect(party["name"] as? String == "Små Co AB")
        #expect(party["short-name"] as? String == "Små Co")
        #expect(party["email-addresses"] as? [String] == ["security@smaco.example"])
        // import-profile points at the catalog's back-matter resource.
        let href = try #require((plan["import-profile"] as? [String: Any])?["href"] as? String)
        let resources = try #require(
            (plan["back-matter"] as? [String: Any])?["resources"] as? [[String: Any]])
        #expect(resources.map { "#" + ($0["uuid"] as? String ?? "") } == [href])
    }

    @Test func twoExportsOfOneRunAreByteIdentical() throws {
        func export() throws -> [[UInt8]] {
            let document = try SystemSecurityPlanModel.document(
                scores: try Self.scores(), framework: "fw", lastModified: Self.time,
                version: "run-7")
            return try OSCALFormat.allCases.map { try document.data(in: $0) }
        }
        #expect(try export() == export())
    }
}
