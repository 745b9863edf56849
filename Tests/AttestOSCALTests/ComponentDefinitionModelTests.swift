import AttestCore
import AttestOSCAL
import AttestTestSupport
import Foundation
import Testing

private typealias F = GraphFactory

@Suite("OSCAL component definition export")
struct ComponentDefinitionModelTests {
    @Test(
        "Each satisfied requirement is implemented by the component, its evidence linked with hashes"
    )
    func requirementsAreImplementedWithTheirEvidence() throws {
        let framework = F.framework(
            "demo", [F.requirement("D1", [F.requirement("D1(1)"), F.requirement("D1.2")])])
        let graph = ControlGraph(
            workspace: F.workspace(
                frameworks: [framework],
                controls: [
                    F.control("C-1", satisfies: ["demo/D1(1)"], evidence: ["e1"]),
                    F.control(
                        "C-2", satisfies: ["demo/D1.2"], evidence: ["e2"], notApplicable: "n/a"),
                ]))
        let result = EvidenceResult(
            evidence: "e1", control: "C-1", status: .pass,
            observedAt: Date(timeIntervalSince1970: 0),
            message: "ok",
            artifacts: [Artifact(path: "evidence/e1", sha256: String(repeating: "b", count: 64))])
        let bytes = try ComponentDefinitionModel.document(
            graph: graph, frameworks: ["demo"], organisation: "Org", results: [result],
            lastModified: Date(timeIntervalSince1970: 0), version: "run-1"
        ).data(in: .json)
        let root = try #require(
            (try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])?[
                "component-definition"] as? [String: Any])
        let component = try #require((root["components"] as? [[String: Any]])?.first)
        #expect(component["type"] as? String == "this-system")
        let implementation = try #require(
            (component["control-implementations"] as? [[String: Any]])?.first)
        let requirements = try #require(
            implementation["implemented-requirements"] as? [[String: Any]])
        // The not-applicable control's requirement is left out; D1(1) is named by its token.
        #expect(requirements.map { $0["control-id"] as? String } == ["D1.1"])
        #expect(
            (requirements[0]["description"] as? String)?.hasPrefix("C-1: Control C-1") == true)
        let href = try #require(
            (requirements[0]["links"] as? [[String: Any]])?.first?["href"] as? String)
        let resources = try #require(
            (root["back-matter"] as? [String: Any])?["resources"] as? [[String: Any]])
        let evidence = try #require(resources.first { "#" + ($0["uuid"] as? String ?? "") == href })
        let rlink = try #require((evidence["rlinks"] as? [[String: Any]])?.first)
        #expect(rlink["href"] as? String == "evidence/e1")
        #expect(
            ((rlink["hashes"] as? [[String: Any]])?.first?["value"] as? String)
                == String(repeating: "b", count: 64))
        let source = implementation["source"] as? String
        #expect(resources.contains { "#" + ($0["uuid"] as? String ?? "") == source })
    }
}
