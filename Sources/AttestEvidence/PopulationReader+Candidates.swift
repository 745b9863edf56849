import AttestCore
import Foundation

extension PopulationReader {
    /// Every population an evidence file holds, for an auditor package: a CSV file's rows, a
    /// JSON or YAML document that is a list, or each list at the top of a document that is a
    /// mapping (`rows` names it, as `attest sample --rows` does).
    ///
    /// The file is read once, through the confinement function, as ``read(_:rows:)`` reads it.
    /// A file that is not a population (no `path:`, refused, malformed, no list) gives none:
    /// this finds populations, it does not judge evidence.
    public func populations(of spec: EvidenceSpec) -> [(rows: String?, population: Population)] {
        guard let relative = spec.path,
            let format = try? Self.format(of: relative, collector: spec.collector),
            let data = try? root.read(relative, limit: Self.maxBytes).data
        else { return [] }
        func population(_ header: [String], _ rows: [[String]]) -> Population {
            Population(
                evidence: spec.id, path: relative, sha256: ContentHash.sha256(data),
                header: header, rows: rows)
        }
        let document: ConfigValue
        switch format {
        case .csv:
            guard let table = try? CSVReader(file: relative, maxCells: Self.maxCells).parse(data)
            else { return [] }
            return [(nil, population(table.header, table.rows))]
        case .json:
            guard let parsed = try? JSONReader(file: relative).parse(data) else { return [] }
            document = parsed
        case .yaml:
            guard let parsed = try? loadYAML(data, relative) else { return [] }
            document = parsed
        }
        if let items = document.sequence {
            guard let (header, rows) = try? Self.table(items) else { return [] }
            return [(nil, population(header, rows))]
        }
        // A list too large as a table is not listed, as a malformed file is not.
        return (document.mapping ?? []).compactMap { entry in
            guard let items = entry.value.sequence, let (header, rows) = try? Self.table(items)
            else { return nil }
            return (entry.key, population(header, rows))
        }
    }
}
