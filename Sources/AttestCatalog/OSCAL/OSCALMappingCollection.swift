import AttestCore

/// The part of an OSCAL 1.2 `mapping-collection` Attest reads: its title and every map of
/// every mapping, with the positions findings point at.
///
/// Read from a `ConfigValue` tree, so JSON (YAML's flow syntax) and YAML files give the same
/// values and `file:line:col` positions. Fields Attest does not use (provenance, props,
/// qualifiers, coverage…) are skipped, not judged: the NIST schema is the judge of a file's
/// full shape, and a newer OSCAL adding a field should not stop a workspace from loading.
struct OSCALMappingCollection: Sendable {
    /// One source or target of a map: a control or a control statement of its catalog.
    struct Item: Sendable {
        enum Kind: String, Sendable { case control, statement }
        var kind: Kind
        var idRef: String
        /// The `id-ref` value.
        var position: SourcePosition
    }

    /// One map: a relationship between sets of sources and targets.
    struct Map: Sendable {
        var relationship: String
        var relationshipPosition: SourcePosition
        var sources: [Item]
        var targets: [Item]
        var remarks: String?
        var position: SourcePosition
        /// The frameworks its `mapping` names in Attest's own props (`from`, `to` in
        /// ``attestNamespace``), as Attest's export writes them; nil for another tool's file.
        var declared: (from: String, to: String)?
    }

    /// The namespace of the props Attest's OSCAL exports add (AttestOSCAL's
    /// `OSCALDocument.attestNamespace`; the two modules may not import each other).
    static let attestNamespace = "https://attest.dev/ns/oscal"

    /// `metadata.title`, when given.
    var title: String?
    /// The maps of every `mappings` entry, in document order.
    var maps: [Map]
    var position: SourcePosition

    /// Reads the document whose root is `root`, reporting into `reader` every shape Attest
    /// cannot use; nil when the root is no mapping collection at all.
    static func read(_ root: ConfigValue, reader: inout ConfigReader) -> OSCALMappingCollection? {
        guard let collection = root["mapping-collection"], root.mapping != nil else {
            let model = root.mapping?.first?.key
            reader.report(
                .error(
                    .oscalMappingNotACollection,
                    model.map { "this OSCAL file is a '\($0)', not a 'mapping-collection'" }
                        ?? "this file is not an OSCAL mapping collection", at: root.position,
                    hint: "a mapping collection starts with the key 'mapping-collection'"))
            return nil
        }
        guard collection.mapping != nil else {
            reader.error(
                .schemaWrongType,
                "expected a mapping for mapping-collection, found \(collection.shapeName)",
                at: collection.position)
            return nil
        }
        let title = collection["metadata"]?["title"]?.scalar
        guard let mappings = required(collection, "mappings", in: "mapping-collection", &reader)
        else { return nil }
        // OSCAL's JSON schema allows one mapping object as well as a list of them.
        let entries = mappings.sequence ?? [mappings]
        var maps: [Map] = []
        for entry in entries {
            guard entry.mapping != nil else {
                reader.error(
                    .schemaWrongType, "expected a mapping for a mapping, found \(entry.shapeName)",
                    at: entry.position)
                continue
            }
            guard let list = required(entry, "maps", in: "a mapping", &reader),
                let items = reader.sequence(list, "maps")
            else { continue }
            let declared = declaredFrameworks(entry)
            maps += items.compactMap { readMap($0, &reader) }.map {
                var map = $0
                map.declared = declared
                return map
            }
        }
        return OSCALMappingCollection(title: title, maps: maps, position: collection.position)
    }

    /// The `from` and `to` props of Attest's namespace on a `mapping`, when both are there.
    private static func declaredFrameworks(_ mapping: ConfigValue) -> (from: String, to: String)? {
        var found: [String: String] = [:]
        for prop in mapping["props"]?.sequence ?? []
        where prop["ns"]?.scalar == attestNamespace {
            if let name = prop["name"]?.scalar, let value = prop["value"]?.scalar {
                found[name] = value
            }
        }
        guard let from = found["from"], let to = found["to"] else { return nil }
        return (from, to)
    }

    private static func readMap(_ value: ConfigValue, _ reader: inout ConfigReader) -> Map? {
        guard value.mapping != nil else {
            reader.error(
                .schemaWrongType, "expected a mapping for a map, found \(value.shapeName)",
                at: value.position)
            return nil
        }
        let relationship = required(value, "relationship", in: "a map", &reader)
        let relationshipText = relationship.flatMap { reader.string($0, "relationship") }
        let sources = required(value, "sources", in: "a map", &reader).map {
            readItems($0, "sources", &reader)
        }
        let targets = required(value, "targets", in: "a map", &reader).map {
            readItems($0, "targets", &reader)
        }
        guard let relationship, let relationshipText, let sources, let targets else { return nil }
        return Map(
            relationship: relationshipText, relationshipPosition: relationship.position,
            sources: sources, targets: targets, remarks: value["remarks"]?.scalar,
            position: value.position, declared: nil)
    }

    private static func readItems(
        _ value: ConfigValue, _ what: String, _ reader: inout ConfigReader
    ) -> [Item] {
        guard let items = reader.sequence(value, what) else { return [] }
        return items.compactMap { item in
            guard item.mapping != nil else {
                reader.error(
                    .schemaWrongType,
                    "expected a mapping for an item of \(what), found \(item.shapeName)",
                    at: item.position)
                return nil
            }
            let type = required(item, "type", in: "an item of \(what)", &reader)
            let typeText = type.flatMap { reader.string($0, "type") }
            let idRef = required(item, "id-ref", in: "an item of \(what)", &reader)
            let idRefText = idRef.flatMap { reader.string($0, "id-ref") }
            guard let type, let typeText, let idRef, let idRefText else { return nil }
            guard let kind = Item.Kind(rawValue: typeText) else {
                reader.report(
                    .error(
                        .oscalMappingUnsupportedItemType,
                        "'\(typeText)' is not a type Attest maps; expected control or statement",
                        at: type.position))
                return nil
            }
            return Item(kind: kind, idRef: idRefText, position: idRef.position)
        }
    }

    /// The value under `key`, or nil and a `schema.missing-key` finding at `value`.
    private static func required(
        _ value: ConfigValue, _ key: String, in what: String, _ reader: inout ConfigReader
    ) -> ConfigValue? {
        if let found = value[key] { return found }
        reader.error(.schemaMissingKey, "\(what) needs the key '\(key)'", at: value.position)
        return nil
    }
}
