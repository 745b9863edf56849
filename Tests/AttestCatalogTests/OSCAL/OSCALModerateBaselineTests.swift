import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// NIST's MODERATE baseline profile (5.1.1) resolved against the 5.0.1 catalog, loaded once.
private let moderate = Result {
    try OSCALWorkspace(
        frameworks: """
              - oscal: oscal/moderate.json
                id: moderate
                catalogs: { '#84cbf061-eb87-4ec1-8112-1f529232e907': oscal/catalog.json }
            """,
        copies: [
            "oscal/moderate.json": OSCALWorkspace.moderateProfile,
            "oscal/catalog.json": OSCALWorkspace.catalogJSON,
        ]
    ).load()
}

/// One control or group of a catalog, read with Foundation's JSON parser (independent of the
/// code under test).
private struct Entry: Equatable, CustomStringConvertible {
    var id: String
    var label: String?
    var title: String
    var parent: String
    var description: String { "\(parent)/\(id) \(label ?? "-") \(title)" }
}

/// NIST's published resolved MODERATE catalog, flattened depth first.
private func publishedResolution() throws -> [Entry] {
    let data = try Data(contentsOf: OSCALWorkspace.fixture(OSCALWorkspace.moderateResolved))
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let catalog = try #require(root["catalog"] as? [String: Any])
    var entries: [Entry] = []
    func controls(_ list: [[String: Any]], parent: String) {
        for control in list {
            let id = control["id"] as? String ?? ""
            let props = control["props"] as? [[String: Any]] ?? []
            let label = props.first { $0["name"] as? String == "label" && $0["class"] == nil }
            entries.append(
                Entry(
                    id: id, label: label?["value"] as? String,
                    title: control["title"] as? String ?? "", parent: parent))
            controls(control["controls"] as? [[String: Any]] ?? [], parent: id)
        }
    }
    for group in catalog["groups"] as? [[String: Any]] ?? [] {
        let id = group["id"] as? String ?? ""
        entries.append(Entry(id: id, title: group["title"] as? String ?? "", parent: "-"))
        controls(group["controls"] as? [[String: Any]] ?? [], parent: id)
    }
    return entries
}

/// The framework flattened the same way, by OSCAL id.
private func attestResolution(_ framework: Framework) -> [Entry] {
    var entries: [Entry] = []
    func walk(_ list: [Requirement], parent: String) {
        for requirement in list {
            let id = requirement.metadata["oscal.id"] ?? "?"
            let isGroup = requirement.metadata["oscal.kind"] == "group"
            entries.append(
                Entry(
                    id: id, label: isGroup ? nil : requirement.id.rawValue,
                    title: requirement.title.english, parent: parent))
            walk(requirement.children, parent: id)
        }
    }
    walk(framework.requirements, parent: "-")
    return entries
}

@Suite struct OSCALModerateBaselineTests {
    /// Titles NIST corrected between 5.0.1 (the catalog resolved against here) and 5.1.1 (the
    /// published resolution): only the capitalisation changed. docs/oscal.md lists them.
    static let titlesChangedIn511: [String: String] = [
        "ia-2": "Identification and Authentication (organizational Users)",
        "ia-8": "Identification and Authentication (non-organizational Users)",
        "pl-4.1": "Social Media and External Site/application Usage Restrictions",
        "sc-20": "Secure Name/address Resolution Service (authoritative Source)",
        "sc-21": "Secure Name/address Resolution Service (recursive or Caching Resolver)",
        "sc-22": "Architecture and Provisioning for Name/address Resolution Service",
        "sr-2.1": "Establish Scrm Team",
    ]

    @Test func theProfileResolvesWithoutFindings() throws {
        #expect(try moderate.get().findings == [])
    }

    @Test func theBaselineHasNISTsResolvedControlsGroupsAndNesting() throws {
        let framework = try #require(try moderate.get().framework("moderate"))
        let published = try publishedResolution()
        let ours = attestResolution(framework)
        // 18 families and 287 controls in NIST's resolved catalog.
        #expect(published.count == 18 + 287)
        #expect(ours.map(\.id) == published.map(\.id))
        #expect(ours.map(\.parent) == published.map(\.parent))
        #expect(ours.map(\.label) == published.map(\.label))
        for (mine, theirs) in zip(ours, published) where mine.title != theirs.title {
            #expect(
                Self.titlesChangedIn511[mine.id] == mine.title,
                "\(mine.id): '\(mine.title)' is not NIST's '\(theirs.title)'")
        }
        let differing = zip(ours, published).filter { $0.title != $1.title }.map(\.0.id)
        #expect(Set(differing) == Set(Self.titlesChangedIn511.keys))
    }

    @Test func theBaselineIsAssessableControlByControl() throws {
        let framework = try #require(try moderate.get().framework("moderate"))
        let account = try #require(framework.requirement("AC-2"))
        #expect(account.isAssessable)
        #expect(
            account.children.map(\.id.rawValue) == [
                "AC-2(1)", "AC-2(2)", "AC-2(3)", "AC-2(4)", "AC-2(5)", "AC-2(13)",
            ])
        #expect(framework.metadata["oscal.model"] == "profile")
        #expect(framework.metadata["oscal.resolved-from"] == "oscal/catalog.json")
        #expect(framework.metadata["oscal.resolved-from-controls"] == "1189")
        #expect(framework.metadata["oscal.version"] == "1.1.2")
        #expect(framework.version == "5.1.1+u4")
        #expect(framework.issuer == "Joint Task Force, Transformation Initiative")
        #expect(
            framework.name.english
                == "NIST Special Publication 800-53 Revision 5.1.1 MODERATE IMPACT BASELINE")
    }

    @Test func theSummaryOfTheCatalogListNamesTheSourceAndCounts() throws {
        let framework = try #require(try moderate.get().framework("moderate"))
        let summary = try #require(OSCALFrameworkSummary(framework))
        #expect(summary.model == "profile")
        #expect(summary.file == "oscal/moderate.json")
        #expect(summary.groups == 18)
        #expect(summary.allControls == 287)
        #expect(summary.withdrawn == 0)
        #expect(
            summary.origin
                == "OSCAL profile oscal/moderate.json (OSCAL 1.1.2), resolved from "
                + "oscal/catalog.json — 287 controls (of 1189)")
    }

    @Test func withoutAMappingTheCatalogIsFoundByItsFileNameBesideTheProfile() throws {
        let workspace = try OSCALWorkspace(
            frameworks: "  - { oscal: baselines/moderate.json, id: moderate }",
            copies: [
                "baselines/moderate.json": OSCALWorkspace.moderateProfile,
                "baselines/NIST_SP-800-53_rev5_catalog.json": OSCALWorkspace.catalogJSON,
            ])
        let loaded = try workspace.load()
        #expect(loaded.findings == [])
        let framework = try #require(loaded.framework("moderate"))
        #expect(
            framework.metadata["oscal.resolved-from"]
                == "baselines/NIST_SP-800-53_rev5_catalog.json")
        #expect(OSCALFrameworkSummary(framework)?.allControls == 287)
    }

    @Test func anImportThatLeadsNowhereNamesWhatWasTriedAndHowToMapIt() throws {
        let workspace = try OSCALWorkspace(
            frameworks: "  - { oscal: baselines/moderate.json, id: moderate }",
            copies: ["baselines/moderate.json": OSCALWorkspace.moderateProfile])
        let loaded = try workspace.load()
        // The import's href is on line 59, column 17 of NIST's profile.
        #expect(
            loaded.findings == ["error oscal.unresolvable-import baselines/moderate.json:59:17"])
        let message = try #require(loaded.diagnostics.first)
        #expect(message.message.contains("baselines/NIST_SP-800-53_rev5_catalog.json"))
        #expect(message.hint?.contains("catalogs:") == true)
        #expect(loaded.framework("moderate") == nil)
    }
}
