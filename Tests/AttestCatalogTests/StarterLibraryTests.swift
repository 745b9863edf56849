import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// The starter control library bundled for `attest init` (controls/starter, docs/starter-library.md):
/// it loads cleanly beside the five bundled catalogs, leaves no assessable requirement of any of
/// them without a control of its own, starts every evidence item as missing, and keeps the line
/// layout `attest init` edits line by line.
@Suite struct StarterLibraryTests {
    static let frameworks: [FrameworkID] = ["soc2", "iso27001", "hipaa", "gdpr", "eu-ai-act"]
    static let folder = Fixtures.packageRoot.appendingPathComponent("controls/starter")

    /// The starter files, sorted by name, with their text.
    static let files: [(name: String, text: String)] = {
        let names =
            (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { name in
            let url = folder.appendingPathComponent(name)
            return (name, (try? String(contentsOf: url, encoding: .utf8)) ?? "")
        }
    }()

    /// A workspace holding the starter files (or `files` when given) under controls/starter,
    /// selecting `frameworks` (all five when nil), in English and French, with a public
    /// in-progress program per framework: every framework's figure is published, so a
    /// requirement resting mostly on controls that are not public is reported
    /// (`graph.hidden-majority`).
    static func workspace(
        frameworks selected: [FrameworkID]? = nil,
        files: [(name: String, text: String)] = StarterLibraryTests.files
    ) throws -> TemporaryWorkspace {
        let workspace = try TemporaryWorkspace()
        let chosen = selected ?? frameworks
        let frameworkLines = chosen.map { "  - \($0)" }.joined(separator: "\n")
        let programLines = chosen.map {
            "  - { framework: \($0), title: { en: \($0), fr: \($0) }, status: in-progress }"
        }.joined(separator: "\n")
        try workspace.write(
            "attest.yaml",
            """
            schema: 1
            organisation:
              name: Starter Test
            frameworks:
            \(frameworkLines)
            locales: [en, fr]
            include: [controls/starter/*.yaml]
            programs:
            \(programLines)

            """)
        for file in files { try workspace.write("controls/starter/\(file.name)", file.text) }
        return workspace
    }

    /// Loads `workspace` with the real loader and the bundled catalogs.
    static func validation(_ workspace: TemporaryWorkspace) throws -> Validation {
        try WorkspaceLoader().validate(at: workspace.root)
    }

    /// The in-scope assessable requirements of `framework` that no applicable control satisfies
    /// directly (inheritance through mappings does not count: a workspace selecting one
    /// framework inherits nothing).
    static func withoutDirectControl(
        _ framework: FrameworkID, in graph: ControlGraph
    ) -> [RequirementKey] {
        (graph.catalogOrder[framework] ?? []).filter { key in
            guard graph.isInScope(key) else { return false }
            if case .direct = graph.coverage(of: key) { return false }
            return true
        }
    }

    // MARK: Loading

    @Test func theStarterFolderHoldsTheDomainFiles() {
        let names = Self.files.map(\.name)
        #expect(names.count >= 15, "\(names)")
        for name in [
            "governance.yaml", "risk.yaml", "access.yaml", "encryption.yaml", "logging.yaml",
            "change.yaml", "vulnerability.yaml", "backup-continuity.yaml", "incident.yaml",
            "vendors.yaml", "hr.yaml", "assets-endpoints.yaml", "network.yaml", "physical.yaml",
            "privacy.yaml", "ai-governance.yaml", "sdlc.yaml",
        ] {
            #expect(names.contains(name), "\(name) is missing")
        }
    }

    @Test func theBundledStarterFolderIsACopyOfTheSourceFiles() throws {
        let bundled = try #require(
            WorkspaceLoader.bundledCatalogs?.appendingPathComponent("starter"))
        let names = try FileManager.default.contentsOfDirectory(atPath: bundled.path)
        #expect(names.filter { $0.hasSuffix(".yaml") }.sorted() == Self.files.map(\.name))
        for file in Self.files {
            let copy = try String(
                contentsOf: bundled.appendingPathComponent(file.name), encoding: .utf8)
            #expect(copy == file.text, "bundled \(file.name) differs from controls/starter")
        }
    }

    @Test func allFiveFrameworksLoadWithoutAnyFindingOfTheLoaderOrTheGraph() throws {
        let workspace = try Self.workspace()
        let validation = try Self.validation(workspace)
        // Load and graph findings, gaps and hidden shares: none at all (the checks only the CLI
        // runs, missing locales among them, are in validateReportsOnlyMissingEvidenceFiles).
        let findings = validation.diagnostics(verbose: true)
        #expect(findings.isEmpty, "\(findings.map { "\($0.code) \($0.message)" })")
        #expect(validation.graph.scopedFrameworkIDs == Self.frameworks)
    }

    /// `attest validate` itself, with the collector option checks, the on-disk checks and the
    /// attestation checks the library cannot run: the only findings are the warnings that each
    /// evidence file does not exist yet.
    @Test func validateReportsOnlyMissingEvidenceFiles() async throws {
        let workspace = try Self.workspace()
        let output = try await AttestBinary.run(
            ["validate", "--format", "json", "--verbose"], in: workspace.root)
        #expect(output.status == 0, "\(output.standardError)")
        struct Report: Decodable {
            struct Entry: Decodable {
                var severity: String
                var code: String
                var message: String
            }
            var diagnostics: [Entry]
            var errors: Int
        }
        let report = try JSONDecoder().decode(
            Report.self, from: Data(output.standardOutput.utf8))
        #expect(report.errors == 0)
        let others = report.diagnostics.filter { $0.code != "evidence.missing-file" }
        #expect(others.isEmpty, "\(others.map { "\($0.code): \($0.message)" })")
        let missing = report.diagnostics.filter { $0.code == "evidence.missing-file" }
        #expect(missing.allSatisfy { $0.severity == "warning" })
        let validation = try Self.validation(workspace)
        #expect(missing.count == validation.graph.evidence.count)
    }

    // MARK: Coverage

    @Test(arguments: StarterLibraryTests.frameworks)
    func everyAssessableRequirementHasAStarterControlOfItsOwnWithOneFrameworkSelected(
        framework: FrameworkID
    ) throws {
        let workspace = try Self.workspace(frameworks: [framework])
        let graph = try Self.validation(workspace).graph
        let assessable = (graph.catalogOrder[framework] ?? []).filter(graph.isInScope)
        #expect(!assessable.isEmpty)
        let uncovered = Self.withoutDirectControl(framework, in: graph)
        #expect(uncovered.isEmpty, "\(uncovered.map(\.description))")
        #expect(graph.gaps.isEmpty)
    }

    @Test func everyAssessableRequirementHasAStarterControlOfItsOwnWithAllFiveSelected() throws {
        let graph = try Self.validation(try Self.workspace()).graph
        for framework in Self.frameworks {
            let uncovered = Self.withoutDirectControl(framework, in: graph)
            #expect(uncovered.isEmpty, "\(framework): \(uncovered.map(\.description))")
        }
        #expect(graph.gaps.isEmpty)
    }

    @Test func everyMappingEndIsAnAssessableRequirementOfABundledFramework() throws {
        let graph = try Self.validation(try Self.workspace()).graph
        for id in graph.controlIDs {
            let control = try #require(graph.controls[id])
            #expect(!control.satisfies.isEmpty, "\(id) maps to no framework")
            for reference in control.satisfies {
                #expect(Self.frameworks.contains(reference.key.framework), "\(id)")
                let node = graph.nodes[reference.key]
                #expect(node != nil, "\(id) → \(reference.key) does not exist")
                #expect(
                    node?.requirement.isAssessable == true,
                    "\(id) → \(reference.key) is a group, not an assessable requirement")
            }
        }
    }

    // MARK: Controls and evidence

    @Test func everyControlIsDescribedInEnglishAndFrenchWithAnOwnerAndEvidence() throws {
        let graph = try Self.validation(try Self.workspace()).graph
        #expect((80...150).contains(graph.controls.count), "\(graph.controls.count) controls")
        for id in graph.controlIDs {
            let control = try #require(graph.controls[id])
            #expect(!control.title.english.isEmpty, "\(id)")
            #expect(control.title.hasTranslation(for: "fr"), "\(id) has no French title")
            let description = control.description
            #expect(description.map { !$0.english.isEmpty } == true, "\(id) has no description")
            #expect(
                description?.hasTranslation(for: "fr") == true, "\(id) has no French description")
            #expect(control.owner.map { !$0.isEmpty } == true, "\(id) has no owner")
            #expect([.public, .internal].contains(control.visibility), "\(id)")
            #expect(!control.tags.isEmpty, "\(id) has no tags")
            #expect(!control.evidence.isEmpty, "\(id) has no evidence")
            #expect(control.notApplicable == nil, "\(id)")
        }
    }

    /// Each item names a file of its own domain folder that a new workspace does not have, so
    /// it scores `missing` (never `error` from a CLI or an API it would call), and dates what
    /// it reads from the artifact itself: a `date_field`, a review date in front matter, or the
    /// signed date of an attestation.
    @Test func everyEvidenceItemStartsMissingAndCarriesItsOwnDate() throws {
        let workspace = try Self.workspace()
        let graph = try Self.validation(workspace).graph
        #expect(graph.evidence.count >= graph.controls.count)
        for spec in graph.evidence.values.sorted(by: { $0.id < $1.id }) {
            let id = spec.id
            #expect(
                [.file, .json, .yaml, .attestation].contains(spec.collector),
                "\(id) uses \(spec.collector)")
            let path = try #require(spec.path, "\(id) has no path")
            #expect(path.hasPrefix("evidence/"), "\(id): \(path)")
            #expect(
                path.split(separator: "/").count == 3, "\(id): \(path) is not evidence/<domain>/…")
            #expect(
                !FileManager.default.fileExists(
                    atPath: workspace.root.appendingPathComponent(path).path))
            #expect(spec.maxAge != nil, "\(id) has no max_age")
            switch spec.collector {
            case .json, .yaml:
                #expect(spec.options["date_field"]?.scalar != nil, "\(id) has no date_field")
                #expect(spec.options["expect"] != nil, "\(id) asserts nothing")
            case .file:
                #expect(spec.options["reviewed_from"]?.scalar == "front-matter", "\(id)")
            default:
                break
            }
        }
    }

    // MARK: The line layout `attest init` relies on

    /// One control block of a starter file as `attest init` sees it: the lines from a
    /// `  - id:` line to the next.
    struct Block {
        var id: String
        var lines: [Substring]
        /// Framework id → requirement ids, from the `      <framework>: [ … ]` lines.
        var satisfies: [String: [String]]
    }

    static var idLine: Regex<(Substring, Substring)> { /^  - id: ([A-Z]+-[0-9]{2})$/ }
    static var satisfiesLine: Regex<(Substring, Substring, Substring)> {
        /^      ([a-z0-9-]+): \[([^\[\]]*)\]$/
    }

    /// Splits a starter file into its header and control blocks, recording every break of the
    /// layout contract in `problems`.
    static func blocks(of file: (name: String, text: String), problems: inout [String]) -> [Block] {
        let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
        var blocks: [Block] = []
        guard let controlsLine = lines.firstIndex(of: "controls:") else {
            problems.append("\(file.name): no `controls:` line")
            return []
        }
        if lines.first != "schema: 1" { problems.append("\(file.name): line 1 is not `schema: 1`") }
        let header = lines[1..<controlsLine]
        if !header.contains(where: { $0.hasPrefix("# ") }) {
            problems.append("\(file.name): no `#` comment saying what the file covers")
        }
        if header.contains(where: { !$0.hasPrefix("#") && !$0.isEmpty }) {
            problems.append("\(file.name): only comments may stand between schema and controls")
        }
        for (number, line) in lines.enumerated() where number > controlsLine {
            if line.hasPrefix("  - ") {
                guard let match = line.wholeMatch(of: idLine) else {
                    problems.append(
                        "\(file.name):\(number + 1): `  - ` line that is not `  - id: XXX-NN`")
                    continue
                }
                blocks.append(Block(id: String(match.1), lines: [], satisfies: [:]))
            } else if !line.isEmpty && !line.hasPrefix("    ") && !line.hasPrefix("#") {
                problems.append("\(file.name):\(number + 1): outside any control block")
            }
            if !blocks.isEmpty { blocks[blocks.count - 1].lines.append(line) }
        }
        for index in blocks.indices {
            blocks[index].satisfies = satisfies(
                of: blocks[index], file: file.name, problems: &problems)
        }
        return blocks
    }

    /// The `satisfies:` lines of a block, checked against the contract.
    static func satisfies(
        of block: Block, file: String, problems: inout [String]
    ) -> [String: [String]] {
        let starts = block.lines.indices.filter { block.lines[$0] == "    satisfies:" }
        guard starts.count == 1, let start = starts.first else {
            problems.append("\(file) \(block.id): \(starts.count) `    satisfies:` lines, not 1")
            return [:]
        }
        var result: [String: [String]] = [:]
        var index = start + 1
        while index < block.lines.count, block.lines[index].hasPrefix("     ") {
            let line = block.lines[index]
            guard let match = line.wholeMatch(of: satisfiesLine) else {
                problems.append(
                    "\(file) \(block.id): satisfies line `\(line)` is not `      fw: [ids]`")
                index += 1
                continue
            }
            let framework = String(match.1)
            if result[framework] != nil {
                problems.append("\(file) \(block.id): \(framework) twice")
            }
            result[framework] = match.2.split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(
                    in: CharacterSet(charactersIn: "\"'"))
            }
            index += 1
        }
        if result.isEmpty { problems.append("\(file) \(block.id): empty satisfies") }
        if index < block.lines.count, block.lines[index].wholeMatch(of: /^    [a-z_]+:.*/) == nil {
            problems.append(
                "\(file) \(block.id): satisfies is not followed by a key of the control")
        }
        return result
    }

    @Test func everyStarterFileKeepsTheLineLayoutInitEdits() throws {
        var problems: [String] = []
        var ids: [String] = []
        for file in Self.files {
            ids += Self.blocks(of: file, problems: &problems).map(\.id)
            for (number, line) in file.text.split(
                separator: "\n", omittingEmptySubsequences: false
            ).enumerated() {
                let place = "\(file.name):\(number + 1)"
                if line.contains("\t") { problems.append("\(place): tab") }
                if line == "---" || line == "..." { problems.append("\(place): document marker") }
                if line.firstMatch(of: /(^|[\s\[{,])[&*][A-Za-z0-9_]/) != nil {
                    problems.append("\(place): anchor or alias")
                }
            }
        }
        #expect(problems.isEmpty, "\(problems)")
        #expect(Set(ids).count == ids.count, "duplicate ids")
    }

    /// What the lines say is what the loader reads: same controls, same mappings.
    @Test func theLinesAndTheLoaderAgreeOnEveryControlAndMapping() throws {
        var problems: [String] = []
        let blocks = Self.files.flatMap { Self.blocks(of: $0, problems: &problems) }
        let graph = try Self.validation(try Self.workspace()).graph
        #expect(blocks.map(\.id).sorted() == graph.controlIDs.map(\.rawValue))
        for block in blocks {
            let control = try #require(graph.controls[ControlID(block.id)])
            let fromLines = Set(
                block.satisfies.flatMap { framework, ids in
                    ids.map { "\(framework)/\($0)" }
                })
            let fromLoader = Set(control.satisfies.map(\.key.description))
            #expect(fromLines == fromLoader, "\(block.id)")
        }
    }

    /// What `attest init` does for one framework: keep the blocks that map to it, with only its
    /// `satisfies` line. The result must load without findings and leave no gap.
    @Test(arguments: StarterLibraryTests.frameworks)
    func keepingOneFrameworksLinesLeavesAValidWorkspaceWithoutGaps(framework: FrameworkID) throws {
        var problems: [String] = []
        let filtered = Self.files.compactMap { file -> (name: String, text: String)? in
            let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
            guard let controlsLine = lines.firstIndex(of: "controls:") else { return nil }
            var kept = Array(lines[...controlsLine])
            for block in Self.blocks(of: file, problems: &problems)
            where block.satisfies[framework.rawValue] != nil {
                kept += block.lines.filter { line in
                    guard let match = line.wholeMatch(of: Self.satisfiesLine) else { return true }
                    return match.1 == framework.rawValue
                }
            }
            return kept.count > controlsLine + 1 ? (file.name, kept.joined(separator: "\n")) : nil
        }
        #expect(problems.isEmpty, "\(problems)")
        let workspace = try Self.workspace(frameworks: [framework], files: filtered)
        let validation = try Self.validation(workspace)
        let findings = validation.diagnostics(verbose: true)
        #expect(findings.isEmpty, "\(findings.map { "\($0.code) \($0.message)" })")
        #expect(Self.withoutDirectControl(framework, in: validation.graph).isEmpty)
    }
}
