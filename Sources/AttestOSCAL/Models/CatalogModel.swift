import AttestCore
import Foundation

/// An Attest framework as an OSCAL catalog: what an SSP or assessment results import, and the
/// way a framework read from OSCAL goes back out (docs/oscal.md, "Export: catalog").
///
/// Requirements with children that are not assessable become `group`s, the others `control`s;
/// everything under a control is a nested `control` (OSCAL has no group inside a control).
/// A requirement imported from OSCAL keeps what the import recorded: `oscal.kind` (group),
/// `oscal.id`, `oscal.class`, `oscal.sort-id`, `oscal.status`.
public enum CatalogModel {
    /// The catalog of `framework`.
    ///
    /// - Parameter lastModified: the catalog's `last-modified`; the framework's own
    ///   `oscal.last-modified` when it came from OSCAL wins.
    /// - Complexity: O(n) for n requirements.
    public static func document(_ framework: Framework, lastModified: Date) -> OSCALDocument {
        let ids = ControlIdentifiers(framework)
        let modified =
            framework.metadata["oscal.last-modified"].flatMap {
                Timestamp.instant($0, zoneRequired: true)
            } ?? lastModified
        var props = [
            OSCALNode.prop(
                "framework", framework.id.rawValue, ns: OSCALDocument.attestNamespace),
            .prop("kind", framework.kind.rawValue, ns: OSCALDocument.attestNamespace),
        ]
        if !framework.issuer.isEmpty {
            props.append(
                .prop(
                    "issuer", OSCALNode.oneLine(framework.issuer),
                    ns: OSCALDocument.attestNamespace))
        }
        let links = framework.url.map {
            [OSCALNode.link(href: OSCALNode.uriReference($0), rel: "alternate")]
        }
        let top = framework.requirements
        let controls = top.filter { !isGroup($0) }.map { control($0, ids: ids) }
        let groups = top.filter(isGroup).map { group($0, ids: ids) }
        return OSCALDocument(
            root: .assembly(
                "catalog",
                flags: [
                    OSCALFlag("uuid", StableUUID.attest("catalog", framework.id.rawValue).text)
                ],
                [
                    .one(
                        .metadata(
                            title: framework.metadata["oscal.title"] ?? framework.name.english,
                            lastModified: modified, version: framework.version ?? "unversioned",
                            props: props, links: links ?? [])),
                    .group("controls", controls),
                    .group("groups", groups),
                ]))
    }

    /// Whether a requirement is written as a group (outside any control).
    static func isGroup(_ requirement: Requirement) -> Bool {
        if let kind = requirement.metadata["oscal.kind"] { return kind == "group" }
        if requirement.metadata["oscal.id"] != nil { return false }
        return !requirement.isAssessable && !requirement.children.isEmpty
    }

    private static func group(_ requirement: Requirement, ids: ControlIdentifiers) -> OSCALNode {
        let subgroups = requirement.children.filter(isGroup)
        let controls = requirement.children.filter { !isGroup($0) }
        // A group holds either groups or controls (the XSD's choice); with both, its groups
        // are written as controls, and they say so in a prop.
        let children: OSCALChild? =
            subgroups.isEmpty || controls.isEmpty
            ? (controls.isEmpty
                ? .group("groups", subgroups.map { group($0, ids: ids) })
                : .group("controls", controls.map { control($0, ids: ids) }))
            : .group("controls", requirement.children.map { control($0, ids: ids) })
        return .assembly(
            "group",
            flags: [
                OSCALFlag("id", ids[requirement.id]),
                OSCALFlag("class", requirement.metadata["oscal.class"]),
            ],
            [
                .one(.line("title", requirement.title.english)),
                .group("params", requirement.parameters.map(parameter)),
                .group("props", props(requirement)),
                .group("parts", parts(requirement, ids: ids)),
                children,
            ])
    }

    private static func control(
        _ requirement: Requirement, ids: ControlIdentifiers
    )
        -> OSCALNode
    {
        var props = props(requirement)
        if isGroup(requirement) {
            props.append(.prop("kind", "group", ns: OSCALDocument.attestNamespace))
        }
        return .assembly(
            "control",
            flags: [
                OSCALFlag("id", ids[requirement.id]),
                OSCALFlag("class", requirement.metadata["oscal.class"]),
            ],
            [
                .one(.line("title", requirement.title.english)),
                .group("params", requirement.parameters.map(parameter)),
                .group("props", props),
                .group("parts", parts(requirement, ids: ids)),
                .group("controls", requirement.children.map { control($0, ids: ids) }),
            ])
    }

    /// `label` (the Attest id, which import reads back as the requirement's id), `sort-id`
    /// and `status` as imported, and whether Attest assesses a requirement OSCAL would not
    /// say (a non-assessable control).
    private static func props(_ requirement: Requirement) -> [OSCALNode] {
        var props = [OSCALNode.prop("label", OSCALNode.oneLine(requirement.id.rawValue))]
        if let sortID = requirement.metadata["oscal.sort-id"] {
            props.append(.prop("sort-id", OSCALNode.oneLine(sortID)))
        }
        if let status = requirement.metadata["oscal.status"] {
            props.append(.prop("status", OSCALNode.oneLine(status)))
        }
        return props
    }

    /// The requirement's summary: the `statement` of a control read from OSCAL, an `overview`
    /// (Attest's own words) otherwise.
    private static func parts(
        _ requirement: Requirement, ids: ControlIdentifiers
    )
        -> [OSCALNode]
    {
        guard let summary = requirement.summary?.english,
            !summary.allSatisfy(\.isWhitespace)
        else { return [] }
        let name = requirement.metadata["oscal.id"] != nil ? "statement" : "overview"
        let id = ids[requirement.id].map { "\($0)_\(name == "statement" ? "smt" : "ovw")" }
        return [
            .assembly(
                "part", flags: [OSCALFlag("id", id), OSCALFlag("name", name)],
                [.one(.unwrappedProse(summary))])
        ]
    }

    /// A `param`: class, depends-on, props (`prop.NAME` metadata), label, usage, guidelines,
    /// then the values set or, when none is, the selection (OSCAL allows one or the other).
    static func parameter(_ parameter: RequirementParameter) -> OSCALNode {
        let props = parameter.metadata.keys.sorted().compactMap { key -> OSCALNode? in
            guard key.hasPrefix("prop."), let value = parameter.metadata[key] else { return nil }
            let name = String(key.dropFirst("prop.".count))
            guard OSCALMarkup.isToken(name) else { return nil }
            return .prop(name, OSCALNode.oneLine(value))
        }
        let choice: OSCALChild? =
            if !parameter.values.isEmpty {
                .group("values", parameter.values.map { .text("value", OSCALNode.oneLine($0)) })
            } else if let selection = parameter.selection {
                .one(
                    .assembly(
                        "select", flags: [OSCALFlag("how-many", selection.howMany?.rawValue)],
                        [.group("choice", selection.choices.map { .line("choice", $0) })]))
            } else {
                nil
            }
        return .assembly(
            "param",
            flags: [
                OSCALFlag("id", parameter.id),
                OSCALFlag("class", parameter.metadata["class"]),
                OSCALFlag("depends-on", parameter.metadata["depends-on"]),
            ],
            [
                .group("props", props),
                .optional(parameter.label.map { .line("label", $0) }),
                .optional(parameter.metadata["usage"].map { .prose("usage", $0) }),
                .group(
                    "guidelines",
                    parameter.guidelines.map {
                        .assembly("guideline", [.one(.unwrappedProse($0))])
                    }),
                choice,
            ])
    }
}
