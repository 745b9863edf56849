import AttestTestSupport
import Foundation
import Testing

/// The demo's key controls and levels (issue 13 §1): padding cannot lift SOC 2 CC8, and the
/// TLS 1.3-only target failing does not fail HIPAA §164.312(e)(2)(ii).
@Suite struct DemoAggregationTests: InProcessCommands {
    /// The controls whose evidence reaches `soc2/CC8.1` in the demo.
    static let changeControls = [
        "DAT-01", "DAT-05", "DEV-01", "DEV-02", "DEV-03", "INF-03", "SUP-01", "SUP-03", "SUP-05",
    ]

    /// A copy of the demo workspace (its inputs, not the sources of Attest).
    static func demoCopy() throws -> TemporaryWorkspace {
        let folder = try TemporaryWorkspace()
        for item in ["attest.yaml", "controls", "evidence", "keys"] {
            try FileManager.default.copyItem(
                at: Fixtures.packageRoot.appendingPathComponent(item),
                to: folder.root.appendingPathComponent(item))
        }
        return folder
    }

    /// Collects `controls` into a fresh store and returns `score --explain node` as JSON.
    func explain(
        _ node: String, in folder: TemporaryWorkspace, controls: [String]
    ) async throws -> [String: Any] {
        let scratch = try TemporaryWorkspace()
        let store = scratch.root.appendingPathComponent("attest.sqlite").path
        let workspace = folder.root.path
        let collect = await run(
            ["collect", "--workspace", workspace, "--store", store, "--quiet", "--only"]
                + controls)
        #expect(collect.status == 0, "\(collect.err)")
        let explained = await run([
            "score", "--workspace", workspace, "--store", store, "--run", "1", "--explain", node,
            "--format",
            "json",
        ])
        #expect(explained.status == 0, "\(explained.err)")
        return try #require(
            try JSONSerialization.jsonObject(with: Data(explained.out.utf8)) as? [String: Any])
    }

    static func firstRule(_ report: [String: Any]) -> [String: Any]? {
        ((report["leaves"] as? [[String: Any]])?.first?["rules"] as? [[String: Any]])?.first
    }

    @Test func tenPassingInternalControlsCannotLiftSOC2CC8AboveItsKeyControl() async throws {
        let folder = try Self.demoCopy()
        let before = try await explain("soc2/CC8", in: folder, controls: Self.changeControls)
        // DEV-02 (the release test gate) fails and is key: CC8.1 is capped at its 0; the
        // mean of the nine controls is 7 / 9 = 0.778 (77.8 % before key controls).
        #expect(before["readiness_percent"] as? Double == 0.0)
        #expect(Self.firstRule(before)?["capped_by"] as? String == "DEV-02")

        let padding = (1...10).map { index in
            """
              - id: PAD-\(index)
                title: Trivial change control \(index)
                visibility: internal
                satisfies: { soc2: [CC8.1] }
                evidence:
                  - { id: pad-\(index), collector: file, path: evidence/policies/secure-development.md }
            """
        }
        try folder.write(
            "controls/library/padding.yaml",
            "schema: 1\ncontrols:\n" + padding.joined(separator: "\n") + "\n")
        let after = try await explain(
            "soc2/CC8", in: folder,
            controls: Self.changeControls + (1...10).map { "PAD-\($0)" })
        // The padding lifts the mean to (7 + 10) / 19 = 0.895 (the 89.5 %), not CC8.
        let aggregated = try #require(Self.firstRule(after)?["aggregated"] as? Double)
        #expect(abs(aggregated - 17.0 / 19.0) < 1e-9)
        #expect(after["readiness_percent"] as? Double == 0.0)
    }

    @Test func theTLS13TargetFailingLeavesHIPAATransmissionEncryptionMet() async throws {
        let folder = try Self.demoCopy()
        // The load balancer accepts TLS 1.2 too: ENC-01 (TLS 1.3 only) misses its target,
        // ENC-06 (TLS 1.2 or later) still passes.
        let policy = try folder.text("evidence/infra/lb-tls-policy.yaml")
        try folder.write(
            "evidence/infra/lb-tls-policy.yaml",
            policy.replacingOccurrences(of: "min_version: \"1.3\"", with: "min_version: \"1.2\""))
        let report = try await explain(
            "hipaa/164.312(e)(2)(ii)", in: folder, controls: ["ENC-01", "ENC-06"])
        #expect(report["readiness_percent"] as? Double == 100.0)
        let rule = try #require(Self.firstRule(report))
        #expect(rule["missed_targets"] as? [String] == ["ENC-01"])
    }
}
