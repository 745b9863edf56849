import AttestCore
import Foundation

/// The workspace's mappings as an OSCAL 1.2 mapping collection (docs/oscal.md, "Mappings
/// (import and export)"): every resolved mapping (bundled, the workspace's own and those read
/// from OSCAL collections) between the frameworks asked for (or of the one asked for), one OSCAL `mapping`
/// per ordered pair of frameworks, one `map` per Attest mapping.
///
/// A mapping keeps the direction it was written in (its `from` framework is the source
/// resource), and its relation is written with the table import reads
/// (``AttestCore/MappingRelation/oscalRelationship``), so importing the collection with the same
/// `from`/`to` gives back the same mappings. Control ids are the ones every export writes
/// (`ControlIdentifiers`).
public enum MappingCollectionModel {
    /// The mapping collection of `graph`'s mappings between `frameworks`, or of every mapping
    /// of the one framework given.
    ///
    /// - Parameters:
    ///   - lastModified: the time written in the metadata: the caller's fixed time (the run's),
    ///     never the clock, so two exports are byte-identical.
    ///   - version: the document's version (`run-N`).
    /// - Throws: `OSCALWriteError` `.invalidInput` when no mapping touches `frameworks` (a
    ///   collection holds at least one mapping).
    /// - Complexity: O(m + r) for m mappings and the r requirements of the frameworks involved.
    public static func document(
        graph: ControlGraph, frameworks: [FrameworkID], organisation: String,
        lastModified: Date, version: String
    ) throws(OSCALWriteError) -> OSCALDocument {
        let wanted = Set(frameworks)
        // One framework: its mappings to any other; several: the mappings between them.
        func selected(_ mapping: Mapping) -> Bool {
            wanted.count == 1
                ? wanted.contains(mapping.from.framework) || wanted.contains(mapping.to.framework)
                : wanted.contains(mapping.from.framework) && wanted.contains(mapping.to.framework)
        }
        var byPair: [Pair: [Mapping]] = [:]
        for mapping in graph.mappings where selected(mapping) {
            byPair[Pair(from: mapping.from.framework, to: mapping.to.framework), default: []]
                .append(mapping)
        }
        guard !byPair.isEmpty else {
            throw OSCALWriteError(
                code: .invalidInput,
                detail: "no mapping relates "
                    + frameworks.map(\.rawValue).joined(separator: ", ")
                    + " to another framework: an OSCAL mapping collection needs at least one")
        }
        var identifiers: [FrameworkID: ControlIdentifiers] = [:]
        func ids(_ id: FrameworkID) -> ControlIdentifiers? {
            if let known = identifiers[id] { return known }
            guard let framework = graph.frameworks[id] else { return nil }
            identifiers[id] = ControlIdentifiers(framework)
            return identifiers[id]
        }
        let pairs = byPair.keys.sorted()
        var nodes: [OSCALNode] = []
        for pair in pairs {
            guard let fromIDs = ids(pair.from), let toIDs = ids(pair.to) else { continue }
            let maps = (byPair[pair] ?? []).compactMap { mapping in
                map(mapping, fromIDs: fromIDs, toIDs: toIDs)
            }
            guard !maps.isEmpty else { continue }
            nodes.append(self.mapping(pair, maps: maps, mappings: byPair[pair] ?? []))
        }
        let involved = Set(pairs.flatMap { [$0.from, $0.to] }).sorted()
        let names = involved.map { graph.frameworks[$0]?.name.english ?? $0.rawValue }
        let provenance = OSCALNode.assembly(
            "provenance",
            flags: [
                OSCALFlag("method", "human"), OSCALFlag("matching-rationale", "semantic"),
                OSCALFlag("status", "not-complete"),
            ],
            [
                .one(
                    .prose(
                        "mapping-description",
                        "The mappings \(OSCALNode.oneLine(organisation))'s Attest workspace holds "
                            + "between " + names.joined(separator: ", ")
                            + ": the relations of its catalogs' mapping files and of the OSCAL "
                            + "mapping collections it reads, written by people and read as NIST "
                            + "OLIR relations. They do not claim to relate every control."))
            ])
        return OSCALDocument(
            root: .assembly(
                "mapping-collection",
                flags: [
                    OSCALFlag(
                        "uuid",
                        StableUUID.attest(
                            "mapping-collection", organisation,
                            pairs.map { "\($0.from.rawValue)>\($0.to.rawValue)" }
                                .joined(separator: ",")
                        ).text)
                ],
                [
                    .one(
                        .metadata(
                            title: "Mappings between " + names.joined(separator: ", "),
                            lastModified: lastModified, version: version)),
                    .one(provenance),
                    .group("mappings", nodes),
                    .optional(
                        .backMatter(
                            involved.compactMap { graph.frameworks[$0] }.map(
                                CatalogSource.resource))),
                ]))
    }

    /// An ordered pair of frameworks: the source and target resources of one OSCAL `mapping`.
    struct Pair: Hashable, Comparable {
        var from: FrameworkID
        var to: FrameworkID

        static func < (lhs: Pair, rhs: Pair) -> Bool { (lhs.from, lhs.to) < (rhs.from, rhs.to) }
    }

    private static func mapping(
        _ pair: Pair, maps: [OSCALNode], mappings: [Mapping]
    )
        -> OSCALNode
    {
        var sources: [String] = []
        for mapping in mappings where !sources.contains(mapping.source.english) {
            sources.append(mapping.source.english)
        }
        func resource(_ name: String, _ framework: FrameworkID) -> OSCALNode {
            .assembly(
                name,
                flags: [
                    OSCALFlag("type", "catalog"),
                    OSCALFlag("href", "#" + CatalogSource.uuid(framework).text),
                ])
        }
        return .assembly(
            "mapping",
            flags: [
                OSCALFlag(
                    "uuid", StableUUID.attest("mapping", pair.from.rawValue, pair.to.rawValue).text)
            ],
            [
                .one(resource("source-resource", pair.from)),
                .one(resource("target-resource", pair.to)),
                .many("maps", maps),
                .group(
                    "props",
                    [
                        .prop("from", pair.from.rawValue, ns: OSCALDocument.attestNamespace),
                        .prop("to", pair.to.rawValue, ns: OSCALDocument.attestNamespace),
                    ]),
                .one(
                    .prose(
                        "mapping-description",
                        "From \(pair.from.rawValue) to \(pair.to.rawValue). Sources:\n\n"
                            + sources.joined(separator: "\n\n"))),
            ])
    }

    /// One Attest mapping as a `map`; nil when an end has no OSCAL id (never for a resolved
    /// mapping).
    private static func map(
        _ mapping: Mapping, fromIDs: ControlIdentifiers, toIDs: ControlIdentifiers
    ) -> OSCALNode? {
        guard let source = fromIDs[mapping.from.requirement],
            let target = toIDs[mapping.to.requirement]
        else { return nil }
        let ns = OSCALDocument.attestNamespace
        return .assembly(
            "map",
            flags: [
                OSCALFlag(
                    "uuid",
                    StableUUID.attest(
                        "map", mapping.from.framework.rawValue, mapping.from.requirement.rawValue,
                        mapping.to.framework.rawValue, mapping.to.requirement.rawValue
                    ).text)
            ],
            [
                .one(.text("relationship", mapping.relation.oscalRelationship)),
                .many("sources", [item("source", source)]),
                .many("targets", [item("target", target)]),
                .group(
                    "props",
                    [
                        .prop(
                            "from", OSCALNode.oneLine(mapping.from.requirement.rawValue), ns: ns),
                        .prop("to", OSCALNode.oneLine(mapping.to.requirement.rawValue), ns: ns),
                        .prop("source", OSCALNode.oneLine(mapping.source.english), ns: ns),
                    ]),
                .optional(
                    mapping.note.map(\.english).flatMap {
                        $0.allSatisfy(\.isWhitespace) ? nil : OSCALNode.prose("remarks", $0)
                    }),
            ])
    }

    private static func item(_ name: String, _ idRef: String) -> OSCALNode {
        .assembly(name, flags: [OSCALFlag("type", "control"), OSCALFlag("id-ref", idRef)])
    }
}
