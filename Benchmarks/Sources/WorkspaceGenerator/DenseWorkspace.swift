import Foundation

/// The dense workspace: many copies of NIST SP 800-53 rev5 read as OSCAL frameworks, and
/// controls that each satisfy several requirements of every copy, so the traceability matrix
/// (a row per requirement × control × evidence) has millions of rows. It measures whether a
/// build's memory stays bounded by something other than the number of rows.
public struct DenseWorkspace: Sendable {
    public var seed: UInt64
    /// Copies of the catalog, each an `oscal:` framework item (`nist-01`, `nist-02`, …).
    public var copies: Int
    public var controls: Int
    public var controlFiles: Int
    /// Requirements of each copy that each control satisfies.
    public var requirementsPerCopy: Int
    /// Evidence specs of each control (file collector, reading one small policy).
    public var evidencePerControl: Int
    /// The NIST SP 800-53 rev5 catalog (OSCAL JSON).
    public var catalog: URL

    /// 50 copies, 10,000 controls × 10 requirements a copy × 3 evidence: about 15 million
    /// traceability rows.
    public init(
        seed: UInt64 = 0xDE25E, copies: Int = 50, controls: Int = 10_000, controlFiles: Int = 100,
        requirementsPerCopy: Int = 10, evidencePerControl: Int = 3,
        catalog: URL = DenseWorkspace.nistCatalog
    ) {
        self.seed = seed
        self.copies = copies
        self.controls = controls
        self.controlFiles = min(controlFiles, controls)
        self.requirementsPerCopy = requirementsPerCopy
        self.evidencePerControl = evidencePerControl
        self.catalog = catalog
    }

    /// The repository's copy of the catalog (Tests/Fixtures/oscal).
    public static let nistCatalog = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent(
            "Tests/Fixtures/oscal/sp800-53-rev5-5.0.1/NIST_SP-800-53_rev5_catalog.json")

    public struct Written: Sendable {
        public var root: URL
        /// Assessable requirements of one copy.
        public var requirementsPerCopy: Int
        /// Rows of the traceability matrix: for every assessable requirement of every copy,
        /// one row per (satisfying control, evidence), or one row when no control satisfies it.
        public var traceabilityRows: Int
        /// Bytes of YAML and OSCAL JSON written.
        public var inputBytes: Int
    }

    public struct CatalogError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The labels (`AC-2`, `AC-2(1)`) of the catalog's controls that are not withdrawn: what
    /// the OSCAL import makes assessable requirements.
    static func assessableLabels(_ data: Data) throws -> [String] {
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let catalog = root["catalog"] as? [String: Any]
        else { throw CatalogError(description: "not an OSCAL catalog") }
        var labels: [String] = []
        func visit(_ controls: [[String: Any]]) {
            for control in controls {
                let props = control["props"] as? [[String: Any]] ?? []
                let withdrawn = props.contains {
                    $0["name"] as? String == "status" && $0["value"] as? String == "withdrawn"
                }
                let label =
                    props.first { $0["name"] as? String == "label" && $0["class"] == nil }?[
                        "value"] as? String ?? control["id"] as? String
                if !withdrawn, let label { labels.append(label) }
                visit(control["controls"] as? [[String: Any]] ?? [])
            }
        }
        for group in catalog["groups"] as? [[String: Any]] ?? [] {
            visit(group["controls"] as? [[String: Any]] ?? [])
        }
        visit(catalog["controls"] as? [[String: Any]] ?? [])
        return labels
    }

    /// Writes the workspace into `root`: `oscal/nist-NN.json`, `controls/library/`, one small
    /// dated policy per control in `evidence/`, and `attest.yaml`.
    public func write(to root: URL) throws -> Written {
        let fileManager = FileManager.default
        let catalogData = try Data(contentsOf: catalog)
        let labels = try Self.assessableLabels(catalogData)
        var random = SeededRandom(seed: seed)
        var inputBytes = 0
        var folders: Set<String> = []
        func put(_ path: String, _ data: Data, input: Bool = true) throws {
            let url = root.appendingPathComponent(path)
            if folders.insert(url.deletingLastPathComponent().path).inserted {
                try fileManager.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            }
            try data.write(to: url)
            if input { inputBytes += data.count }
        }
        var manifest = YAMLText(comment: "Dense workspace: \(copies) copies of NIST SP 800-53.")
        manifest.line(0, "schema: 1")
        manifest.line(0, "organisation:")
        manifest.line(1, "name: Dense Works")
        manifest.line(0, "frameworks:")
        for copy in 1...copies {
            let id = "nist-\(padded(copy, 2))"
            try put("oscal/\(id).json", catalogData)
            manifest.line(1, "- oscal: oscal/\(id).json")
            manifest.line(2, "id: \(id)")
            manifest.line(2, "name: NIST SP 800-53 rev5 copy \(copy)")
        }
        manifest.line(0, "locales: [en]")
        manifest.line(0, "output: reports")
        manifest.line(0, "store: .attest/attest.sqlite")
        manifest.line(0, "include:")
        manifest.line(1, "- controls/library/*.yaml")
        try put("attest.yaml", Data(manifest.text.utf8))

        // satisfied[copy][requirement]: how many controls satisfy it.
        var satisfied = Array(repeating: Array(repeating: 0, count: labels.count), count: copies)
        let perFile = (controls + controlFiles - 1) / controlFiles
        var number = 1
        for file in 1...controlFiles where number <= controls {
            var yaml = YAMLText()
            yaml.line(0, "schema: 1")
            yaml.line(0, "controls:")
            for _ in 0..<perFile where number <= controls {
                let id = "CTL-\(padded(number, 5))"
                let folder = "evidence/\(id.lowercased())"
                yaml.line(1, "- id: \(id)")
                yaml.line(2, "title: \(YAMLText.flowText(random.title()))")
                yaml.line(2, "owner: \(random.pick(TextVocabulary.owners))")
                yaml.line(2, "satisfies:")
                for copy in 0..<copies {
                    let picks = random.distinctIndices(requirementsPerCopy, of: labels.count)
                        .sorted()
                    for pick in picks { satisfied[copy][pick] += 1 }
                    yaml.line(
                        3,
                        "nist-\(padded(copy + 1, 2)): \(YAMLText.flowList(picks.map { labels[$0] }))"
                    )
                }
                if evidencePerControl > 0 {
                    yaml.line(2, "evidence:")
                    for item in 1...evidencePerControl {
                        yaml.line(3, "- id: ev-\(padded(number, 5))-\(item)")
                        yaml.line(4, "collector: file")
                        yaml.line(4, "path: \(folder)/policy.md")
                        if item == 2 { yaml.line(4, "contains: \"Scope: \(id)\"") }
                        if item == 3 { yaml.line(4, "max_age: 365d") }
                    }
                    let reviewed = EvidenceFiles.day(ago: EvidenceFiles.age(&random))
                    let policy =
                        "---\nreviewed: \(reviewed)\n---\n\n# Policy of \(id)\n\nScope: \(id).\n\n"
                        + random.phrase(TextVocabulary.english, words: 40...80) + ".\n"
                    try put("\(folder)/policy.md", Data(policy.utf8), input: false)
                }
                number += 1
            }
            try put("controls/library/lib-\(padded(file, 3)).yaml", Data(yaml.text.utf8))
        }
        let perRequirement = max(1, evidencePerControl)
        let rows = satisfied.reduce(0) { total, copy in
            total + copy.reduce(0) { $0 + ($1 == 0 ? 1 : $1 * perRequirement) }
        }
        return Written(
            root: root, requirementsPerCopy: labels.count, traceabilityRows: rows,
            inputBytes: inputBytes)
    }
}
