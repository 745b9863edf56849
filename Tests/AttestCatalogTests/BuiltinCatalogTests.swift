import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// The five shipped catalogs and their mappings: exact counts written from the official texts,
/// unique ids, complete titles, resolvable mappings, and the spot-check tables.
@Suite struct BuiltinCatalogTests {
    static let validation = WorkspaceLoader().validateBuiltinCatalogs()
    var graph: ControlGraph { Self.validation.graph }

    func assessable(_ framework: FrameworkID, tagged tag: String? = nil) -> [RequirementKey] {
        (graph.catalogOrder[framework] ?? []).filter { key in
            guard let node = graph.nodes[key], node.requirement.isAssessable else { return false }
            return tag.map(node.requirement.tags.contains) ?? true
        }
    }

    @Test func catalogsAndMappingsLoadWithoutAnyFinding() {
        let findings = Self.validation.loaded.diagnostics + graph.diagnostics
        #expect(findings.isEmpty, "\(findings)")
        #expect(graph.frameworkIDs == ["eu-ai-act", "gdpr", "hipaa", "iso27001", "soc2"])
    }

    @Test func soc2HasTheSixtyOneCriteriaByCategory() {
        #expect(assessable("soc2").count == 61)
        #expect(assessable("soc2", tagged: "security").count == 33)
        #expect(assessable("soc2", tagged: "availability").count == 3)
        #expect(assessable("soc2", tagged: "confidentiality").count == 2)
        #expect(assessable("soc2", tagged: "processing-integrity").count == 5)
        #expect(assessable("soc2", tagged: "privacy").count == 18)
        // CC1–CC9 hold 5, 3, 4, 2, 3, 8, 5, 1 and 2 criteria.
        let perSeries = [5, 3, 4, 2, 3, 8, 5, 1, 2]
        for (index, count) in perSeries.enumerated() {
            let series = RequirementKey("soc2", RequirementID("CC\(index + 1)"))
            #expect(graph.assessableLeaves(under: series).count == count, "\(series)")
        }
        let privacy = [1, 1, 2, 3, 2, 7, 1, 1]
        for (index, count) in privacy.enumerated() {
            let series = RequirementKey("soc2", RequirementID("P\(index + 1)"))
            #expect(graph.assessableLeaves(under: series).count == count, "\(series)")
        }
    }

    @Test func iso27001HasNinetyThreeAnnexAControlsInFourThemes() {
        let themes: [(String, Int)] = [("A.5", 37), ("A.6", 8), ("A.7", 14), ("A.8", 34)]
        for (theme, count) in themes {
            let leaves = graph.assessableLeaves(
                under: RequirementKey("iso27001", RequirementID(theme)))
            #expect(leaves.count == count, "\(theme)")
            let expectedIDs = (1...count).map { RequirementID("\(theme).\($0)") }
            #expect(leaves.map(\.requirement) == expectedIDs)
        }
        #expect(graph.assessableLeaves(under: RequirementKey("iso27001", "A")).count == 93)
    }

    @Test func iso27001HasTheISMSClausesAndSubClauses() {
        let clauses: [RequirementID] = [
            "4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3", "6.1.1", "6.1.2", "6.1.3", "6.2",
            "6.3",
            "7.1", "7.2", "7.3", "7.4", "7.5.1", "7.5.2", "7.5.3", "8.1", "8.2", "8.3", "9.1",
            "9.2.1", "9.2.2", "9.3.1", "9.3.2", "9.3.3", "10.1", "10.2",
        ]
        let leaves = (4...10).flatMap {
            graph.assessableLeaves(under: RequirementKey("iso27001", RequirementID("\($0)")))
        }
        #expect(leaves.map(\.requirement) == clauses)
    }

    @Test func hipaaHasEveryStandardAndImplementationSpecification() {
        // 45 CFR 164.308–164.312: 14 required and 22 addressable implementation specifications,
        // plus 6 standards with none; 164.314 and 164.316 add 8 required items.
        let security = ["164.308", "164.310", "164.312", "164.314", "164.316"].flatMap {
            graph.assessableLeaves(under: RequirementKey("hipaa", RequirementID($0)))
        }
        #expect(security.count == 50)
        let tags = security.compactMap { graph.nodes[$0]?.requirement.tags }
        #expect(tags.filter { $0.contains("required") }.count == 28)
        #expect(tags.filter { $0.contains("addressable") }.count == 22)
        let breach = graph.assessableLeaves(under: RequirementKey("hipaa", "164-subpart-d"))
        #expect(
            breach.map(\.requirement) == [
                "164.404", "164.406", "164.408", "164.410", "164.412", "164.414",
            ])
        for id: RequirementID in [
            "164.312(a)(2)(iv)", "164.312(e)(2)(ii)", "164.308(a)(1)(ii)(A)", "164.310(d)(2)(iv)",
        ] {
            #expect(graph.nodes[RequirementKey("hipaa", id)] != nil, "\(id)")
        }
    }

    @Test func gdprHasArticlesFiveToFortyNineAndTheArticleFivePrinciples() {
        let ids = Set((graph.catalogOrder["gdpr"] ?? []).map(\.requirement.rawValue))
        for article in 5...49 { #expect(ids.contains("Art.\(article)"), "Art.\(article)") }
        let principles = graph.assessableLeaves(under: RequirementKey("gdpr", "Art.5")).map(
            \.requirement)
        #expect(
            principles == [
                "Art.5(1)(a)", "Art.5(1)(b)", "Art.5(1)(c)", "Art.5(1)(d)", "Art.5(1)(e)",
                "Art.5(1)(f)", "Art.5(2)",
            ])
        for chapter in ["Ch.II", "Ch.III", "Ch.IV", "Ch.V"] {
            #expect(ids.contains(chapter))
        }
    }

    @Test func euAIActHasTheArticlesTheProgramNeeds() {
        let articles = [4, 5, 6] + Array(8...27) + [43, 47, 48, 49, 50, 53, 54, 55, 72, 73]
        let assessableIDs = assessable("eu-ai-act").map(\.requirement.rawValue)
        #expect(assessableIDs == articles.map { "Art.\($0)" })
        let annex = graph.nodes[RequirementKey("eu-ai-act", "Annex.III")]
        #expect(annex?.children.count == 8)
        #expect(graph.frameworks["eu-ai-act"]?.metadata["applies_general"] == "2026-08-02")
    }

    @Test func everyRequirementHasAnEnglishAndFrenchTitleAndASummary() {
        for key in graph.nodes.keys.sorted() {
            let requirement = graph.nodes[key]!.requirement
            #expect(!requirement.title.english.isEmpty, "\(key)")
            #expect(requirement.title.hasTranslation(for: "fr"), "\(key) has no French title")
            #expect(
                requirement.summary.map { !$0.english.isEmpty } == true, "\(key) has no summary")
        }
    }

    @Test func mappingsCoverTheRequiredPairs() {
        let pairs = Set(graph.mappings.map { "\($0.from.framework)→\($0.to.framework)" })
        #expect(
            pairs == ["iso27001→soc2", "hipaa→iso27001", "gdpr→iso27001", "eu-ai-act→iso27001"])
        let gdprMapped = Set(
            graph.mappings.filter { $0.from.framework == "gdpr" }.map(\.from.requirement))
        for id: RequirementID in [
            "Art.5(1)(f)", "Art.24", "Art.25", "Art.28", "Art.30", "Art.32", "Art.33", "Art.34",
            "Art.35",
        ] {
            #expect(gdprMapped.contains(id), "\(id)")
        }
        for mapping in graph.mappings {
            #expect(!mapping.source.english.isEmpty)
        }
        let aiMapped = Set(
            graph.mappings.filter { $0.from.framework == "eu-ai-act" }.map(\.from.requirement))
        #expect(aiMapped.isSuperset(of: ["Art.12", "Art.15", "Art.17"]))
    }

    static let spotChecks =
        CatalogSpotCheck.soc2 + CatalogSpotCheck.iso27001 + CatalogSpotCheck.hipaa
        + CatalogSpotCheck.gdpr + CatalogSpotCheck.euAIAct

    @Test func eachFrameworkHasAtLeastTenSpotChecks() {
        for framework in ["soc2", "iso27001", "hipaa", "gdpr", "eu-ai-act"] {
            #expect(
                Self.spotChecks.filter { $0.framework == framework }.count >= 10, "\(framework)")
        }
    }

    @Test(arguments: spotChecks)
    func spotCheckMatchesTheOfficialTitle(_ check: CatalogSpotCheck) {
        let node = graph.nodes[
            RequirementKey(FrameworkID(check.framework), RequirementID(check.id))]
        #expect(node?.requirement.title.english == check.titleEN)
        if let french = check.titleFR {
            #expect(node?.requirement.title.values["fr"] == french)
        }
    }

    @Test func bundledCatalogsAreByteForByteTheRepositoryFolders() throws {
        let bundled = try #require(WorkspaceLoader.bundledCatalogs)
        for folder in ["frameworks", "mappings"] {
            let source = Fixtures.packageRoot.appendingPathComponent("controls/\(folder)")
            let names = try FileManager.default.contentsOfDirectory(atPath: source.path).sorted()
            let bundledNames = try FileManager.default.contentsOfDirectory(
                atPath: bundled.appendingPathComponent(folder).path
            ).sorted()
            #expect(names == bundledNames)
            for name in names {
                let a = FileManager.default.contents(
                    atPath: source.appendingPathComponent(name).path)
                let b = FileManager.default.contents(
                    atPath: bundled.appendingPathComponent(folder).appendingPathComponent(name).path
                )
                #expect(a == b, "\(folder)/\(name)")
            }
        }
    }
}
