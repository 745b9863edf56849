import Foundation

/// Writes a large, valid Attest workspace to disk, deterministically from a seed.
///
/// The workspace has an `attest.yaml` that selects every framework (some with a tag filter),
/// programs and exclusions; framework catalogs in `controls/frameworks/` whose requirements
/// form trees of depth 2–3 with titles and summaries in English and French and tags; control
/// libraries in `controls/library/` whose controls satisfy 1–4 leaf requirements and carry
/// evidence specifications of every collector kind with options; and mapping files in
/// `controls/mappings/`. Every reference resolves, so the workspace validates with no error
/// (gaps are warnings).
public struct WorkspaceGenerator: Sendable {
    public var configuration: GeneratorConfiguration

    public init(_ configuration: GeneratorConfiguration = .default) {
        self.configuration = configuration
    }

    /// Writes the workspace into `root` (created if needed; existing generated files are
    /// overwritten).
    ///
    /// - Returns: what was written, with the total size of the YAML files.
    /// - Throws: a file-system error.
    @discardableResult
    public func write(to root: URL) throws -> GeneratedWorkspace {
        var random = SeededRandom(seed: configuration.seed)
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: root, withIntermediateDirectories: true)
        var paths: [String] = []
        var totalBytes = 0
        // Each file is written as soon as it is made, so memory stays at one file's text.
        var createdFolders: Set<String> = []
        func put(_ path: String, _ data: Data) throws {
            let url = root.appendingPathComponent(path)
            let folder = url.deletingLastPathComponent()
            if createdFolders.insert(folder.path).inserted {
                try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
            }
            try data.write(to: url)
        }
        func save(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try put(path, data)
            paths.append(path)
            totalBytes += data.count
        }
        // Evidence files draw from a stream of their own, so the workspace's YAML depends on
        // the configuration alone.
        var writing =
            configuration.evidenceFiles
            ? EvidenceWriting(seed: configuration.seed ^ 0x5EED_F11E) : nil
        var evidencePaths: [String] = []
        var evidenceBytes = 0
        func saveEvidence() throws {
            guard let pending = writing?.pending, !pending.isEmpty else { return }
            for (path, data) in pending {
                try put(path, data)
                evidencePaths.append(path)
                evidenceBytes += data.count
            }
            writing?.pending = []
        }

        let catalogs = (0..<configuration.frameworks).map { index in
            FrameworkPlan(index: index, configuration: configuration, random: &random)
        }
        for catalog in catalogs {
            try save("controls/frameworks/\(catalog.id).yaml", catalog.yaml(random: &random))
        }
        var relations = 0
        var mappedPairs = Set<String>()
        for index in 0..<configuration.mappingFiles {
            let (path, text, count) = mappingFile(
                index, catalogs: catalogs, mappedPairs: &mappedPairs, random: &random)
            try save(path, text)
            relations += count
        }
        var evidence = 0
        let perFile =
            (configuration.controls + configuration.controlFiles - 1) / configuration.controlFiles
        var nextControl = 1
        for fileIndex in 0..<configuration.controlFiles where nextControl <= configuration.controls
        {
            let last = min(configuration.controls, nextControl + perFile - 1)
            let (text, count) = controlFile(
                controls: nextControl...last, catalogs: catalogs, random: &random,
                writing: &writing)
            try save("controls/library/lib-\(padded(fileIndex + 1, 3)).yaml", text)
            try saveEvidence()
            evidence += count
            nextControl = last + 1
        }
        if let signers = writing?.signers {
            for signer in signers.signers {
                try put(
                    "keys/signers/\(signer.id).pub",
                    Data(AttestationSigners.pem(signer.key.publicKey).utf8))
            }
        }
        try save(
            "attest.yaml",
            manifest(catalogs: catalogs, signers: writing?.signers, random: &random))
        return GeneratedWorkspace(
            root: root, configuration: configuration, files: paths.sorted(),
            totalBytes: totalBytes, requirements: catalogs.reduce(0) { $0 + $1.requirementCount },
            controls: configuration.controls, evidence: evidence, mappingRelations: relations,
            evidenceFiles: evidencePaths.sorted(), evidenceBytes: evidenceBytes)
    }

    /// Writes the workspace into a new folder under the system's temporary folder.
    public func writeTemporary() throws -> GeneratedWorkspace {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent(
                "attest-bench-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        return try write(to: root)
    }

    // MARK: Manifest

    private func manifest(
        catalogs: [FrameworkPlan], signers: AttestationSigners?, random: inout SeededRandom
    ) -> String {
        var yaml = YAMLText(
            comment: "Generated by Benchmarks/WorkspaceGenerator (\(configuration)).")
        yaml.line(0, "schema: 1")
        yaml.line(0, "organisation:")
        yaml.line(1, "name: Benchmark Works")
        yaml.line(1, "legal_name: Benchmark Works SAS")
        yaml.line(1, "website: https://benchmark-works.example")
        yaml.line(1, "country: FR")
        yaml.line(0, "frameworks:")
        for catalog in catalogs {
            if catalog.index % 5 == 4 {
                yaml.line(1, "- id: \(catalog.id)")
                yaml.line(2, "tags: [security, preventive, detective, integrity, availability]")
            } else {
                yaml.line(1, "- \(catalog.id)")
            }
        }
        yaml.line(0, "locales: [en, fr]")
        yaml.line(0, "output: reports")
        yaml.line(0, "store: .attest/attest.sqlite")
        yaml.line(0, "freshness:")
        yaml.line(1, "expiring_within: 30d")
        yaml.line(0, "include:")
        yaml.line(1, "- controls/library/*.yaml")
        yaml.line(0, "programs:")
        let statuses = ["certified", "in-progress", "planned"]
        for catalog in catalogs.prefix(5) {
            let status = statuses[catalog.index % statuses.count]
            yaml.line(1, "- framework: \(catalog.id)")
            yaml.line(2, "title: \(YAMLText.flowText(random.title(words: 2...4)))")
            yaml.line(2, "status: \(status)")
            yaml.line(2, "auditor: Example Assurance LLP")
            switch status {
            case "certified":
                yaml.line(2, "certified_on: 2026-03-01")
                yaml.line(2, "expires_on: 2027-03-01")
            case "planned": yaml.line(2, "target: 2027-Q3")
            default: break
            }
            yaml.line(2, "report_under_nda: true")
            yaml.line(2, "domains: \(YAMLText.flowList(Array(catalog.topLevel.prefix(2))))")
        }
        if let signers {
            yaml.line(0, "signers:")
            for signer in signers.signers {
                yaml.line(1, "- id: \(signer.id)")
                yaml.line(2, "name: \(signer.name)")
                yaml.line(2, "role: \(signer.role)")
                yaml.line(2, "public_key: keys/signers/\(signer.id).pub")
                yaml.line(2, "valid_from: 2025-01-01")
            }
        }
        yaml.line(0, "exclusions:")
        var excluded: Set<String> = []
        for _ in 0..<20 {
            let catalog = catalogs[random.index(min(5, catalogs.count))]
            let key = "\(catalog.id)/\(random.pick(catalog.leaves))"
            guard excluded.insert(key).inserted else { continue }
            yaml.line(1, "- requirement: \(YAMLText.quoted(key))")
            yaml.line(
                2,
                "justification: \(random.quotedEnglish(8...16))"
            )
        }
        return yaml.text
    }

    // MARK: Controls

    private static let collectors = [
        "file", "command", "json", "yaml", "junit", "sarif", "http", "attestation", "external",
    ]

    /// The collectors of a workspace with evidence files: those that only read files.
    private static let fileCollectors = ["file", "json", "yaml", "junit", "sarif", "attestation"]

    private func controlFile(
        controls: ClosedRange<Int>, catalogs: [FrameworkPlan], random: inout SeededRandom,
        writing: inout EvidenceWriting?
    ) -> (String, Int) {
        var yaml = YAMLText()
        yaml.line(0, "schema: 1")
        yaml.line(0, "controls:")
        var evidenceCount = 0
        for number in controls {
            let id = "CTL-\(padded(number, 5))"
            yaml.line(1, "- id: \(id)")
            yaml.line(2, "title: \(YAMLText.flowText(random.title()))")
            if random.chance(30) { yaml.blockText(2, "description", random.summary()) }
            yaml.line(2, "owner: \(random.pick(TextVocabulary.owners))")
            let visibility = random.pick(["public", "nda", "internal"])
            yaml.line(2, "visibility: \(visibility)")
            if random.chance(10) { yaml.line(2, "weight: \(random.pick(["2", "0.5", "3"]))") }
            if random.chance(2) {
                yaml.line(
                    2,
                    "not_applicable: \(random.quotedEnglish(6...12))"
                )
            }
            yaml.line(2, "tags: \(YAMLText.flowList(random.tags(1...3)))")
            yaml.line(2, "satisfies:")
            var byFramework: [Int: [String]] = [:]
            for _ in 0..<random.int(in: 1...4) {
                let catalog = catalogs[random.index(catalogs.count)]
                let leaf = random.pick(catalog.leaves)
                if byFramework[catalog.index]?.contains(leaf) != true {
                    byFramework[catalog.index, default: []].append(leaf)
                }
            }
            for index in byFramework.keys.sorted() {
                yaml.line(3, "\(catalogs[index].id): \(YAMLText.flowList(byFramework[index]!))")
            }
            if configuration.evidencePerControl > 0 { yaml.line(2, "evidence:") }
            writing?.shared = [:]
            for item in 1...max(1, configuration.evidencePerControl)
            where configuration.evidencePerControl > 0 {
                if writing != nil {
                    writeFileEvidence(
                        id: "ev-\(padded(number, 5))-\(item)", control: id, into: &yaml,
                        random: &random, writing: &writing!)
                } else {
                    writeEvidence(
                        id: "ev-\(padded(number, 5))-\(item)", control: id, into: &yaml,
                        random: &random)
                }
                evidenceCount += 1
            }
        }
        return (yaml.text, evidenceCount)
    }

    private func writeEvidence(
        id: String, control: String, into yaml: inout YAMLText, random: inout SeededRandom
    ) {
        let collector = random.pick(Self.collectors)
        let folder = "evidence/\(control.lowercased())"
        yaml.line(3, "- id: \(id)")
        yaml.line(4, "collector: \(collector)")
        if random.chance(25) {
            yaml.line(4, "title: \(YAMLText.flowText(random.title(words: 2...5)))")
        }
        switch collector {
        case "file":
            yaml.line(4, "path: \(folder)/\(id).pdf")
        case "command":
            yaml.line(4, "command: \(YAMLText.quoted("scripts/check-\(id).sh --strict"))")
            yaml.line(4, "expect: { exit_code: 0 }")
        case "json", "yaml":
            yaml.line(4, "path: \(folder)/\(id).\(collector)")
            var entries: [String] = []
            for key in random.distinctIndices(random.int(in: 1...4), of: Self.expectKeys.count) {
                let (name, values) = Self.expectKeys[key]
                entries.append("\(name): \(random.pick(values))")
            }
            yaml.line(4, "expect: { \(entries.joined(separator: ", ")) }")
        case "junit":
            yaml.line(4, "path: \(folder)/test-results.xml")
            yaml.line(4, "min_pass_ratio: 1.0")
        case "sarif":
            yaml.line(4, "path: \(folder)/scan.sarif")
            yaml.line(4, "max:")
            yaml.line(5, "error: 0")
            yaml.line(5, "warning: \(random.int(in: 0...20))")
        case "http":
            yaml.line(4, "url: https://status.benchmark-works.example/\(id)")
            yaml.line(4, "expect: { status: 200, body_contains: \"ok\" }")
        case "attestation":
            yaml.line(4, "path: evidence/attestations/\(id).yaml")
        default:  // external
            yaml.line(4, "run: tools/collect-\(random.pick(["okta", "aws", "github", "gcp"]))")
            yaml.line(4, "args: [--control, \(control), --format, json]")
        }
        if random.chance(80) {
            yaml.line(4, "max_age: \(random.pick(["30d", "90d", "12h", "2w", "365d"]))")
        }
        if random.chance(10) { yaml.line(4, "weight: 2") }
        if random.chance(15) { yaml.line(4, "visibility: internal") }
    }

    static let expectKeys: [(String, [String])] = [
        ("tls.min_version", ["\"1.2\"", "\"1.3\""]),
        ("mfa.required", ["true"]),
        ("encryption.algorithm", ["AES-256", "\"AES-128-GCM\""]),
        ("encryption.kms_managed", ["true", "false"]),
        ("backup.retention_days", ["30", "90", "365"]),
        ("logging.enabled", ["true"]),
        ("password.min_length", ["12", "14", "16"]),
        ("sso.enforced", ["true"]),
    ]

    // MARK: Mappings

    /// One mapping file. `mappedPairs` holds the requirement pairs (either direction) already
    /// mapped by any file: a pair drawn twice is skipped, because the loader refuses a pair given
    /// two different relations and warns on a repeated one.
    private func mappingFile(
        _ index: Int, catalogs: [FrameworkPlan], mappedPairs: inout Set<String>,
        random: inout SeededRandom
    ) -> (String, String, Int) {
        let count = catalogs.count
        let from = catalogs[index % count]
        var toIndex = (from.index + 1 + index / count) % count
        if toIndex == from.index { toIndex = (toIndex + 1) % count }
        let to = catalogs[toIndex]
        var yaml = YAMLText(comment: "\(from.id) → \(to.id), reasoned mapping.")
        yaml.line(0, "schema: 1")
        yaml.line(0, "mappings:")
        yaml.line(1, "from: \(from.id)")
        yaml.line(1, "to: \(to.id)")
        yaml.blockText(1, "source", random.summary())
        yaml.line(1, "relations:")
        let relations = ["equivalent", "subset-of", "superset-of", "intersects"]
        var written = 0
        for _ in 0..<configuration.relationsPerMapping {
            let fromID = random.chance(85) ? random.pick(from.leaves) : random.pick(from.all)
            let toID = random.chance(85) ? random.pick(to.leaves) : random.pick(to.all)
            let relation = random.pick(relations)
            let ends = ["\(from.id):\(fromID)", "\(to.id):\(toID)"].sorted()
            guard mappedPairs.insert(ends.joined(separator: "|")).inserted else { continue }
            written += 1
            yaml.line(2, "- from: \(YAMLText.identifier(fromID))")
            yaml.line(3, "to: \(YAMLText.identifier(toID))")
            yaml.line(3, "relation: \(relation)")
            if random.chance(5) {
                yaml.line(
                    3,
                    "source: \(random.quotedEnglish(4...10))"
                )
            }
            if random.chance(50) {
                yaml.line(
                    3,
                    "note: \(random.quotedEnglish(8...20, ending: "."))"
                )
            }
        }
        let name = "map-\(padded(index + 1, 3))-\(from.id)-\(to.id).yaml"
        return ("controls/mappings/\(name)", yaml.text, written)
    }
}

/// What `WorkspaceGenerator.write(to:)` wrote.
public struct GeneratedWorkspace: Sendable {
    /// The workspace folder (it holds `attest.yaml`).
    public var root: URL
    public var configuration: GeneratorConfiguration
    /// Workspace-relative paths of every YAML file written, sorted; the loader reads all of them.
    public var files: [String]
    /// Total size of those files.
    public var totalBytes: Int
    public var requirements: Int
    public var controls: Int
    public var evidence: Int
    public var mappingRelations: Int
    /// Workspace-relative paths of the evidence files written (`evidence/`), sorted; empty
    /// unless the configuration has `evidenceFiles`.
    public var evidenceFiles: [String]
    /// Total size of the evidence files.
    public var evidenceBytes: Int

    public init(
        root: URL, configuration: GeneratorConfiguration, files: [String], totalBytes: Int,
        requirements: Int, controls: Int, evidence: Int, mappingRelations: Int,
        evidenceFiles: [String] = [], evidenceBytes: Int = 0
    ) {
        self.evidenceFiles = evidenceFiles
        self.evidenceBytes = evidenceBytes
        self.root = root
        self.configuration = configuration
        self.files = files
        self.totalBytes = totalBytes
        self.requirements = requirements
        self.controls = controls
        self.evidence = evidence
        self.mappingRelations = mappingRelations
    }

    /// A workspace already on disk (written by an earlier run, for profiling): its YAML files
    /// (outside `evidence/`), its evidence files, and their sizes; the counts are zero.
    public init(existingAt root: URL) {
        let walker = FileManager.default.enumerator(atPath: root.path)
        var files: [String] = []
        var evidence: [String] = []
        for case let path as String in walker?.allObjects ?? [] {
            if path.hasPrefix("evidence/") {
                var isFolder: ObjCBool = false
                let full = root.appendingPathComponent(path).path
                if FileManager.default.fileExists(atPath: full, isDirectory: &isFolder),
                    !isFolder.boolValue
                {
                    evidence.append(path)
                }
            } else if !path.hasPrefix("."), path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
                files.append(path)
            }
        }
        func size(_ paths: [String]) -> Int {
            paths.reduce(0) { total, path in
                let attributes = try? FileManager.default.attributesOfItem(
                    atPath: root.appendingPathComponent(path).path)
                return total + ((attributes?[.size] as? NSNumber)?.intValue ?? 0)
            }
        }
        self.init(
            root: root, configuration: .default, files: files.sorted(), totalBytes: size(files),
            requirements: 0, controls: 0, evidence: 0, mappingRelations: 0,
            evidenceFiles: evidence.sorted(), evidenceBytes: size(evidence))
    }

    /// The files as URLs.
    public var fileURLs: [URL] { files.map { root.appendingPathComponent($0) } }

    /// Deletes the workspace folder.
    public func remove() throws { try FileManager.default.removeItem(at: root) }
}

/// `value` in decimal, left-padded with zeros to `width` digits.
func padded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
