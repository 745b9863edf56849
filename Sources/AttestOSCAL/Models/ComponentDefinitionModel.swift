import AttestCore
import Foundation

/// The workspace's controls as an OSCAL component definition (docs/oscal.md, "Export:
/// component definition"): one component (the organisation's control set, type `this-system`)
/// with one `control-implementation` per framework, whose `implemented-requirement`s are the
/// in-scope requirements that applicable controls satisfy, and whose evidence is linked to
/// back-matter resources with the SHA-256 the run recorded.
///
/// One component with a control implementation per framework is the shape GRC tools read
/// (compliance-trestle's `component-definition` tooling, FedRAMP's validations): the component is
/// what implements, each `source` the catalog it implements.
public enum ComponentDefinitionModel {
    /// The component definition of the workspace's controls for `frameworks`, with the
    /// evidence hashes of `run` (nil: the evidence is linked by path only).
    ///
    /// - Parameter lastModified: the run's time, or the caller's fixed time without a run.
    /// - Complexity: O(requirements + controls + evidence).
    public static func document(
        graph: ControlGraph, frameworks: [FrameworkID], organisation: String,
        results: [EvidenceResult], lastModified: Date, version: String
    ) -> OSCALDocument {
        let ns = OSCALDocument.attestNamespace
        let resultsByEvidence = Dictionary(
            results.map { ($0.evidence, $0) }, uniquingKeysWith: { first, _ in first })
        var resources: [OSCALNode] = []
        var evidenceUUIDs: [EvidenceID: StableUUID] = [:]
        // Every applicable control's evidence, in control then evidence order.
        for controlID in graph.controlIDs {
            guard let control = graph.controls[controlID], control.notApplicable == nil else {
                continue
            }
            for spec in control.evidence where evidenceUUIDs[spec.id] == nil {
                let uuid = StableUUID.attest("evidence", spec.id.rawValue)
                evidenceUUIDs[spec.id] = uuid
                resources.append(resource(spec, result: resultsByEvidence[spec.id], uuid: uuid))
            }
        }
        var implementations: [OSCALNode] = []
        for frameworkID in frameworks {
            guard let framework = graph.frameworks[frameworkID] else { continue }
            let ids = ControlIdentifiers(framework)
            let sourceUUID = CatalogSource.uuid(frameworkID)
            var requirements: [OSCALNode] = []
            for key in graph.catalogOrder[frameworkID] ?? [] where graph.isInScope(key) {
                let controls = (graph.controlsByRequirement[key] ?? []).compactMap {
                    graph.controls[$0]
                }.filter { $0.notApplicable == nil }
                guard !controls.isEmpty, let controlID = ids[key.requirement] else { continue }
                requirements.append(
                    implementedRequirement(
                        key, controlID: controlID, controls: controls, evidence: evidenceUUIDs))
            }
            guard !requirements.isEmpty else { continue }
            resources.append(CatalogSource.resource(framework))
            implementations.append(
                .assembly(
                    "control-implementation",
                    flags: [
                        OSCALFlag(
                            "uuid",
                            StableUUID.attest("control-implementation", frameworkID.rawValue)
                                .text),
                        OSCALFlag("source", "#" + sourceUUID.text),
                    ],
                    [
                        .one(
                            .prose(
                                "description",
                                "How \(OSCALNode.oneLine(organisation))'s controls implement "
                                    + "\(framework.name.english).")),
                        .group("props", [.prop("framework", frameworkID.rawValue, ns: ns)]),
                        .group("implemented-requirements", requirements),
                    ]))
        }
        let component = OSCALNode.assembly(
            "component",
            flags: [
                OSCALFlag("uuid", StableUUID.attest("component", organisation).text),
                OSCALFlag("type", "this-system"),
            ],
            [
                .one(.line("title", "\(OSCALNode.oneLine(organisation)) controls")),
                .one(
                    .prose(
                        "description",
                        "The controls of \(OSCALNode.oneLine(organisation))'s Attest workspace "
                            + "and the evidence each one names.")),
                .group("control-implementations", implementations),
            ])
        return OSCALDocument(
            root: .assembly(
                "component-definition",
                flags: [
                    OSCALFlag(
                        "uuid",
                        StableUUID.attest(
                            "component-definition", organisation,
                            frameworks.map(\.rawValue).joined(separator: ",")
                        ).text)
                ],
                [
                    .one(
                        .metadata(
                            title: "Controls of \(OSCALNode.oneLine(organisation))",
                            lastModified: lastModified, version: version)),
                    .group("components", implementations.isEmpty ? [] : [component]),
                    .optional(.backMatter(resources)),
                ]))
    }

    private static func implementedRequirement(
        _ key: RequirementKey, controlID: String, controls: [Control],
        evidence: [EvidenceID: StableUUID]
    ) -> OSCALNode {
        let ns = OSCALDocument.attestNamespace
        let description = controls.map { control in
            let text = control.description?.english ?? ""
            let head = "\(control.id.rawValue): \(control.title.english)"
            return text.allSatisfy(\.isWhitespace) ? head : "\(head). \(text)"
        }.joined(separator: "\n\n")
        let links = controls.flatMap(\.evidence).compactMap { spec in
            evidence[spec.id].map {
                OSCALNode.link(
                    href: "#" + $0.text, rel: "evidence",
                    text: spec.title?.english ?? spec.id.rawValue)
            }
        }
        return .assembly(
            "implemented-requirement",
            flags: [
                OSCALFlag(
                    "uuid",
                    StableUUID.attest(
                        "implemented-requirement", key.framework.rawValue,
                        key.requirement.rawValue
                    ).text),
                OSCALFlag("control-id", controlID),
            ],
            [
                .one(.prose("description", description)),
                .group(
                    "props",
                    [.prop("requirement", OSCALNode.oneLine(key.requirement.rawValue), ns: ns)]
                        + controls.map {
                            .prop("control", OSCALNode.oneLine($0.id.rawValue), ns: ns)
                        }),
                .group("links", links),
            ])
    }

    /// An evidence item as a back-matter resource: the artifacts the run hashed, else the
    /// evidence's path without a hash.
    private static func resource(
        _ spec: EvidenceSpec, result: EvidenceResult?, uuid: StableUUID
    )
        -> OSCALNode
    {
        let ns = OSCALDocument.attestNamespace
        var rlinks = (result?.artifacts ?? []).map {
            ResourceLink(
                href: OSCALNode.uriReference($0.path), sha256: $0.sha256.isEmpty ? nil : $0.sha256)
        }
        if rlinks.isEmpty, let path = spec.path {
            rlinks.append(ResourceLink(href: OSCALNode.uriReference(path)))
        }
        var props: [OSCALNode] = [
            .prop("evidence", OSCALNode.oneLine(spec.id.rawValue), ns: ns),
            .prop("control", OSCALNode.oneLine(spec.control.rawValue), ns: ns),
            .prop("collector", spec.collector.rawValue, ns: ns),
        ]
        if let result {
            props.append(.prop("status", result.status.name, ns: ns))
            props.append(.prop("collected", OSCALNode.dateTime(result.observedAt), ns: ns))
        }
        return .resource(
            uuid: uuid, title: spec.title?.english ?? spec.id.rawValue, props: props,
            rlinks: rlinks)
    }
}
