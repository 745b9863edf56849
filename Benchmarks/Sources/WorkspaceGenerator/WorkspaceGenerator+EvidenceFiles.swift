import Foundation

/// What a pipeline workspace's generator carries while it writes control libraries: the
/// evidence files drawn so far (saved after each library) and the shared files of the
/// current control.
struct EvidenceWriting {
    var files: EvidenceFiles
    var signers: AttestationSigners
    var random: SeededRandom
    /// Files made and not yet saved, with their workspace paths.
    var pending: [(String, Data)] = []
    /// The current control's shared files (JUnit report, SARIF log) already made, by path.
    var shared: [String: Bool] = [:]

    init(seed: UInt64) {
        random = SeededRandom(seed: seed)
        files = EvidenceFiles(random: &random)
        signers = AttestationSigners(random: &random)
    }
}

extension WorkspaceGenerator {
    /// An evidence spec of a collector that reads a file, and the file it reads: a policy
    /// (file), an export (json, yaml), the control's shared test report (junit) and scan log
    /// (sarif), or a signed statement (attestation).
    func writeFileEvidence(
        id: String, control: String, into yaml: inout YAMLText, random: inout SeededRandom,
        writing: inout EvidenceWriting
    ) {
        let collectors = ["file", "json", "yaml", "junit", "sarif", "attestation"]
        let collector = random.pick(collectors)
        let folder = "evidence/\(control.lowercased())"
        yaml.line(3, "- id: \(id)")
        yaml.line(4, "collector: \(collector)")
        if random.chance(25) {
            yaml.line(4, "title: \(YAMLText.flowText(random.title(words: 2...5)))")
        }
        var files = writing.random
        defer { writing.random = files }
        let size = EvidenceFiles.size(&files)
        let age = EvidenceFiles.age(&files)
        switch collector {
        case "file":
            let path = "\(folder)/\(id).md"
            yaml.line(4, "path: \(path)")
            let checked = random.chance(30)
            if checked { yaml.line(4, "contains: \(YAMLText.quoted("Scope: \(control)"))") }
            // One policy in twenty is dated by a sidecar instead of its front matter.
            let sidecar = files.chance(5)
            let day = EvidenceFiles.day(ago: age)
            writing.pending.append(
                (
                    path,
                    writing.files.policy(
                        size: size, reviewed: sidecar ? nil : day, marker: "Scope: \(control)",
                        withoutMarker: checked && files.chance(10), &files)
                ))
            if sidecar { writing.pending.append((path + ".reviewed", Data("\(day)\n".utf8))) }
        case "json", "yaml":
            let path = "\(folder)/\(id).\(collector)"
            yaml.line(4, "path: \(path)")
            var entries: [String] = []
            var values: [(path: String, value: ExpectValue)] = []
            for key in random.distinctIndices(random.int(in: 1...4), of: Self.expectKeys.count) {
                let (name, choices) = Self.expectKeys[key]
                let value = random.pick(choices)
                entries.append("\(name): \(value)")
                let expected = ExpectValue(spec: value)
                values.append((name, files.chance(95) ? expected : expected.changed))
            }
            yaml.line(4, "expect: { \(entries.joined(separator: ", ")) }")
            yaml.line(4, "date_field: meta.exported_at")
            writing.pending.append(
                (
                    path,
                    writing.files.document(
                        json: collector == "json", size: size,
                        exportedAt: EvidenceFiles.instant(ago: age, &files), values: values,
                        &files)
                ))
        case "junit":
            let path = "\(folder)/test-results.xml"
            yaml.line(4, "path: \(path)")
            yaml.line(4, "min_pass_ratio: 1")
            if writing.shared.updateValue(true, forKey: path) == nil {
                let failures = files.chance(10) ? files.int(in: 1...3) : 0
                writing.pending.append(
                    (
                        path,
                        writing.files.junit(
                            size: size, timestamp: EvidenceFiles.instant(ago: age, &files),
                            failures: failures, &files)
                    ))
            }
        case "sarif":
            let path = "\(folder)/scan.sarif"
            yaml.line(4, "path: \(path)")
            yaml.line(4, "max:")
            yaml.line(5, "error: 0")
            yaml.line(5, "warning: \(random.int(in: 0...20))")
            if writing.shared.updateValue(true, forKey: path) == nil {
                let errors = files.chance(8) ? files.int(in: 1...2) : 0
                writing.pending.append(
                    (
                        path,
                        writing.files.sarif(
                            size: size, finishedAt: EvidenceFiles.instant(ago: age, &files),
                            errors: errors, warnings: files.int(in: 0...25), &files)
                    ))
            }
        default:  // attestation
            let path = "evidence/attestations/\(id).yaml"
            yaml.line(4, "path: \(path)")
            let signer = files.pick(writing.signers.signers)
            // One in five expires: most later than the reference day, some already.
            var expires: String?
            if files.chance(20) {
                expires =
                    files.chance(85)
                    ? EvidenceFiles.day(ago: -files.int(in: 30...300))
                    : EvidenceFiles.day(ago: files.int(in: 0...max(0, age - 1)))
            }
            writing.pending.append(
                (
                    path,
                    writing.signers.statement(
                        by: signer, date: EvidenceFiles.day(ago: age), expires: expires,
                        text: files.phrase(TextVocabulary.english, words: 8...20) + ".",
                        unsigned: files.chance(3))
                ))
        }
        if random.chance(80) {
            yaml.line(4, "max_age: \(random.pick(["30d", "90d", "12h", "2w", "365d"]))")
        }
        if random.chance(10) { yaml.line(4, "weight: 2") }
        if random.chance(15) { yaml.line(4, "visibility: internal") }
    }
}
