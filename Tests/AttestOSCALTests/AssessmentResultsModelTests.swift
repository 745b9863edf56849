import AttestCore
import AttestOSCAL
import AttestTestSupport
import Foundation
import Testing

private typealias F = GraphFactory

@Suite("OSCAL assessment results export")
struct AssessmentResultsModelTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)
    static let run = RunFacts(
        id: 7, startedAt: now.addingTimeInterval(-60), finishedAt: now, toolVersion: "0.1.0",
        workspaceFingerprint: "abc", revision: "1234567")

    /// D1.1 passes (score 1), D1.2 half passes, D1.3 has no control, D2.1 is excluded.
    static func document() throws -> [String: Any] {
        let framework = F.framework(
            "demo",
            [
                F.requirement(
                    "D1", [F.requirement("D1.1"), F.requirement("D1.2"), F.requirement("D1.3")]),
                F.requirement("D2", [F.requirement("D2.1")]),
            ])
        let workspace = F.workspace(
            frameworks: [framework],
            controls: [
                F.control("C-1", satisfies: ["demo/D1.1"], evidence: ["good"]),
                F.control("C-2", satisfies: ["demo/D1.2"], evidence: ["half", "bad"]),
            ],
            exclusions: [
                Exclusion(
                    requirement: RequirementReference(
                        RequirementKey("demo", "D2.1"), at: F.position(1)),
                    justification: "Not offered <here> & now.", position: F.position(1))
            ])
        let graph = ControlGraph(workspace: workspace)
        let results: [EvidenceID: EvidenceResult] = [
            "good": EvidenceResult(
                evidence: "good", control: "C-1", status: .pass,
                observedAt: now.addingTimeInterval(-86_400),
                dateSource: .git, target: "evidence/good file.md", collector: .file,
                expiresAt: now.addingTimeInterval(86_400), message: "reviewed",
                artifacts: [
                    Artifact(
                        path: "evidence/good file.md", sha256: String(repeating: "a", count: 64))
                ]),
            "half": EvidenceResult(
                evidence: "half", control: "C-2", status: .pass, observedAt: now,
                dateSource: .live, target: "https://status.example", collector: .http, message: "ok"
            ),
            "bad": EvidenceResult(
                evidence: "bad", control: "C-2", status: .fail, observedAt: now,
                dateSource: .live, collector: .command, message: "exit 1"),
        ]
        let scores = Scores(graph: graph, results: results, now: now, expiringWithin: .days(30))
        let bytes = try AssessmentResultsModel.document(
            run: run, scores: scores, frameworks: ["demo"], organisation: "Org"
        ).data(in: .json)
        let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        return try #require(object?["assessment-results"] as? [String: Any])
    }

    static func prop(_ object: [String: Any]?, _ name: String) -> String? {
        (object?["props"] as? [[String: Any]])?.first { $0["name"] as? String == name }?["value"]
            as? String
    }

    @Test("An objective is satisfied only at score 1; the score and basis are props")
    func findingsFollowTheScore() throws {
        let document = try Self.document()
        let result = try #require((document["results"] as? [[String: Any]])?.first)
        let findings = try #require(result["findings"] as? [[String: Any]])
        let byID = Dictionary(
            uniqueKeysWithValues: findings.map {
                (($0["target"] as? [String: Any])?["target-id"] as? String ?? "", $0)
            })
        #expect(Set(byID.keys) == ["D1.1", "D1.2", "D1.3", "D2.1"])
        func status(_ id: String) -> [String: Any]? {
            (byID[id]?["target"] as? [String: Any])?["status"] as? [String: Any]
        }
        #expect(status("D1.1")?["state"] as? String == "satisfied")
        #expect(Self.prop(byID["D1.1"], "score") == "1")
        #expect(status("D1.2")?["state"] as? String == "not-satisfied")
        #expect(Self.prop(byID["D1.2"], "score") == "0.5")
        #expect(status("D1.3")?["state"] as? String == "not-satisfied")
        #expect(Self.prop(byID["D1.3"], "basis") == "gap")
        // The exclusion: not applicable, with its justification.
        let excluded = try #require(byID["D2.1"]?["target"] as? [String: Any])
        let implementation = excluded["implementation-status"] as? [String: Any]
        #expect(implementation?["state"] as? String == "not-applicable")
        #expect(implementation?["remarks"] as? String == "Not offered <here> & now.")
        #expect(Self.prop(byID["D2.1"], "excluded") == "true")
        // The run's own times.
        #expect(result["start"] as? String == "2026-11-30T00:52:20Z")
        #expect(result["end"] as? String == "2026-11-30T00:53:20Z")
        #expect(
            (document["metadata"] as? [String: Any])?["last-modified"] as? String
                == "2026-11-30T00:53:20Z")
        // D1.1's finding points at the observation of its evidence.
        let related = (byID["D1.1"]?["related-observations"] as? [[String: Any]])?.compactMap {
            $0["observation-uuid"] as? String
        }
        let observations = try #require(result["observations"] as? [[String: Any]])
        let good = try #require(observations.first { Self.prop($0, "evidence") == "good" })
        #expect(related == [good["uuid"] as? String].compactMap { $0 })
    }

    @Test("An observation carries its method, date source and artifact hash in back-matter")
    func observationsCarryProvenance() throws {
        let document = try Self.document()
        let result = try #require((document["results"] as? [[String: Any]])?.first)
        let observations = try #require(result["observations"] as? [[String: Any]])
        #expect(observations.compactMap { Self.prop($0, "evidence") } == ["bad", "good", "half"])
        let good = try #require(observations.first { Self.prop($0, "evidence") == "good" })
        #expect(good["methods"] as? [String] == ["EXAMINE"])
        #expect(good["collected"] as? String == "2026-11-29T00:53:20Z")
        #expect(good["expires"] as? String == "2026-12-01T00:53:20Z")
        #expect(Self.prop(good, "date-source") == "git")
        let bad = try #require(observations.first { Self.prop($0, "evidence") == "bad" })
        #expect(bad["methods"] as? [String] == ["TEST"])
        let href = try #require(
            (good["relevant-evidence"] as? [[String: Any]])?.first?["href"] as? String)
        let resources = try #require(
            (document["back-matter"] as? [String: Any])?["resources"] as? [[String: Any]])
        let artifact = try #require(resources.first { "#" + ($0["uuid"] as? String ?? "") == href })
        let rlink = try #require((artifact["rlinks"] as? [[String: Any]])?.first)
        #expect(rlink["href"] as? String == "evidence/good%20file.md")
        let hash = (rlink["hashes"] as? [[String: Any]])?.first
        #expect(hash?["algorithm"] as? String == "SHA-256")
        #expect(hash?["value"] as? String == String(repeating: "a", count: 64))
        // import-ap points at the resource that describes Attest's plan.
        let importAP = (document["import-ap"] as? [String: Any])?["href"] as? String
        #expect(resources.contains { "#" + ($0["uuid"] as? String ?? "") == importAP })
    }
}
