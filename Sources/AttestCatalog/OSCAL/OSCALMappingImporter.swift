import AttestCore
import Foundation

/// Reads the OSCAL mapping collections attest.yaml names under `mappings:` into Attest
/// mappings, once the frameworks they bind are loaded.
///
/// Each map gives one mapping per source × target pair, read from the entry's `from` framework
/// to its `to` framework, with the relationship translated by
/// ``AttestCore/MappingRelation/reading(oscalRelationship:)``. The mappings then join the
/// catalogs' own, so the control graph treats them alike (repeats, contradictions, unknown
/// ends, inheritance).
struct OSCALMappingImporter: Sendable {
    let root: URL
    let limits: YAMLLimits

    /// What the collections contributed.
    struct Outcome: Sendable {
        var mappings: [Mapping] = []
        var diagnostics: [Diagnostic] = []
        /// The collection files read, by display path, so findings can quote their lines and
        /// the workspace fingerprint covers them.
        var files: [String: SourceFile] = [:]
    }

    /// Reads every collection of `imports`, resolving its ids against `frameworks`.
    ///
    /// - Complexity: O(r + m) for the r requirements of the frameworks bound and the m source ×
    ///   target pairs of the maps.
    func read(_ imports: [MappingCollectionImport], frameworks: [Framework]) -> Outcome {
        var outcome = Outcome()
        guard !imports.isEmpty else { return outcome }
        var byID: [FrameworkID: Framework] = [:]
        for framework in frameworks where byID[framework.id] == nil {
            byID[framework.id] = framework
        }
        var indexes: [FrameworkID: OSCALMappingReferences] = [:]
        func index(_ id: FrameworkID) -> OSCALMappingReferences? {
            if let known = indexes[id] { return known }
            guard let framework = byID[id] else { return nil }
            let made = OSCALMappingReferences(framework)
            indexes[id] = made
            return made
        }
        for entry in imports {
            for (id, position) in [(entry.from, entry.fromPosition), (entry.to, entry.toPosition)]
            where byID[id] == nil {
                outcome.diagnostics.append(
                    .error(
                        .oscalMappingUnknownFramework,
                        "framework '\(id)' is not loaded, so the collection's ids cannot be read",
                        at: position,
                        notes: [
                            .init(
                                "loaded frameworks: "
                                    + byID.keys.map(\.rawValue).sorted().joined(separator: ", "))
                        ]))
            }
            guard let document = load(entry, into: &outcome) else { continue }
            var reader = ConfigReader()
            let collection = OSCALMappingCollection.read(document, reader: &reader)
            outcome.diagnostics += reader.diagnostics
            guard let collection, let from = index(entry.from), let to = index(entry.to) else {
                continue
            }
            var conversion = Conversion(entry: entry, collection: collection)
            conversion.run(from: from, to: to)
            outcome.mappings += conversion.mappings
            outcome.diagnostics += conversion.diagnostics
        }
        return outcome
    }

    /// The parsed document of `entry`'s file, read through the confinement function; nil (and
    /// a finding) when it cannot be read or parsed.
    private func load(
        _ entry: MappingCollectionImport, into outcome: inout Outcome
    ) -> ConfigValue? {
        let format = (entry.path as NSString).pathExtension.lowercased()
        guard ["json", "yaml", "yml", "xml"].contains(format) else {
            outcome.diagnostics.append(
                .error(
                    .oscalMappingUnsupportedFormat,
                    "'\(entry.path)' is not a .json, .yaml, .yml or .xml file",
                    at: entry.pathPosition))
            return nil
        }
        let file = SourceFile.workspace(entry.path, root: root)
        switch file.read(root: root, limits: limits) {
        case .failure(var diagnostic):
            // Blame the line of attest.yaml that names the file.
            diagnostic.position = entry.pathPosition
            outcome.diagnostics.append(diagnostic)
            return nil
        case .success(let bytes):
            outcome.files[file.display] = file
            // The same reader as OSCAL catalogs: JSON, YAML or XML, by extension.
            switch OSCALFile.parse(bytes, display: file.display, limits: limits) {
            case .failure(let diagnostic):
                outcome.diagnostics.append(diagnostic)
                return nil
            case .success(let value):
                return value
            }
        }
    }
}

/// The maps of one collection turned into mappings, with the findings made on the way.
private struct Conversion {
    let entry: MappingCollectionImport
    let collection: OSCALMappingCollection
    var mappings: [Mapping] = []
    var diagnostics: [Diagnostic] = []

    mutating func run(from: OSCALMappingReferences, to: OSCALMappingReferences) {
        let source =
            entry.source
            ?? LocalizedText(
                english: collection.title.map { "OSCAL mapping collection '\($0)' (\(entry.path))" }
                    ?? "OSCAL mapping collection \(entry.path)")
        var withoutRelationship: [SourcePosition] = []
        var otherPairs: [SourcePosition] = []
        for map in collection.maps {
            // A mapping Attest exported names its frameworks: read it the other way round when
            // it goes from `to` to `from`, and leave a pair this entry does not bind.
            var reversed = false
            if let declared = map.declared,
                (declared.from, declared.to) != (entry.from.rawValue, entry.to.rawValue)
            {
                guard (declared.from, declared.to) == (entry.to.rawValue, entry.from.rawValue)
                else {
                    otherPairs.append(map.position)
                    continue
                }
                reversed = true
            }
            let (sourceFramework, targetFramework) =
                reversed ? (entry.to, entry.from) : (entry.from, entry.to)
            let reading = MappingRelation.reading(oscalRelationship: map.relationship)
            if reading == nil {
                diagnostics.append(
                    .error(
                        .oscalMappingUnknownRelationship,
                        "'\(map.relationship)' is not an OSCAL relationship",
                        at: map.relationshipPosition,
                        notes: [
                            .init(
                                "expected one of: equivalent-to, equal-to, subset-of, superset-of, "
                                    + "intersects-with, no-relationship")
                        ]))
            }
            let sources = resolve(
                map.sources, in: reversed ? to : from, framework: sourceFramework)
            let targets = resolve(
                map.targets, in: reversed ? from : to, framework: targetFramework)
            guard case .relation(let relation)? = reading else {
                if reading == MappingRelation.OSCALReading.none {
                    withoutRelationship.append(map.relationshipPosition)
                }
                continue
            }
            // Pairs grow as sources × targets; past 16 per item a file could ask for far more
            // mappings than it has bytes (memory stays bounded by the decoded size).
            guard sources.count * targets.count <= 16 * (sources.count + targets.count) else {
                diagnostics.append(
                    .error(
                        .oscalMappingTooManyPairs,
                        "this map relates \(sources.count) sources to \(targets.count) targets; "
                            + "Attest reads at most 16 pairs per source or target",
                        at: map.position,
                        hint: "split it into maps of fewer sources or targets"))
                continue
            }
            for (sourceItem, start) in sources {
                for (targetItem, end) in targets {
                    let viaStatement = start.viaStatement || end.viaStatement
                    mappings.append(
                        Mapping(
                            from: RequirementKey(sourceFramework, start.requirement),
                            to: RequirementKey(targetFramework, end.requirement),
                            // A statement is only part of its control: the two share obligations,
                            // which is all that can be said of the control.
                            relation: viaStatement ? .intersects : relation, source: source,
                            note: note(map, sourceItem, targetItem, viaStatement: viaStatement),
                            position: map.position))
                }
            }
        }
        if let first = otherPairs.first {
            let count = otherPairs.count
            diagnostics.append(
                Diagnostic(
                    .note, .oscalMappingOtherFrameworks,
                    "\(count) \(count == 1 ? "map relates" : "maps relate") frameworks other "
                        + "than \(entry.from) and \(entry.to) (Attest's props say so); add an "
                        + "entry with those frameworks to read them", at: first,
                    notes: otherPairs.dropFirst().map { .init("also here", at: $0) }))
        }
        if let first = withoutRelationship.first {
            let count = withoutRelationship.count
            diagnostics.append(
                Diagnostic(
                    .note, .oscalMappingNoRelationship,
                    "\(count) \(count == 1 ? "map says" : "maps say") 'no-relationship'; "
                        + "Attest records no mapping for \(count == 1 ? "it" : "them")", at: first,
                    notes: withoutRelationship.dropFirst().map { .init("also here", at: $0) }))
        }
    }

    /// The items that resolve, each with its requirement; a finding for each that does not.
    private mutating func resolve(
        _ items: [OSCALMappingCollection.Item], in references: OSCALMappingReferences,
        framework: FrameworkID
    ) -> [(OSCALMappingCollection.Item, OSCALMappingReferences.Resolution)] {
        items.compactMap { item in
            if let found = references.resolve(item) { return (item, found) }
            diagnostics.append(
                .error(
                    .oscalMappingUnresolvedReference,
                    "OSCAL \(item.kind.rawValue) '\(item.idRef)' names no requirement of framework '\(framework)'",
                    at: item.position,
                    hint: "an id-ref is matched against the requirement ids, their OSCAL ids "
                        + "(metadata oscal.id) and their OSCAL tokens"))
            return nil
        }
    }

    /// The map's remarks, and the statements read as their controls.
    private func note(
        _ map: OSCALMappingCollection.Map, _ source: OSCALMappingCollection.Item,
        _ target: OSCALMappingCollection.Item, viaStatement: Bool
    ) -> LocalizedText? {
        var parts: [String] = []
        if let remarks = map.remarks?.trimmingCharacters(in: .whitespacesAndNewlines),
            !remarks.isEmpty
        {
            parts.append(remarks)
        }
        if viaStatement {
            parts.append(
                "Read as intersects from OSCAL '\(source.idRef)' \(map.relationship) "
                    + "'\(target.idRef)': a statement is part of its control.")
        }
        return parts.isEmpty ? nil : LocalizedText(english: parts.joined(separator: " "))
    }
}
