import AttestCore
import Foundation

/// A system security plan skeleton for one framework (docs/oscal.md, "Export: system security
/// plan"): what attest.yaml says about the organisation and its system, and each in-scope
/// requirement's implementation status from the run's score, by component.
///
/// Attest describes controls and evidence, not the system itself: every field OSCAL requires
/// that attest.yaml does not state (system description, sensitivity, information types,
/// operational status, authorization boundary) is written as "Not stated in attest.yaml", for
/// the organisation to complete, never guessed.
///
/// Components: the system itself (`this-system`), which carries every requirement's status from
/// Attest's score, and one `process-procedure` component per control owner, which carries the
/// status of that owner's controls for the requirement. Status: score 1 → `implemented`,
/// between 0 and 1 → `partial`, 0 → `planned`, an excluded requirement → `not-applicable` with
/// its justification.
public enum SystemSecurityPlanModel {
    /// What every field attest.yaml leaves open says.
    public static let notStated = "Not stated in attest.yaml."

    /// The plan of `framework` from `scores` (the run's results scored at its own time).
    ///
    /// - Parameters:
    ///   - lastModified: the run's time, written as `last-modified` and in the description.
    ///   - version: the document's version (`run-N`), also what its UUID is derived from.
    /// - Throws: `OSCALWriteError` `.invalidInput` when the framework is not in scope or has no
    ///   in-scope assessable requirement (a plan implements at least one).
    /// - Complexity: O(r × c) for the framework's r requirements and their c controls.
    public static func document(
        scores: Scores, framework frameworkID: FrameworkID, lastModified: Date, version: String
    ) throws(OSCALWriteError) -> OSCALDocument {
        let graph = scores.graph
        guard let framework = graph.frameworks[frameworkID] else {
            throw OSCALWriteError(
                code: .invalidInput, detail: "framework '\(frameworkID)' is not loaded")
        }
        let organisation = Organisation(graph.manifest)
        let ids = ControlIdentifiers(framework)
        let system = StableUUID.attest("this-system", organisation.name)
        var owners: [String: StableUUID] = [:]
        var ownedControls: [String: [ControlID]] = [:]
        var requirements: [OSCALNode] = []
        for key in graph.catalogOrder[frameworkID] ?? [] {
            guard let controlID = ids[key.requirement] else { continue }
            let status: Status
            let controls: [Control]
            if let leaf = scores.leaves[key] {
                status = Status(score: leaf.score)
                controls = graph.applicableControls(of: key).compactMap { graph.controls[$0] }
            } else if graph.nodes[key]?.requirement.isAssessable == true,
                let exclusion = graph.exclusion(covering: key)
            {
                status = .notApplicable(exclusion.justification.english)
                controls = []
            } else {
                continue
            }
            var byComponent = [
                systemComponentEntry(
                    key, status: status, leaf: scores.leaves[key], graph: graph, system: system)
            ]
            let byOwner = Dictionary(grouping: controls.filter { $0.owner != nil }) {
                OSCALNode.oneLine($0.owner ?? "")
            }
            for owner in byOwner.keys.sorted() {
                let own = byOwner[owner] ?? []
                let uuid = StableUUID.attest("ssp-component", organisation.name, owner)
                owners[owner] = uuid
                for control in own where !(ownedControls[owner] ?? []).contains(control.id) {
                    ownedControls[owner, default: []].append(control.id)
                }
                byComponent.append(
                    ownerEntry(key, owner: owner, controls: own, scores: scores, component: uuid))
            }
            requirements.append(
                implementedRequirement(
                    key, controlID: controlID, status: status, byComponent: byComponent))
        }
        guard !requirements.isEmpty else {
            throw OSCALWriteError(
                code: .invalidInput,
                detail: "framework '\(frameworkID)' has no requirement in scope to implement")
        }
        let components =
            [systemComponent(organisation, framework: framework, uuid: system)]
            + owners.keys.sorted().map { owner in
                ownerComponent(
                    owner, uuid: owners[owner] ?? system, controls: ownedControls[owner] ?? [],
                    graph: graph)
            }
        let catalog = CatalogSource.uuid(frameworkID)
        let title =
            "System security plan: \(organisation.name), "
            + OSCALNode.oneLine(framework.name.english)
        let metadata = OSCALNode.metadata(
            title: title, lastModified: lastModified, version: version,
            parties: [organisation.party])
        let importProfile = OSCALNode.assembly(
            "import-profile", flags: [OSCALFlag("href", "#" + catalog.text)],
            [.one(.prose("remarks", "The catalog of \(frameworkID.rawValue), in back-matter."))])
        let implementation = OSCALNode.assembly(
            "system-implementation",
            [
                .group("components", components),
                .one(
                    .prose(
                        "remarks",
                        "Users: \(notStated) Components: the system, and the controls of each "
                            + "control owner.")),
            ])
        let description =
            "How \(organisation.name) implements \(OSCALNode.oneLine(framework.name.english)), "
            + "as Attest scored it (\(version), \(OSCALNode.dateTime(lastModified)))."
        let controlImplementation = OSCALNode.assembly(
            "control-implementation",
            [
                .one(.prose("description", description)),
                .group("implemented-requirements", requirements),
            ])
        let uuid = StableUUID.attest(
            "system-security-plan", organisation.name, frameworkID.rawValue, version,
            OSCALNode.dateTime(lastModified))
        return OSCALDocument(
            root: .assembly(
                "system-security-plan", flags: [OSCALFlag("uuid", uuid.text)],
                [
                    .one(metadata), .one(importProfile),
                    .one(systemCharacteristics(organisation, framework: framework)),
                    .one(implementation), .one(controlImplementation),
                    .optional(.backMatter([CatalogSource.resource(framework)])),
                ]))
    }

    /// An implementation status and why.
    enum Status: Hashable {
        case scored(Double)
        case notApplicable(String)

        init(score: Double) { self = .scored(score) }

        /// OSCAL's `implementation-status/@state`.
        var state: String {
            switch self {
            case .notApplicable: "not-applicable"
            case .scored(let score) where score >= 1: "implemented"
            case .scored(let score) where score > 0: "partial"
            case .scored: "planned"
            }
        }

        var node: OSCALNode {
            let remarks: String =
                switch self {
                case .scored(let score):
                    "Attest score \(NodeScore.figure(score)) "
                        + "(\(NodeScore.figure(NodeScore.percent(score))) %)."
                case .notApplicable(let justification): "Excluded: \(justification)"
                }
            return .assembly(
                "implementation-status", flags: [OSCALFlag("state", state)],
                [.one(.prose("remarks", remarks))])
        }
    }

    /// attest.yaml's `organisation:`.
    struct Organisation {
        var name: String
        var legalName: String?
        var website: String?
        var country: String?
        var contact: String?

        init(_ manifest: Manifest) {
            name = OSCALNode.oneLine(manifest.organisation)
            let profile = manifest.organisationProfile
            func field(_ key: String) -> String? {
                profile?[key]?.scalar.map { OSCALNode.oneLine($0, fallback: "") }.flatMap {
                    $0.isEmpty ? nil : $0
                }
            }
            legalName = field("legal_name")
            website = field("website")
            country = field("country")
            contact = field("contact")
        }

        /// The organisation as a metadata `party` (the same UUID as in the assessment results).
        var party: OSCALNode {
            let email = contact.flatMap { $0.contains("@") ? $0 : nil }
            return .assembly(
                "party",
                flags: [
                    OSCALFlag("uuid", StableUUID.attest("party", name).text),
                    OSCALFlag("type", "organization"),
                ],
                [
                    .one(.text("name", legalName ?? name)),
                    .optional(legalName == nil ? nil : .text("short-name", name)),
                    .group(
                        "links",
                        website.map { [.link(href: OSCALNode.uriReference($0), rel: "homepage")] }
                            ?? []),
                    .group("email-addresses", email.map { [.text("email-address", $0)] } ?? []),
                    .group(
                        "addresses",
                        country.map { [.assembly("address", [.one(.text("country", $0))])] }
                            ?? []),
                ])
        }
    }

    private static func systemCharacteristics(
        _ organisation: Organisation, framework: Framework
    ) -> OSCALNode {
        let ns = OSCALDocument.attestNamespace
        return .assembly(
            "system-characteristics",
            [
                .many(
                    "system-ids",
                    [
                        OSCALNode(
                            "system-id",
                            flags: [OSCALFlag("identifier-type", "https://ietf.org/rfc/rfc4122")],
                            value: .text(StableUUID.attest("system", organisation.name).text),
                            jsonValueKey: "id")
                    ]),
                .one(.text("system-name", organisation.name)),
                .one(
                    .prose(
                        "description",
                        "\(notStated) Attest's workspace describes the controls of "
                            + "\(organisation.name) and their evidence, not the system; this "
                            + "plan covers \(OSCALNode.oneLine(framework.name.english)).")),
                .group("props", [.prop("framework", framework.id.rawValue, ns: ns)]),
                .one(.text("security-sensitivity-level", notStated)),
                .one(
                    .assembly(
                        "system-information",
                        [
                            .many(
                                "information-types",
                                [
                                    .assembly(
                                        "information-type",
                                        flags: [
                                            OSCALFlag(
                                                "uuid",
                                                StableUUID.attest(
                                                    "information-type", organisation.name
                                                ).text)
                                        ],
                                        [
                                            .one(
                                                .line(
                                                    "title",
                                                    "Information \(organisation.name)'s system "
                                                        + "processes")),
                                            .one(.prose("description", notStated)),
                                        ])
                                ])
                        ])),
                .one(
                    .assembly(
                        "status", flags: [OSCALFlag("state", "other")],
                        [.one(.prose("remarks", notStated))])),
                .one(
                    .assembly(
                        "authorization-boundary",
                        [
                            .one(
                                .prose(
                                    "description",
                                    "\(notStated) The requirements below are those of "
                                        + "\(framework.id.rawValue) in scope of the workspace."))
                        ])),
            ])
    }

    private static func systemComponent(
        _ organisation: Organisation, framework: Framework, uuid: StableUUID
    ) -> OSCALNode {
        .assembly(
            "component",
            flags: [OSCALFlag("uuid", uuid.text), OSCALFlag("type", "this-system")],
            [
                .one(.line("title", organisation.name)),
                .one(
                    .prose(
                        "description",
                        "The system of \(organisation.name) as a whole. \(notStated)")),
                .one(
                    .assembly(
                        "status", flags: [OSCALFlag("state", "other")],
                        [.one(.prose("remarks", notStated))])),
            ])
    }

    private static func ownerComponent(
        _ owner: String, uuid: StableUUID, controls: [ControlID], graph: ControlGraph
    ) -> OSCALNode {
        let list = controls.sorted().map { id in
            "\(id.rawValue): " + OSCALNode.oneLine(graph.controls[id]?.title.english ?? "")
        }
        return .assembly(
            "component",
            flags: [OSCALFlag("uuid", uuid.text), OSCALFlag("type", "process-procedure")],
            [
                .one(.line("title", "Controls owned by \(owner)")),
                .one(
                    .prose(
                        "description",
                        "The Attest controls whose owner is \(owner):\n\n"
                            + list.joined(separator: "\n\n"))),
                .group(
                    "props",
                    [.prop("owner", owner, ns: OSCALDocument.attestNamespace)]),
                .one(.assembly("status", flags: [OSCALFlag("state", "operational")])),
            ])
    }

    /// The system's `by-component`: the requirement's own status and how Attest reached it.
    private static func systemComponentEntry(
        _ key: RequirementKey, status: Status, leaf: LeafScore?, graph: ControlGraph,
        system: StableUUID
    ) -> OSCALNode {
        let description: String
        switch (status, leaf?.basis) {
        case (.notApplicable(let justification), _):
            description = "Excluded from scope: \(justification)"
        case (_, .direct(let controls)?):
            description =
                "Implemented by the Attest controls "
                + controls.map(\.rawValue).joined(separator: ", ") + "."
        case (_, .inherited(let keys)?):
            description =
                "No control of its own; covered through mappings from "
                + keys.map(\.description).joined(separator: ", ") + "."
        default:
            description = "No control implements this requirement yet."
        }
        return byComponentNode(
            key, component: system, description: description, status: status)
    }

    /// An owner's `by-component`: the status of that owner's controls for the requirement
    /// (their weighted mean score).
    private static func ownerEntry(
        _ key: RequirementKey, owner: String, controls: [Control], scores: Scores,
        component: StableUUID
    ) -> OSCALNode {
        var weighted = 0.0
        var total = 0.0
        for control in controls {
            let weight = control.weight
            weighted += weight * (scores.controls[control.id]?.score ?? 0)
            total += weight
        }
        let list = controls.map { "\($0.id.rawValue): " + OSCALNode.oneLine($0.title.english) }
        return byComponentNode(
            key, component: component,
            description: "Controls of \(owner):\n\n" + list.joined(separator: "\n\n"),
            status: Status(score: total > 0 ? weighted / total : 0))
    }

    private static func byComponentNode(
        _ key: RequirementKey, component: StableUUID, description: String, status: Status
    ) -> OSCALNode {
        .assembly(
            "by-component",
            flags: [
                OSCALFlag("component-uuid", component.text),
                OSCALFlag(
                    "uuid",
                    StableUUID.attest(
                        "by-component", key.framework.rawValue, key.requirement.rawValue,
                        component.text
                    ).text),
            ],
            [.one(.prose("description", description)), .one(status.node)])
    }

    private static func implementedRequirement(
        _ key: RequirementKey, controlID: String, status: Status, byComponent: [OSCALNode]
    ) -> OSCALNode {
        let ns = OSCALDocument.attestNamespace
        var props: [OSCALNode] = [
            .prop("requirement", OSCALNode.oneLine(key.requirement.rawValue), ns: ns)
        ]
        if case .scored(let score) = status {
            props.append(.prop("score", NodeScore.figure(score), ns: ns))
        }
        return .assembly(
            "implemented-requirement",
            flags: [
                OSCALFlag(
                    "uuid",
                    StableUUID.attest(
                        "ssp-implemented-requirement", key.framework.rawValue,
                        key.requirement.rawValue
                    ).text),
                OSCALFlag("control-id", controlID),
            ],
            [.group("props", props), .group("by-components", byComponent)])
    }
}
