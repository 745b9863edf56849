import AttestCatalog
import AttestCore
import AttestRender
import AttestTestSupport
import Foundation
import Testing

/// The public projection is the one place visibility is enforced: nothing `nda` or `internal`
/// from the canary workspace may survive it.
@Suite struct PublicProjectionTests {
    static let now = Date(timeIntervalSince1970: 1_780_272_000)

    static func canary() throws -> (PublicTrustCenter, ControlGraph) {
        let validation = try Fixtures.validate("canary")
        let root = Fixtures.workspace("canary")
        let (content, findings) = TrustCenterContent.read(validation.graph.manifest.trustCenter) {
            path, _ in
            YAMLDocument.load(path, in: root)
        }
        #expect(findings.isEmpty, "\(findings)")
        let results: [EvidenceID: EvidenceResult] = [
            "pub-policy": EvidenceResult(
                evidence: "pub-policy", control: "PUB-1", status: .pass, observedAt: now,
                message: "ok"),
            "CANARY-NDA-evidence-id": EvidenceResult(
                evidence: "CANARY-NDA-evidence-id", control: "NDA-1", status: .partial(0.5),
                observedAt: now,
                message: "CANARY-NDA-message"),
        ]
        let scores = Scores(
            graph: validation.graph, results: results, now: now, expiringWithin: .days(30))
        let previous = PreviousBuild(
            time: now.addingTimeInterval(-86_400), frameworkPercents: ["demo": 10],
            controls: [
                "GONE-PUBLIC": (visibility: .public, title: "Retired public control"),
                "GONE-INTERNAL": (visibility: .internal, title: "CANARY-INTERNAL-removed-control"),
            ],
            evidence: [:])
        let center = PublicProjection(
            graph: validation.graph, scores: scores, content: content,
            build: BuildInfo(id: "b1", time: now, toolVersion: "test"), previous: previous
        ).project()
        return (center, validation.graph)
    }

    /// A report request without a url of its own links to the served portal's form when the
    /// workspace has `portal:`; without either it has no url.
    @Test func aReportRequestWithoutURLGoesToThePortal() throws {
        let validation = try Fixtures.validate("canary")
        let root = Fixtures.workspace("canary")
        let (content, _) = TrustCenterContent.read(validation.graph.manifest.trustCenter) {
            path, _ in YAMLDocument.load(path, in: root)
        }
        var workspace = validation.loaded.workspace
        func project() -> PublicTrustCenter {
            let graph = ControlGraph(workspace: workspace)
            return PublicProjection(
                graph: graph,
                scores: Scores(
                    graph: graph, results: [:], now: Self.now, expiringWithin: .days(30)),
                content: content, build: BuildInfo(id: "b1", time: Self.now, toolVersion: "test")
            ).project()
        }
        #expect(project().reportRequest?.url == nil)
        workspace.manifest.portal = PortalSettings(
            url: "https://trust.canary.example", nda: ["en": "legal/nda.md"],
            mailFrom: "trust@canary.example", position: workspace.manifest.position)
        #expect(project().reportRequest?.url == "https://trust.canary.example/request")
    }

    @Test func noCanaryFromAnyNDAOrInternalFieldSurvivesTheProjection() throws {
        let (center, _) = try Self.canary()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(center), as: UTF8.self)
        #expect(!json.contains("CANARY"), "\(json)")
    }

    @Test func publicContentIsKeptWithItsLiveNumbers() throws {
        let (center, _) = try Self.canary()
        #expect(center.programs.map(\.id) == ["public-program"])
        let program = try #require(center.programs.first)
        // D1.1: PUB-1 (1.0) and NDA-1 (0.5) → 0.75; D1.2: NDA-1 (0.5), INT-1 (missing → 0) → 0.25.
        #expect(program.percent == 50)
        #expect(program.domains.map(\.percent) == [50])
        #expect(center.sections.map(\.id) == ["infrastructure"])
        #expect(center.sections.first?.items.count == 1)
        #expect(center.sections.first?.items.first?.controls.map(\.id) == ["PUB-1"])
        #expect(center.sections.first?.items.first?.controls.first?.state == "passing")
        #expect(center.integrations.map(\.name) == ["Public Suite"])
        #expect(center.integrations.first?.scopes.count == 1)
        #expect(center.subprocessors.map(\.name) == ["Cloud Co"])
        #expect(center.incidentResponse?.channels.map(\.priority) == [1])
        #expect(center.legal?.policies.count == 1)
        #expect(center.reportRequest?.programs.count == 1)
        #expect(center.changes?.controlsRemoved.map(\.id) == ["GONE-PUBLIC"])
        #expect(center.changes?.programs.first?.from == 10)
        #expect(center.changes?.programs.first?.to == 50)
    }

    @Test func hostileTextIsCarriedAsDataNotInterpreted() throws {
        let (center, _) = try Self.canary()
        #expect(center.organisation.name == "Canary <script>alert('org')</script> Ltd")
        #expect(center.title?["en"] == "Trust <script>alert(2)</script> center")
    }
}
