import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// Small workspaces shared by the scoring correction suites (issue 11).
enum Correction {
    typealias F = GraphFactory

    static let now = Date(timeIntervalSince1970: 1_780_272_000)
    static let demo = F.framework(
        "demo",
        [
            F.requirement("D1", [F.requirement("D1.1"), F.requirement("D1.2")]),
            F.requirement("D2", [F.requirement("D2.1"), F.requirement("D2.2")]),
        ])

    static func exclusion(_ id: RequirementID) -> Exclusion {
        Exclusion(
            requirement: RequirementReference(RequirementKey("demo", id), at: F.position(1)),
            justification: "not offered", position: F.position(1))
    }

    static func scores(
        _ workspace: Workspace, _ results: [EvidenceID: EvidenceStatus] = [:]
    ) -> Scores {
        Scores(
            graph: ControlGraph(workspace: workspace),
            results: results.mapValues { status in
                EvidenceResult(
                    evidence: "x", control: "C", status: status, observedAt: now, message: "")
            }, now: now, expiringWithin: .days(30))
    }
}
