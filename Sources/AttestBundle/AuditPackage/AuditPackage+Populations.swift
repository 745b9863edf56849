import AttestCore
import AttestRender
import Crypto
import Foundation

extension AuditPackage {
    /// Finds the populations an evidence file holds (AttestEvidence's `PopulationReader`,
    /// injected: AttestBundle does not read evidence formats itself). Each has the list's path
    /// in the document (`rows`, nil for the document itself or a CSV file).
    public typealias PopulationFinder = (EvidenceSpec) -> [(rows: String?, population: Population)]

    /// The populations an auditor can sample from: for each packed evidence file that is a list
    /// of rows (joiners, leavers, changes, access reviews), its row count, columns, SHA-256 and
    /// the `attest sample` command that draws from it (docs/audit.md, "Sampling").
    ///
    /// Only a population read from the very bytes packed is listed: its SHA-256 is the packed
    /// file's, so a sample drawn from the package is drawn from what was collected.
    ///
    /// - Parameter packed: the files the artifacts section packs, by path in the package.
    /// - Returns: nil without a ``findPopulations`` or when no packed file is a population.
    func populations(packed: [String: Data]) -> AuditPackageSection? {
        guard let findPopulations else { return nil }
        var rows: [[String]] = []
        var seen: Set<String> = []
        for row in model.evidenceRows(of: framework) {
            guard let path = row.spec.path, seen.insert(row.spec.id.rawValue).inserted else {
                continue
            }
            let packedAs = BundleEvidence.bundlePath(path)
            guard let data = packed[packedAs] else { continue }
            let packedHash = SHA256.hash(data: data).hex
            // An empty list has nothing to sample.
            for (list, population) in findPopulations(row.spec)
            where population.sha256 == packedHash && !population.rows.isEmpty {
                rows.append([
                    row.spec.id.rawValue, row.control.id.rawValue, path, packedAs, list ?? "",
                    String(population.rows.count), population.header.joined(separator: "; "),
                    population.sha256, Self.sampleCommand(evidence: row.spec.id, rows: list),
                ])
            }
        }
        guard !rows.isEmpty else { return nil }
        let table = CSVTable(
            header: [
                "evidence", "control", "path", "packed_as", "rows", "row_count", "columns",
                "sha256", "sample",
            ],
            rows: rows, notice: notice)
        return AuditPackageSection(
            title: "Populations for sampling",
            summary: """
                The packed evidence files that are lists of rows an auditor samples from: a CSV \
                file (header first), or a JSON or YAML list (`rows` names a list inside the \
                document). `sample` is the command that draws a reproducible sample from it in \
                the workspace; `scripts/redraw-sample.py` in Attest's repository redraws it \
                from the seed, the row count and the size alone. Each population's SHA-256 is \
                the packed file's.
                """,
            listings: [
                .init(
                    path: "populations.csv",
                    about: "each population: evidence, file, list, row count, columns, SHA-256, "
                        + "how to sample it")
            ],
            files: ["populations.csv": Data(table.text.utf8)])
    }

    /// The `attest sample` command that draws from a population, for the auditor to paste into
    /// a shell.
    ///
    /// The list's name is a key of the evidence document, which anyone who wrote the file
    /// chose: unless it is a plain name it is single-quoted, so `x; curl … | sh` stays one
    /// argument instead of running.
    static func sampleCommand(evidence: EvidenceID, rows: String?) -> String {
        (["attest sample --evidence \(shellWord(evidence.rawValue))"]
            + (rows.map { ["--rows \(shellWord($0))"] } ?? []) + ["--size N --seed S"]).joined(
                separator: " ")
    }

    /// `text` as one POSIX shell word: as is when it holds only letters, digits and `_-.`,
    /// else in single quotes, each `'` written `'\''`.
    static func shellWord(_ text: String) -> String {
        let plain =
            !text.isEmpty
            && text.utf8.allSatisfy { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte)
                    || (0x61...0x7A).contains(byte) || byte == 0x5F || byte == 0x2D || byte == 0x2E
            }
        if plain { return text }
        return "'"
            + text.split(separator: "'", omittingEmptySubsequences: false).joined(
                separator: "'\\''") + "'"
    }
}
