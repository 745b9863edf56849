import AttestCore
import Foundation

/// What readiness and audit reports show, restricted to content at or below a visibility
/// ceiling (`internal` for the company's own reports, `nda` inside bundles).
///
/// Percentages are always computed from all evidence: hiding an internal control from a
/// report does not change the score it contributes to.
///
/// A class, not a struct: every row builder and closure of the reports holds the model, and a
/// struct's copy retained each of its graph's and scores' parts (docs/benchmarks.md).
public final class ReportModel: Sendable {
    public let graph: ControlGraph
    public let scores: Scores
    public let ceiling: Visibility
    public let build: BuildInfo
    /// The workspace's exceptions judged at the scores' time: which failing results they cover.
    public let exceptions: ExceptionRegister
    /// The period of observation the readiness reports show (`reports.period`), judged over
    /// the stored runs; nil for none.
    public let period: PeriodReport?

    public init(
        graph: ControlGraph, scores: Scores, ceiling: Visibility, build: BuildInfo,
        period: PeriodReport? = nil
    ) {
        self.graph = graph
        self.scores = scores
        self.ceiling = ceiling
        self.build = build
        self.exceptions = ExceptionRegister(
            graph.manifest.exceptions, scores: scores, now: scores.now)
        self.period = period
    }

    /// The exceptions the ceiling shows, in id order, with their state.
    public var shownExceptions: [ExceptionRegister.Entry] {
        exceptions.entries.filter { $0.exception.visibility <= ceiling }
    }

    /// The shown exceptions that name a control or evidence item whose score reaches
    /// `framework`.
    public func exceptions(of framework: FrameworkID) -> [ExceptionRegister.Entry] {
        let relevant = Set(scores.contributingControls(under: .framework(framework)))
        return shownExceptions.filter { entry in
            if let evidence = entry.exception.evidence {
                return graph.evidence[evidence.id].map { relevant.contains($0.control) } ?? false
            }
            return entry.exception.control.map { relevant.contains($0.id) } ?? false
        }
    }

    /// The period view of `framework`: its figures and the controls behind it today, those the
    /// ceiling allows; nil without a period.
    public func periodView(of framework: FrameworkID) -> PeriodView? {
        guard let period else { return nil }
        let behind = scores.contributingControls(under: .framework(framework)).filter {
            graph.controls[$0].map(isShown) ?? false
        }
        return PeriodView(
            period, frameworks: [framework], controls: Set(behind), ceiling: ceiling,
            exceptions: PeriodView.explaining(graph.manifest.exceptions, in: graph))
    }

    func isShown(_ control: Control) -> Bool { control.visibility <= ceiling }

    /// The controls a framework's score counts that the ceiling hides, and their share of it.
    public struct WithheldShare: Hashable, Sendable {
        public var framework: FrameworkID
        /// Controls behind the score the ceiling hides.
        public var controls: Int
        /// Percentage points of `percent` they carry: `percent` minus the framework's % with
        /// those controls scoring 0, both rounded as every output rounds.
        public var points: Double
        /// The framework's %.
        public var percent: Double

        public init(framework: FrameworkID, controls: Int, points: Double, percent: Double) {
            self.framework = framework
            self.controls = controls
            self.points = points
            self.percent = percent
        }

        /// "3 internal controls withheld; they carry 4.2 points of 95.3%".
        public var sentence: String {
            let noun = controls == 1 ? "control" : "controls"
            let carry = controls == 1 ? "it carries" : "they carry"
            return "\(controls) internal \(noun) withheld; \(carry) "
                + "\(ReportContext.oneDecimal(points)) points of \(ReportContext.percent(percent))"
        }
    }

    /// What the hidden controls carry of `framework`'s score, so a reader of a restricted
    /// report can reconcile its figures.
    ///
    /// - Complexity: O(size of the framework + controls behind it).
    public func withheldShare(of framework: FrameworkID) -> WithheldShare {
        let hidden = Set(
            scores.contributingControls(under: .framework(framework)).filter {
                guard let control = graph.controls[$0] else { return false }
                return !isShown(control)
            })
        let score = scores.score(of: .framework(framework))
        let carried = scores.numeratorCarried(by: hidden, under: .framework(framework))
        let without = NodeScore.percent(
            numerator: max(0, score.numerator - carried), denominator: score.denominator)
        let points = NodeScore.percent(
            numerator: score.percent - without, denominator: 100)
        return WithheldShare(
            framework: framework, controls: hidden.count, points: points,
            percent: score.percent)
    }
    func isShown(_ spec: EvidenceSpec) -> Bool { spec.visibility <= ceiling }

    /// A rule of docs/scoring.md that moved a requirement's score, as an auditor reads it.
    ///
    /// A control above the ceiling is never named: `control` is nil and the sentence says "a
    /// withheld control"; a list of controls counts the withheld ones instead.
    public enum AggregationFact: Hashable, Sendable {
        /// A key control scoring below the aggregate capped the requirement at `score`.
        /// `requirement` is the leaf; `source` the requirement the rule ran on when the leaf
        /// inherits its score (nil for a direct leaf).
        case keyCap(
            requirement: RequirementKey, source: RequirementKey?, score: Double,
            control: ControlID?)
        /// An `exceeds` control scored below 1 and was left out, because the shown `metBy`
        /// controls (and `withheldMetBy` hidden ones) meet the requirement.
        case missedTarget(
            requirement: RequirementKey, control: ControlID?, metBy: [ControlID],
            withheldMetBy: Int)
    }

    /// The key caps and missed internal targets of `framework`'s leaves, in catalog order (a
    /// leaf's cap before its missed targets): what explains a score that is not the plain mean.
    ///
    /// - Complexity: O(size of the framework + controls behind it).
    public func aggregationFacts(of framework: FrameworkID) -> [AggregationFact] {
        func shown(_ id: ControlID) -> Bool {
            graph.controls[id].map(isShown) ?? false
        }
        return scores.leaves(under: .framework(framework)).flatMap { leaf in
            leaf.rules.flatMap { rule -> [AggregationFact] in
                var facts: [AggregationFact] = []
                if let cap = rule.cap {
                    facts.append(
                        .keyCap(
                            requirement: leaf.key,
                            source: rule.requirement == leaf.key ? nil : rule.requirement,
                            score: cap.score, control: shown(cap.control) ? cap.control : nil))
                }
                let metBy = rule.counted.filter(shown)
                for missed in rule.missedTargets {
                    facts.append(
                        .missedTarget(
                            requirement: rule.requirement,
                            control: shown(missed) ? missed : nil, metBy: metBy,
                            withheldMetBy: rule.counted.count - metBy.count))
                }
                return facts
            }
        }
    }

    /// A domain row: a top-level requirement of the framework that has leaves in scope.
    public struct DomainRow: Sendable {
        public var key: RequirementKey
        public var title: LocalizedText
        public var score: NodeScore
    }

    public func domains(of framework: FrameworkID) -> [DomainRow] {
        (graph.catalogOrder[framework] ?? []).compactMap { key in
            guard let node = graph.nodes[key], node.depth == 0 else { return nil }
            let score = scores.score(of: .requirement(key))
            guard score.leafCount > 0 || score.excludedCount > 0 else { return nil }
            return DomainRow(key: key, title: node.requirement.title, score: score)
        }
    }

    /// A leaf as reports show it, with the shown controls behind it.
    public struct LeafRow: Sendable {
        public var leaf: LeafScore
        public var title: LocalizedText
        /// weight × (1 − score): how much the framework would gain if this leaf were complete.
        public var impact: Double
        public var basis: String
        public var controls: [Control]
        /// Controls behind the leaf that the ceiling hides.
        public var hiddenControls: Int
    }

    public func leafRows(of framework: FrameworkID) -> [LeafRow] {
        scores.leaves(under: .framework(framework)).map { leaf in
            var basis: String
            var controlIDs: [ControlID] = []
            switch leaf.basis {
            case let .direct(ids):
                basis = "direct"
                controlIDs = ids
            case let .inherited(sources):
                basis = "inherited from " + sources.map(\.description).joined(separator: ", ")
            case .gap: basis = "gap"
            }
            let controls = controlIDs.compactMap { graph.controls[$0] }
            let shown = controls.filter(isShown)
            return LeafRow(
                leaf: leaf, title: graph.nodes[leaf.key]?.requirement.title ?? "",
                impact: leaf.weight * (1 - leaf.score),
                basis: basis, controls: shown, hiddenControls: controls.count - shown.count)
        }
    }

    /// Leaves short of complete, most impactful first (ties by catalog order).
    public func opportunities(of framework: FrameworkID) -> [LeafRow] {
        opportunities(among: leafRows(of: framework))
    }

    /// `opportunities(of:)` over rows already computed.
    public func opportunities(among rows: [LeafRow]) -> [LeafRow] {
        rows.enumerated().filter { $0.element.impact > 0 }
            .sorted { ($1.element.impact, $0.offset) < ($0.element.impact, $1.offset) }
            .map(\.element)
    }

    /// An evidence item with its control and result, for issue lists and the evidence index.
    ///
    /// A class: a row is shared by every framework and report that lists it. It holds no copy
    /// of the control, spec, score or exception values, only a reference to its control's
    /// values and its place among them: 100,000 rows that each copied them took 88 MB of a
    /// large build's peak (docs/benchmarks.md, "Memory").
    public final class EvidenceRow: Sendable {
        private let owner: ControlEvidence
        private let index: Int
        private let covering: CoveringException?
        /// `failing`, `stale`, `missing`, `error`, `expiring`, `undated` or `ok`.
        public let concern: String

        // Borrowed, not copied: a renderer reads a field or two of these values per row, and
        // a copy of the whole value per read cost a tenth of the render phase.
        public var control: Control {
            _read { yield owner.control }
        }
        public var spec: EvidenceSpec {
            _read { yield owner.control.evidence[index] }
        }
        public var score: EvidenceScore {
            _read { yield owner.scores[index] }
        }
        /// The open exception that covers this failing result, when the ceiling shows it.
        public var exception: Exception? { covering?.exception }

        fileprivate init(
            owner: ControlEvidence, index: Int, concern: String, exception: Exception?
        ) {
            self.owner = owner
            self.index = index
            self.concern = concern
            covering = exception.map(CoveringException.init)
        }
    }

    /// A control and the scores of its evidence, shared by the control's rows.
    fileprivate final class ControlEvidence: Sendable {
        let control: Control
        let scores: [EvidenceScore]

        init(control: Control, scores: [EvidenceScore]) {
            self.control = control
            self.scores = scores
        }
    }

    fileprivate final class CoveringException: Sendable {
        let exception: Exception
        init(_ exception: Exception) { self.exception = exception }
    }

    /// Shown evidence of the shown controls whose scores reach `framework` (all frameworks when
    /// nil), directly or through an inherited score, in control then evidence order.
    public func evidenceRows(of framework: FrameworkID?) -> [EvidenceRow] {
        var relevant: Set<ControlID>?
        if let framework {
            relevant = Set(scores.contributingControls(under: .framework(framework)))
        }
        return graph.controlIDs.flatMap { id -> [EvidenceRow] in
            guard relevant?.contains(id) ?? true else { return [] }
            return evidenceRows(ofControl: id)
        }
    }

    /// The shown evidence rows of control `id`, in evidence order; none for a hidden or
    /// unscored control.
    public func evidenceRows(ofControl id: ControlID) -> [EvidenceRow] {
        guard let control = graph.controls[id], isShown(control),
            let controlScore = scores.controls[id]
        else { return [] }
        let owner = ControlEvidence(control: control, scores: controlScore.evidence)
        let count = min(control.evidence.count, controlScore.evidence.count)
        return (0..<count).compactMap { index in
            let spec = control.evidence[index]
            guard isShown(spec) else { return nil }
            let score = controlScore.evidence[index]
            let covering = exceptions.exception(covering: spec.id).flatMap {
                $0.visibility <= ceiling ? $0 : nil
            }
            return EvidenceRow(
                owner: owner, index: index,
                concern: Self.concern(score, undated: graph.manifest.undated),
                exception: covering)
        }
    }

    /// The concern of an evidence score; under `freshness.undated: warn`, a pass or partial
    /// whose date is assumed is flagged `undated`.
    static func concern(_ score: EvidenceScore, undated: UndatedPolicy = .accept) -> String {
        if undated == .warn, let result = score.result, UndatedPolicy.isUndated(result) {
            switch score.status {
            case .pass, .partial: return "undated"
            case .fail, .stale, .missing, .error: break
            }
        }
        switch score.status {
        case .fail: return "failing"
        case .partial: return score.isExpiring ? "expiring" : "partial"
        case .stale: return "stale"
        case .missing: return "missing"
        case .error: return "error"
        case .pass: return score.isExpiring ? "expiring" : "ok"
        }
    }
}
