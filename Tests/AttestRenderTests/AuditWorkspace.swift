import AttestCore
import AttestRender
import AttestTestSupport
import Foundation

/// A deterministic mid-sized workspace for the audit reports' content test: three frameworks
/// (one large enough to fill several matrix pages, one inheriting through mappings, one with
/// gaps and exclusions), controls of every visibility with one to four evidence items, results
/// of every status and date source, exceptions, and hostile text (markup, quotes, formulas,
/// bidirectional and control characters) in titles, owners, messages and signers.
///
/// Built in memory, no YAML and no collection, so it renders inside `swift test` in about a
/// second; the same seed always gives the same model.
enum AuditWorkspace {
    /// 2026-06-01T00:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_780_272_000)

    /// A linear congruential generator: the same sequence on every platform.
    struct Sequence {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static let hostile = [
        "<script>alert('x')</script> & \"quoted\"",
        "=HYPERLINK(\"http://evil\"), comma",
        "bidi \u{202E}txt.exe\u{202C} end",
        "control \u{1}\u{7}char and\nnew line",
        "+plus -minus @at",
        "tab\tand\r\ncarriage é ü 漢字",
    ]

    static func requirementTree(
        _ prefix: String, domains: Int, leavesPerDomain: Int
    ) -> [Requirement] {
        (1...domains).map { domain in
            var node = GraphFactory.requirement(
                RequirementID("\(prefix)\(domain)"),
                (1...leavesPerDomain).map { leaf in
                    GraphFactory.requirement(RequirementID("\(prefix)\(domain).\(leaf)"))
                })
            if domain == 2 {
                node.children[0].title = LocalizedText(english: hostile[0])
            }
            return node
        }
    }

    static func model(ceiling: Visibility) -> ReportModel {
        typealias F = GraphFactory
        var random = Sequence(state: 15)
        let alpha = F.framework("alpha", requirementTree("A", domains: 12, leavesPerDomain: 18))
        let beta = F.framework("beta", requirementTree("B", domains: 5, leavesPerDomain: 10))
        let gamma = F.framework("gamma", requirementTree("G", domains: 3, leavesPerDomain: 6))
        let alphaLeaves = (1...12).flatMap { d in (1...18).map { "alpha/A\(d).\($0)" } }
        let betaLeaves = (1...5).flatMap { d in (1...10).map { "beta/B\(d).\($0)" } }
        let gammaLeaves = (1...3).flatMap { d in (1...6).map { "gamma/G\(d).\($0)" } }

        var controls: [Control] = []
        var results: [EvidenceID: EvidenceResult] = [:]
        let statuses: [EvidenceStatus] = [
            .pass, .pass, .pass, .fail, .partial(0.5), .error, .stale, .missing,
        ]
        for index in 1...150 {
            let id = ControlID("C-\(index)")
            var satisfies: [String] = []
            // Every alpha leaf but the last few gets controls; beta's last domain inherits.
            for _ in 0..<(1 + random.next(3)) {
                satisfies.append(alphaLeaves[random.next(alphaLeaves.count - 6)])
            }
            if random.next(3) == 0 { satisfies.append(betaLeaves[random.next(40)]) }
            if random.next(10) == 0 { satisfies.append(gammaLeaves[random.next(12)]) }
            let visibility: Visibility = [.public, .public, .nda, .internal][random.next(4)]
            let evidenceIDs = (1...(1 + random.next(4))).map { EvidenceID("e\(index)-\($0)") }
            var control = F.control(
                id, satisfies: Array(Set(satisfies)).sorted(), evidence: evidenceIDs,
                visibility: visibility)
            control.title = LocalizedText(
                english: index % 37 == 0 ? hostile[index % hostile.count] : "Control \(index)")
            control.owner = index % 5 == 0 ? hostile[index % hostile.count] : "team-\(index % 7)"
            for position in control.evidence.indices {
                control.evidence[position].visibility = [.public, .nda, .internal][random.next(3)]
                let evidence = control.evidence[position].id
                let status = statuses[random.next(statuses.count)]
                if case .missing = status { continue }
                let day = TimeInterval(86_400 * (1 + random.next(300)))
                results[evidence] = EvidenceResult(
                    evidence: evidence, control: id, status: status,
                    observedAt: now.addingTimeInterval(-day),
                    dateSource: DateSource.allCases[random.next(DateSource.allCases.count)],
                    target: random.next(4) == 0 ? "https://example.test/\(evidence)" : nil,
                    signer: random.next(5) == 0 ? hostile[random.next(hostile.count)] : nil,
                    expiresAt: random.next(2) == 0
                        ? now.addingTimeInterval(86_400 * Double(random.next(60))) : nil,
                    sha256: String(repeating: String(index % 16, radix: 16), count: 64),
                    message: random.next(6) == 0 ? hostile[random.next(hostile.count)] : "ok",
                    artifacts: random.next(3) == 0
                        ? [
                            Artifact(path: "evidence/\(evidence).md", sha256: "ab"),
                            Artifact(path: "evidence/\(evidence), copy.md", sha256: "cd"),
                        ] : [])
            }
            controls.append(control)
        }
        var workspace = F.workspace(
            frameworks: [alpha, beta, gamma], controls: controls,
            mappings: (1...10).map { F.mapping("beta/B5.\($0)", .equivalent, "alpha/A3.\($0)") },
            exclusions: [
                Exclusion(
                    requirement: RequirementReference(
                        RequirementKey(parsing: "gamma/G3.6")!, at: F.position(1)),
                    justification: LocalizedText(english: hostile[1]), position: F.position(1)),
                Exclusion(
                    requirement: RequirementReference(
                        RequirementKey(parsing: "alpha/A12.18")!, at: F.position(2)),
                    justification: LocalizedText(english: "Not offered"), visibility: .internal,
                    position: F.position(2)),
            ])
        workspace.manifest.exceptions = (1...6).map { index in
            let failing = controls[index * 11].evidence[0].id
            return Exception(
                id: ExceptionID("EX-\(index)"),
                control: index % 3 == 0
                    ? ControlReference(controls[index].id, at: F.position(1))
                    : nil,
                evidence: index % 3 == 0 ? nil : EvidenceReference(failing, at: F.position(1)),
                from: "2026-01-01", to: index == 4 ? "2026-03-01" : "2026-12-31",
                description: LocalizedText(english: hostile[index % hostile.count]),
                owner: "owner-\(index)",
                managementResponse: LocalizedText(english: "response \(index), \"fix\""),
                remediationDate: "2026-09-30", approvedBy: "jdoe", expires: "2026-12-31",
                visibility: [.public, .nda, .internal][index % 3], position: F.position(1))
        }
        let graph = ControlGraph(workspace: workspace)
        let scores = Scores(graph: graph, results: results, now: now, expiringWithin: .days(30))
        return ReportModel(
            graph: graph, scores: scores, ceiling: ceiling,
            build: BuildInfo(
                id: "build-15", time: now, toolVersion: "0.0.0-test", revision: "abc123",
                ciURL: "https://ci.example.test/run?a=1&b=<2>"))
    }
}
