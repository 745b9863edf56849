import AttestCore
import Foundation

/// The ISO/IEC 27001:2022 Statement of Applicability (clause 6.1.3 d): for each of the 93
/// Annex A controls, in the standard's order, whether it is applicable, why it is included or
/// excluded, how far it is implemented, and the workspace controls and evidence behind it.
///
/// Attest keeps no risk register, so inclusion is justified by what the workspace holds: the
/// controls implementing the Annex A control and the in-scope requirements of other
/// frameworks mapped to it. Exclusion is justified by the workspace's `exclusions:` entry.
/// Statuses come from the score (see ``Status``); hiding a control above the visibility
/// ceiling never changes a score, it only replaces the control's name by a count.
public struct StatementOfApplicability: Sendable {
    /// The framework the statement is about.
    public static let framework = FrameworkID("iso27001")
    /// The requirement holding the Annex A themes (A.5 to A.8).
    public static let annex = RequirementKey(framework, "A")

    /// How far an Annex A control is implemented, read from its requirement's score.
    public enum Status: String, Hashable, Sendable, CaseIterable {
        /// Scored 100 % from controls of its own.
        case implemented
        /// Scored above 0 and below 100 % from controls of its own.
        case partiallyImplemented = "partially-implemented"
        /// Scored 0 %, or no control implements it and nothing maps to it.
        case notImplemented = "not-implemented"
        /// No control of its own: the score is inherited from requirements of another
        /// framework that are equivalent to it or a superset of it (docs/scoring.md).
        case inherited
        /// Excluded from scope, or outside the tags the workspace selected.
        case notApplicable = "not-applicable"

        /// The status of an in-scope leaf: inherited by basis, otherwise by score.
        public init(_ leaf: LeafScore) {
            if leaf.isInherited {
                self = .inherited
            } else if leaf.score >= 1 {
                self = .implemented
            } else if leaf.score > 0 {
                self = .partiallyImplemented
            } else {
                self = .notImplemented
            }
        }
    }

    /// Why an Annex A control is not applicable.
    public enum Exclusion: Hashable, Sendable {
        /// The workspace's `exclusions:` entry (on the control or a requirement above it).
        case excluded(requirement: RequirementKey, justification: LocalizedText)
        /// The workspace selects iso27001 with a tag filter that leaves it out.
        case outsideSelectedTags
    }

    /// One piece of evidence of an implementing control.
    public struct Evidence: Hashable, Sendable {
        public var id: EvidenceID
        public var status: EvidenceStatus
        /// SHA-256 of what was observed, when the collector recorded one.
        public var sha256: String?
    }

    /// A workspace control implementing an Annex A control (directly or, for an inherited
    /// status, through the mapped requirement it satisfies).
    public struct Implementer: Hashable, Sendable {
        public var id: ControlID
        public var title: LocalizedText
        public var score: Double
        /// The evidence shown under the ceiling, in the control's order.
        public var evidence: [Evidence]
    }

    /// One Annex A control.
    public struct Row: Hashable, Sendable {
        public var key: RequirementKey
        public var title: LocalizedText
        /// The theme it belongs to (A.5 Organizational … A.8 Technological).
        public var theme: RequirementKey
        /// nil when applicable.
        public var exclusion: Exclusion?
        public var status: Status
        /// The requirement's score, 0 to 1; nil when not applicable.
        public var score: Double?
        public var implementers: [Implementer]
        /// Implementing controls above the ceiling: counted, not named.
        public var withheld: Int
        /// In-scope requirements of other frameworks mapped to it (any relation), sorted.
        public var mappedFrom: [RequirementKey]
        /// For an inherited status: the requirements its score comes from.
        public var inheritedFrom: [RequirementKey]

        public var isApplicable: Bool { exclusion == nil }
    }

    /// The themes, in order, with their titles.
    public let themes: [(key: RequirementKey, title: LocalizedText)]
    /// The 93 rows, in Annex A order.
    public let rows: [Row]

    /// Builds the statement from a scored workspace.
    ///
    /// - Parameter ceiling: The most restricted visibility whose controls and evidence are
    ///   named (`internal` for the company's own copy, `nda` for a bundle).
    /// - Throws: `SoAError` when iso27001 is not in the workspace's scope.
    /// - Complexity: O(a × (c + e + m)) for the Annex A controls and their controls, evidence
    ///   and mappings.
    public init(scores: Scores, ceiling: Visibility) throws(SoAError) {
        let graph = scores.graph
        guard graph.isScoped(Self.framework), let annex = graph[Self.annex] else {
            throw SoAError(
                "the Statement of Applicability is for ISO/IEC 27001:2022, and iso27001 is not "
                    + "in the workspace's scope; add it under `frameworks:` in attest.yaml")
        }
        themes = annex.children.compactMap { key in
            graph[key].map { (key: key, title: $0.requirement.title) }
        }
        var rows: [Row] = []
        for theme in annex.children {
            for key in graph.assessableLeaves(under: theme) {
                guard let node = graph[key] else { continue }
                rows.append(
                    Self.row(node, theme: theme, scores: scores, ceiling: ceiling))
            }
        }
        self.rows = rows
    }

    private static func row(
        _ node: ControlGraph.Node, theme: RequirementKey, scores: Scores, ceiling: Visibility
    ) -> Row {
        let graph = scores.graph
        let key = node.key
        let mapped = Set(
            (graph.mappingsByRequirement[key] ?? []).map(\.other).filter {
                $0.framework != framework && graph.isInScope($0)
            }
        ).sorted()
        var row = Row(
            key: key, title: node.requirement.title, theme: theme, exclusion: nil,
            status: .notApplicable, score: nil, implementers: [], withheld: 0,
            mappedFrom: mapped, inheritedFrom: [])
        guard let leaf = scores.leaves[key] else {
            if let excluded = graph.exclusion(covering: key) {
                row.exclusion = .excluded(
                    requirement: excluded.requirement.key, justification: excluded.justification)
            } else {
                row.exclusion = .outsideSelectedTags
            }
            return row
        }
        row.status = Status(leaf)
        row.score = leaf.score
        var controls: [ControlID]
        if case let .inherited(sources) = leaf.basis {
            row.inheritedFrom = sources
            controls = Array(Set(sources.flatMap { graph.applicableControls(of: $0) })).sorted()
        } else {
            controls = graph.applicableControls(of: key)
        }
        for id in controls {
            guard let control = graph.controls[id] else { continue }
            guard control.visibility <= ceiling else {
                row.withheld += 1
                continue
            }
            let score = scores.controls[id]
            let evidence = control.evidence.filter { $0.visibility <= ceiling }.map { spec in
                let result = score?.evidence.first { $0.evidence == spec.id }?.result
                return Evidence(
                    id: spec.id, status: result?.status ?? .missing, sha256: result?.sha256)
            }
            row.implementers.append(
                Implementer(
                    id: id, title: control.title, score: score?.score ?? 0, evidence: evidence))
        }
        return row
    }

    /// How many rows have `status`.
    public func count(_ status: Status) -> Int { rows.count { $0.status == status } }
}

/// `attest soa` on a workspace without iso27001 in scope.
public struct SoAError: CommandFailure, Hashable, Sendable {
    public var code = "soa.iso27001-not-in-scope"
    public var message: String

    public init(_ message: String) { self.message = message }

    public var failureKind: FailureKind { .unusable }
    public var description: String { "\(message) [\(code)]" }
}
