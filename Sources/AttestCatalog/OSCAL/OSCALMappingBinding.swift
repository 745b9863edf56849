import AttestCore

extension ConfigReader {
    /// Reads attest.yaml's `mappings:`, a list of `{ oscal: PATH, from: FRAMEWORK, to:
    /// FRAMEWORK, source: TEXT }`: OSCAL mapping collections bound to two frameworks.
    ///
    /// Only the form is judged here; the file is read, and the frameworks checked, once every
    /// catalog is loaded (``OSCALMappingImporter``).
    mutating func readMappingCollectionImports(
        _ value: ConfigValue
    ) -> [MappingCollectionImport] {
        guard let items = sequence(value, "mappings") else { return [] }
        return items.compactMap { item in
            guard
                let fields = fields(
                    item, "an OSCAL mapping collection",
                    allowed: ["oscal", "from", "to", "source"],
                    required: ["oscal", "from", "to"], suggesting: true),
                let path = fields["oscal"], let pathText = plainString(path, "oscal"),
                let from = fields["from"], let fromID = plainString(from, "mappings from"),
                let to = fields["to"], let toID = plainString(to, "mappings to")
            else { return nil }
            let source = fields["source"].flatMap { text($0, "mappings source") }
            if fields["source"] != nil, source == nil { return nil }
            return MappingCollectionImport(
                path: pathText, from: FrameworkID(fromID), to: FrameworkID(toID), source: source,
                position: item.position, pathPosition: path.position,
                fromPosition: from.position, toPosition: to.position)
        }
    }
}
