import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// Profile resolution rules on a small catalog: two groups, a control with two enhancements.
@Suite struct OSCALProfileResolutionTests {
    static let catalog = """
        {"catalog": {"uuid": "6a4c5d1e-0000-4000-8000-000000000001",
          "metadata": {"title": "Mini", "last-modified": "2024-01-01T00:00:00Z", "version": "1",
                       "oscal-version": "1.1.2"},
          "groups": [
            {"id": "a", "title": "Group A", "controls": [
              {"id": "a-1", "title": "A one", "props": [{"name": "label", "value": "A-1"}],
               "params": [{"id": "a-1_prm_1", "label": "frequency"},
                          {"id": "a-1_prm_2", "select": {"choice": ["daily", "weekly"]}}],
               "parts": [{"id": "a-1_smt", "name": "statement",
                          "prose": "Review {{ insert: param, a-1_prm_1 }} and {{ insert: param, a-1_prm_2 }}."}],
               "controls": [
                 {"id": "a-1.1", "title": "A one one", "props": [{"name": "label", "value": "A-1(1)"}]},
                 {"id": "a-1.2", "title": "A one two", "props": [{"name": "label", "value": "A-1(2)"}]}]},
              {"id": "a-2", "title": "A two", "props": [{"name": "label", "value": "A-2"}]}]},
            {"id": "b", "title": "Group B", "controls": [
              {"id": "b-1", "title": "B one", "props": [{"name": "label", "value": "B-1"}]}]}
          ]}}
        """

    /// A profile importing `catalog.json` with `importBody` (JSON members after `href`) and
    /// `rest` (JSON members after `imports`).
    static func profile(
        _ importBody: String, _ rest: String = "", href: String = "catalog.json"
    )
        -> String
    {
        """
        {"profile": {"uuid": "6a4c5d1e-0000-4000-8000-000000000002",
          "metadata": {"title": "Mini profile", "last-modified": "2024-01-01T00:00:00Z",
                       "version": "1", "oscal-version": "1.1.2"},
          "imports": [{"href": "\(href)"\(importBody.isEmpty ? "" : ", " + importBody)}]\(rest.isEmpty ? "" : ", " + rest)}}
        """
    }

    /// Loads `profile` as framework `p` beside the mini catalog.
    static func resolve(
        _ profile: String, extra: [String: String] = [:]
    ) throws -> (
        LoadedWorkspace, Framework?
    ) {
        var files = ["o/catalog.json": catalog, "o/profile.json": profile]
        files.merge(extra) { $1 }
        let workspace = try OSCALWorkspace(
            frameworks: "  - { oscal: o/profile.json, id: p }", files: files)
        let loaded = try workspace.load()
        return (loaded, loaded.framework("p"))
    }

    /// `parent/id` for every requirement, depth first.
    static func tree(_ framework: Framework?) -> [String] {
        (framework?.flattened ?? []).map { "\($0.parent ?? "-")/\($0.requirement.id.rawValue)" }
    }

    @Test func includeAllWithoutMergeGivesAFlatListInDocumentOrder() throws {
        let (loaded, framework) = try Self.resolve(Self.profile("\"include-all\": {}"))
        #expect(loaded.findings == [])
        #expect(Self.tree(framework) == ["-/A-1", "-/A-1(1)", "-/A-1(2)", "-/A-2", "-/B-1"])
    }

    @Test func asIsKeepsTheGroupsThatHoldSelectedControlsOnly() throws {
        let (loaded, framework) = try Self.resolve(
            Self.profile(
                "\"include-controls\": [{\"with-ids\": [\"a-2\"]}]", "\"merge\": {\"as-is\": true}")
        )
        #expect(loaded.findings == [])
        #expect(Self.tree(framework) == ["-/a", "a/A-2"])
    }

    @Test func anEnhancementCalledByIdBringsItsParentControl() throws {
        let (_, framework) = try Self.resolve(
            Self.profile(
                "\"include-controls\": [{\"with-ids\": [\"a-1.2\"]}]",
                "\"merge\": {\"as-is\": true}"))
        #expect(Self.tree(framework) == ["-/a", "a/A-1", "A-1/A-1(2)"])
    }

    @Test func withChildControlsBringsTheEnhancements() throws {
        let (_, framework) = try Self.resolve(
            Self.profile(
                "\"include-controls\": [{\"with-ids\": [\"a-1\"], \"with-child-controls\": \"yes\"}]",
                "\"merge\": {\"as-is\": true}"))
        #expect(Self.tree(framework) == ["-/a", "a/A-1", "A-1/A-1(1)", "A-1/A-1(2)"])
        let (_, alone) = try Self.resolve(
            Self.profile(
                "\"include-controls\": [{\"with-ids\": [\"a-1\"], \"with-child-controls\": \"no\"}]",
                "\"merge\": {\"as-is\": true}"))
        #expect(Self.tree(alone) == ["-/a", "a/A-1"])
    }

    @Test func exclusionsWinAndAnExcludedParentLeavesItsChildrenInItsPlace() throws {
        let (_, framework) = try Self.resolve(
            Self.profile(
                "\"include-all\": {}, \"exclude-controls\": [{\"with-ids\": [\"a-1\", \"b-1\"]}]",
                "\"merge\": {\"as-is\": true}"))
        #expect(Self.tree(framework) == ["-/a", "a/A-1(1)", "a/A-1(2)", "a/A-2"])
    }

    @Test func patternsMatchControlIdsLikeGlobs() throws {
        let (_, framework) = try Self.resolve(
            Self.profile(
                "\"include-controls\": [{\"matching\": [{\"pattern\": \"a-?\"}]}]",
                "\"merge\": {\"flat\": {}}"))
        #expect(Self.tree(framework) == ["-/A-1", "-/A-2"])
        let (_, starred) = try Self.resolve(
            Self.profile(
                "\"include-controls\": [{\"matching\": [{\"pattern\": \"*.2\"}]}]",
                "\"merge\": {\"flat\": {}}"))
        // The enhancement and, as with an id, its parent control.
        #expect(Self.tree(starred) == ["-/A-1", "-/A-1(2)"])
    }

    @Test func anUnknownIdIsAWarningAtTheId() throws {
        let (loaded, framework) = try Self.resolve(
            Self.profile("\"include-controls\": [{\"with-ids\": [\"a-2\", \"zz-9\"]}]"))
        #expect(loaded.findings == ["warning oscal.unknown-reference o/profile.json:4:82"])
        #expect(Self.tree(framework) == ["-/A-2"])
    }

    @Test func setParametersGivesValuesAndSelectionsThatTheSummaryShows() throws {
        let (loaded, framework) = try Self.resolve(
            Self.profile(
                "\"include-controls\": [{\"with-ids\": [\"a-1\"]}]",
                """
                "modify": {"set-parameters": [
                  {"param-id": "a-1_prm_1", "values": ["every quarter"]},
                  {"param-id": "a-1_prm_2", "label": "cadence",
                   "select": {"how-many": "one-or-more", "choice": ["hourly", "daily"]}},
                  {"param-id": "zz_prm", "values": ["x"]}]}
                """))
        #expect(loaded.findings == ["warning oscal.unknown-reference o/profile.json:8:16"])
        let control = try #require(framework?.requirement("A-1"))
        #expect(control.parameters.map(\.values) == [["every quarter"], []])
        #expect(control.parameters.last?.label == "cadence")
        #expect(control.parameters.last?.selection?.choices == ["hourly", "daily"])
        #expect(control.parameters.last?.selection?.howMany == .oneOrMore)
        #expect(
            control.summary?.english
                == "Review every quarter and [Selection (one or more): hourly; daily].")
    }

    @Test func altersAddAndRemoveParts() throws {
        let (loaded, framework) = try Self.resolve(
            Self.profile(
                "\"include-controls\": [{\"with-ids\": [\"a-1\", \"a-2\"]}]",
                """
                "modify": {"alters": [
                  {"control-id": "a-1", "removes": [{"by-name": "statement"}]},
                  {"control-id": "a-2", "adds": [{"position": "ending", "parts": [
                     {"id": "a-2_smt", "name": "statement", "prose": "Added by the profile."}]}]}]}
                """))
        #expect(loaded.findings == [])
        #expect(framework?.requirement("A-1")?.summary == nil)
        #expect(framework?.requirement("A-2")?.summary?.english == "Added by the profile.")
    }

    @Test func aProfileCanImportAProfile() throws {
        let inner = Self.profile(
            "\"include-controls\": [{\"matching\": [{\"pattern\": \"a-*\"}]}]",
            "\"merge\": {\"as-is\": true}")
        let outer = Self.profile(
            "\"include-all\": {}, \"exclude-controls\": [{\"with-ids\": [\"a-1.1\"]}]",
            "\"merge\": {\"as-is\": true}", href: "inner.json")
        let (loaded, framework) = try Self.resolve(outer, extra: ["o/inner.json": inner])
        #expect(loaded.findings == [])
        #expect(Self.tree(framework) == ["-/a", "a/A-1", "A-1/A-1(2)", "a/A-2"])
        #expect(framework?.metadata["oscal.resolved-from"] == "o/catalog.json")
        #expect(
            Set(loaded.sourcePaths).isSuperset(of: [
                "o/catalog.json", "o/inner.json", "o/profile.json",
            ]))
    }

    @Test func twoImportsOfOneCatalogMergeTheirGroupsAndUseFirstDropsRepeats() throws {
        let profile = """
            {"profile": {"uuid": "6a4c5d1e-0000-4000-8000-000000000003",
              "metadata": {"title": "Two", "last-modified": "2024-01-01T00:00:00Z", "version": "1",
                           "oscal-version": "1.1.2"},
              "imports": [
                {"href": "catalog.json", "include-controls": [{"with-ids": ["a-2", "b-1"]}]},
                {"href": "catalog.json", "include-controls": [{"with-ids": ["a-2", "a-1"]}]}],
              "merge": {"as-is": true, "combine": {"method": "use-first"}}}}
            """
        let (loaded, framework) = try Self.resolve(profile)
        #expect(loaded.findings == [])
        #expect(Self.tree(framework) == ["-/a", "a/A-2", "a/A-1", "-/b", "b/B-1"])
        let kept = profile.replacingOccurrences(of: "use-first", with: "keep")
        let (duplicates, _) = try Self.resolve(kept)
        // With 'keep', a-2 (line 14 of the catalog) is there twice.
        #expect(duplicates.findings == ["error oscal.duplicate-id o/catalog.json:14:7"])
        #expect(duplicates.diagnostics.first?.notes.first?.position?.line == 14)
    }
}
