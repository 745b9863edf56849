import AttestCore
import Foundation

/// Facts about the build being rendered.
public struct BuildInfo: Hashable, Sendable {
    public var id: String
    public var time: Date
    public var toolVersion: String
    /// The workspace's git revision (`-dirty` with uncommitted changes), for the audit report.
    public var revision: String?
    /// The CI run or job that built it, an http(s) URL already validated (`CIRun`).
    public var ciURL: String?

    public init(
        id: String, time: Date, toolVersion: String, revision: String? = nil,
        ciURL: String? = nil
    ) {
        self.id = id
        self.time = time
        self.toolVersion = toolVersion
        self.revision = revision
        self.ciURL = ciURL
    }
}

/// What the store remembers of the previous build, for "changes since the previous build".
public struct PreviousBuild: Hashable, Sendable {
    public var time: Date
    /// Framework % by framework id.
    public var frameworkPercents: [FrameworkID: Double]
    /// Controls of the previous build with their visibility and English title.
    public var controls: [ControlID: (visibility: Visibility, title: String)]
    /// Evidence statuses and observation times by id.
    public var evidence: [EvidenceID: (status: String, observedAt: Date)]
    /// SHA-256 of what each evidence's collector looked at, where it had one, so a new
    /// artifact can be told from the same one read again.
    public var evidenceHashes: [EvidenceID: String]
    /// Control scores (0…1) of the previous build, for "which control changed state".
    public var controlScores: [ControlID: Double]
    /// The previous build's exclusions with their visibility; nil when they are unknown (a
    /// build recorded before runs kept their scope), and then no scope change is reported.
    public var exclusions: [RequirementKey: Visibility]?

    public init(
        time: Date, frameworkPercents: [FrameworkID: Double],
        controls: [ControlID: (visibility: Visibility, title: String)],
        evidence: [EvidenceID: (status: String, observedAt: Date)],
        evidenceHashes: [EvidenceID: String] = [:], controlScores: [ControlID: Double] = [:],
        exclusions: [RequirementKey: Visibility]? = nil
    ) {
        self.exclusions = exclusions
        self.controlScores = controlScores
        self.time = time
        self.frameworkPercents = frameworkPercents
        self.controls = controls
        self.evidence = evidence
        self.evidenceHashes = evidenceHashes
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.time == rhs.time && lhs.frameworkPercents == rhs.frameworkPercents
            && lhs.controls.mapValues { "\($0.visibility)|\($0.title)" }
                == rhs.controls.mapValues { "\($0.visibility)|\($0.title)" }
            && lhs.evidence.mapValues { "\($0.status)@\($0.observedAt.timeIntervalSince1970)" }
                == rhs.evidence.mapValues { "\($0.status)@\($0.observedAt.timeIntervalSince1970)" }
            && lhs.evidenceHashes == rhs.evidenceHashes && lhs.controlScores == rhs.controlScores
            && lhs.exclusions == rhs.exclusions
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(time)
        hasher.combine(Set(controls.keys))
    }
}

/// Builds the public trust center from the workspace and its scores: the one place where
/// visibility is enforced for the public site, JSON and XML.
///
/// Rules: only `public` programs, sections, items, integrations, sub-processors, channels and
/// policies; only `public` controls, named by id and title; percentages of frameworks and
/// domains (computed from all evidence, which is the point of a live %), never the evidence
/// itself, its messages or paths.
public struct PublicProjection {
    public var graph: ControlGraph
    public var scores: Scores
    public var content: TrustCenterContent
    public var build: BuildInfo
    /// Past framework % per framework, oldest first (without the current build).
    public var trends: [FrameworkID: [(date: Date, percent: Double)]]
    public var previous: PreviousBuild?
    public var signingKeyFingerprint: String?
    /// When the evidence was collected: the build time, or the recorded collection's start
    /// for `build --no-collect`. An observation dated then was read, not renewed.
    public var collectedAt: Date?
    /// What the proof of each `certified` program supports, by program id; a certified
    /// program missing here is unverified.
    public var standings: [String: ProgramStanding]
    /// The period of `reports.period`, judged over the stored runs; nil for none. Only its
    /// framework figures are published (they average figures the page already shows).
    public var period: PeriodReport?

    public init(
        graph: ControlGraph, scores: Scores, content: TrustCenterContent, build: BuildInfo,
        trends: [FrameworkID: [(date: Date, percent: Double)]] = [:],
        previous: PreviousBuild? = nil,
        signingKeyFingerprint: String? = nil, collectedAt: Date? = nil,
        standings: [String: ProgramStanding] = [:], period: PeriodReport? = nil
    ) {
        self.period = period
        self.standings = standings
        self.collectedAt = collectedAt
        self.graph = graph
        self.scores = scores
        self.content = content
        self.build = build
        self.trends = trends
        self.previous = previous
        self.signingKeyFingerprint = signingKeyFingerprint
    }

    /// ISO 8601 to the second in UTC, as every public output writes times.
    public static func isoDate(_ date: Date) -> String { Timestamp.format(date) }

    /// Builds the projection.
    ///
    /// - Complexity: O(programs × domains + sections × items + controls).
    public func project() -> PublicTrustCenter {
        let manifest = graph.manifest
        let profile = manifest.organisationProfile
        let programs = manifest.programs.filter { $0.visibility == .public }.map(program)
        // Only frameworks with a live score (certified or in-progress programs) are published.
        let frameworkIDs = Array(Set(programs.filter { $0.percent != nil }.compactMap(\.framework)))
            .sorted()
        let requestable =
            content.reportRequest == nil ? [] : programs.filter(\.reportUnderNDA).map(\.title)
        return PublicTrustCenter(
            formatVersion: PublicTrustCenter.formatVersion, generatedAt: Self.isoDate(build.time),
            buildID: build.id, toolVersion: build.toolVersion, locales: manifest.locales,
            organisation: .init(
                name: manifest.organisation, legalName: profile?["legal_name"]?.scalar,
                website: profile?["website"]?.scalar, country: profile?["country"]?.scalar),
            title: content.title?.strings, tagline: content.tagline?.strings,
            contact: content.contact,
            reportRequest: content.reportRequest.map {
                // Without a url of its own, the request goes to the served portal, if any.
                .init(
                    email: $0.email, url: $0.url ?? manifest.portal.map { $0.url + "/request" },
                    text: $0.text?.strings, programs: requestable)
            },
            programs: programs,
            frameworks: frameworkIDs.compactMap { id in
                guard let framework = graph.frameworks[FrameworkID(id)],
                    graph.isScoped(framework.id)
                else { return nil }
                let score = scores.score(of: .framework(framework.id))
                return .init(
                    id: id, name: framework.name.strings, percent: score.percent,
                    coverage: NodeScore.percent(score.coverage))
            },
            exclusions: Self.nonEmpty(
                publicExclusions(of: Set(frameworkIDs.map { FrameworkID($0) }))),
            sections: content.sections.filter { $0.visibility == .public }.map(section),
            integrations: content.integrations.filter { $0.visibility == .public }.map {
                .init(
                    name: $0.name,
                    scopes: $0.scopes.filter { $0.visibility == .public }.map {
                        .init(scope: $0.scope, access: $0.access, purpose: $0.purpose.strings)
                    }, backing: backing($0.backedBy))
            },
            subprocessors: content.subprocessors.filter { $0.visibility == .public }.map {
                .init(
                    name: $0.name, purpose: $0.purpose.strings, location: $0.location.english,
                    url: $0.url, backing: backing($0.backedBy),
                    localizedLocation: $0.location.strings)
            },
            incidentResponse: content.incidentResponse.map { incident in
                let commitments = incident.commitments.filter { $0.visibility == .public }
                let backed = commitments.contains { !$0.backedBy.isEmpty }
                return .init(
                    channels: incident.channels.filter { $0.visibility == .public }.map {
                        .init(
                            priority: $0.priority, name: $0.name.strings, contact: $0.contact,
                            backing: backing($0.backedBy))
                    },
                    commitments: commitments.map(\.text.strings),
                    commitmentBacking: backed
                        ? commitments.map { backing($0.backedBy) ?? Self.unbacked } : nil)
            },
            legal: content.legal.map {
                .init(
                    governingLaw: $0.governingLaw.filter { $0.visibility == .public }.map {
                        .init(
                            customers: $0.customers.strings, law: $0.law.strings,
                            backing: backing($0.backedBy))
                    },
                    presence: $0.presence.filter { $0.visibility == .public }.map {
                        .init(
                            place: $0.place.strings, role: $0.role.strings,
                            backing: backing($0.backedBy))
                    },
                    policies: $0.policies.filter { $0.visibility == .public }.map {
                        .init(title: $0.title.strings, url: $0.url, backing: backing($0.backedBy))
                    })
            },
            changes: changes(programs: programs),
            signingKey: signingKeyFingerprint.map { .init(algorithm: "ed25519", fingerprint: $0) })
    }

    private func domain(_ key: RequirementKey) -> PublicTrustCenter.Domain? {
        guard let node = graph.nodes[key], graph.isScoped(key.framework) else { return nil }
        return .init(
            framework: key.framework.rawValue, id: key.requirement.rawValue,
            title: node.requirement.title.strings,
            percent: scores.score(of: .requirement(key)).percent)
    }

    private func program(_ program: Program) -> PublicTrustCenter.Program {
        var live: NodeScore?
        if let framework = program.framework, program.status != .planned, graph.isScoped(framework)
        {
            live = scores.score(of: .framework(framework))
        }
        var trend: [PublicTrustCenter.TrendPoint] = []
        if let framework = program.framework, let live {
            trend = (trends[framework] ?? []).map {
                .init(date: Self.isoDate($0.date), percent: $0.percent)
            }
            trend.append(.init(date: Self.isoDate(build.time), percent: live.percent))
        }
        // A certification shows what its proof supports; with a proof, its facts are the
        // certificate's, never typed ones.
        var standing: String?
        var facts = (
            auditor: program.auditor, certifiedOn: program.certifiedOn,
            expiresOn: program.expiresOn, score: program.externalScore
        )
        if program.status == .certified {
            let judged = standings[program.id] ?? .unverified(.noProof, nil)
            standing = judged.name
            if program.proof != nil {
                let read = judged.facts
                facts = (read?.issuer, read?.certifiedOn, read?.expiresOn, read?.score)
            }
        }
        let measure = program.measuredBy.flatMap(self.measure)
        return .init(
            id: program.id, title: program.title.strings, status: program.status.rawValue,
            standing: standing,
            framework: program.framework?.rawValue,
            frameworkName: program.framework.flatMap { graph.frameworks[$0]?.name.strings },
            auditor: facts.auditor, certifiedOn: facts.certifiedOn,
            expiresOn: facts.expiresOn,
            externalScore: facts.score, targetQuarter: program.targetQuarter,
            reportUnderNDA: program.reportUnderNDA, description: program.description?.strings,
            percent: live?.percent ?? measure?.backing.percent,
            coverage: live.map { NodeScore.percent($0.coverage) },
            domains: live == nil ? [] : program.domains.compactMap { domain($0.key) }, trend: trend,
            measure: measure,
            period: live == nil ? nil : program.framework.flatMap(periodFigure))
    }

    /// `framework`'s figure over the period, when a stored run observed it.
    private func periodFigure(_ framework: FrameworkID) -> PublicTrustCenter.PeriodFigure? {
        guard let period, let record = period.record(of: .framework(framework)),
            record.observedDays > 0
        else { return nil }
        return .init(
            first: OperatingPeriod.dayText(period.period.firstDay),
            last: OperatingPeriod.dayText(period.period.lastDay), days: period.dayCount,
            observedDays: record.observedDays, percent: record.percent)
    }

    /// A measured program's live status and figure: the figure's count is the tally the
    /// named evidence carried at this build, shown only while that evidence is current.
    private func measure(_ measure: ProgramMeasure) -> PublicTrustCenter.Measure? {
        guard let status = backing(measure.controls.map(\.id)) else { return nil }
        var tally: Tally?
        if let figure = measure.figure, let spec = graph.evidence[figure],
            let result = scores.controls[spec.control]?.evidence.first(where: {
                $0.evidence == figure
            })?.result
        {
            switch result.status {
            case .pass, .partial, .fail: tally = result.tally
            case .error, .stale, .missing: tally = nil
            }
        }
        return .init(
            passed: tally?.passed, total: tally?.total, unit: measure.unit?.strings,
            backing: status)
    }

    /// What an aligned list shows for a claim naming no control.
    static let unbacked = PublicTrustCenter.Backing(status: "unbacked", percent: nil, controls: [])

    /// The live status of the controls behind a claim: `met` when every one scores 100 %,
    /// `not-met` when every one scores 0 % (or none is scored), else `partly-met`; the
    /// percent is their mean. Non-public controls count but are not named.
    ///
    /// - Complexity: O(controls).
    func backing(_ ids: [ControlID]) -> PublicTrustCenter.Backing? {
        var seen: Set<ControlID> = []
        let unique = ids.filter { seen.insert($0).inserted }
        guard !unique.isEmpty else { return nil }
        let scored = unique.compactMap { scores.controls[$0] }.filter(\.isApplicable)
        let mean = scored.isEmpty ? 0 : scored.map(\.score).reduce(0, +) / Double(scored.count)
        let status = mean >= 1 ? "met" : mean <= 0 ? "not-met" : "partly-met"
        return .init(
            status: status, percent: NodeScore.percent(mean),
            controls: unique.compactMap(controlState))
    }

    private func section(_ section: TrustCenterContent.Section) -> PublicTrustCenter.Section {
        .init(
            id: section.id, title: section.title.strings, summary: section.summary?.strings,
            domain: section.domain.flatMap(domain),
            items: section.items.filter { $0.visibility == .public }.map { item in
                .init(
                    title: item.title.strings, text: item.text?.strings,
                    controls: item.controls.compactMap(controlState),
                    backing: backing(item.controls))
            })
    }

    /// A public control's state; nil for unknown or non-public controls.
    private func controlState(_ id: ControlID) -> PublicTrustCenter.ControlState? {
        guard let control = graph.controls[id], control.visibility == .public,
            let score = scores.controls[id]
        else { return nil }
        return .init(
            id: id.rawValue, title: control.title.strings, state: Self.state(score.score),
            percent: NodeScore.percent(score.score))
    }

    /// The public word for a control score: `passing` (1), `failing` (0), else `attention`.
    static func state(_ score: Double) -> String {
        score >= 1 ? "passing" : score <= 0 ? "failing" : "attention"
    }

    /// Public controls whose state changed since `previous`, new failures first, each with the
    /// published frameworks it satisfies whose % moved.
    private func controlsChanged(
        _ previous: PreviousBuild, programs: [PublicTrustCenter.Program]
    ) -> [PublicTrustCenter.Changes.ControlChange] {
        let published = Set(programs.compactMap { $0.percent == nil ? nil : $0.framework })
        let changes = graph.controlIDs.compactMap {
            id -> PublicTrustCenter.Changes.ControlChange? in
            guard let control = graph.controls[id], control.visibility == .public,
                let score = scores.controls[id], let before = previous.controlScores[id]
            else { return nil }
            let from = Self.state(before)
            let to = Self.state(score.score)
            guard from != to else { return nil }
            let frameworks = Set(control.satisfies.map(\.key.framework)).sorted().compactMap {
                framework -> PublicTrustCenter.Changes.FrameworkMove? in
                guard published.contains(framework.rawValue), graph.isScoped(framework),
                    let was = previous.frameworkPercents[framework]
                else { return nil }
                let now = scores.score(of: .framework(framework)).percent
                guard now != was else { return nil }
                return .init(
                    id: framework.rawValue,
                    name: graph.frameworks[framework]?.name.strings ?? [:], from: was, to: now)
            }
            return .init(
                id: id.rawValue, title: control.title.strings, from: from, to: to,
                frameworks: frameworks)
        }
        // New failures first, then every other change, each group by id.
        return changes.filter { $0.to == "failing" } + changes.filter { $0.to != "failing" }
    }

    private func publicControlRef(_ id: ControlID) -> PublicTrustCenter.Changes.ControlRef? {
        guard let control = graph.controls[id], control.visibility == .public else { return nil }
        return .init(id: id.rawValue, title: control.title.strings)
    }

    /// Renewed means a new artifact (another hash than the previous build's) or a later
    /// observation date that is truly one (`source`, `git` or `live`); an `assumed` date is the
    /// collection's own time, the same evidence read again, however late.
    private func isRenewed(_ result: EvidenceResult, since observedBefore: Date) -> Bool {
        if let hash = result.sha256, let before = previous?.evidenceHashes[result.evidence] {
            if hash != before { return true }
        }
        return result.observedAt > observedBefore && result.dateSource != .assumed
    }

    /// `list`, or nil when it is empty: an optional part of the vocabulary is left out then.
    static func nonEmpty<T>(_ list: [T]) -> [T]? { list.isEmpty ? nil : list }

    /// Public exclusions of `frameworks`, by requirement.
    private func publicExclusions(
        of frameworks: Set<FrameworkID>
    ) -> [PublicTrustCenter.Exclusion] {
        graph.exclusions.values
            .filter {
                $0.visibility == .public && frameworks.contains($0.requirement.key.framework)
            }
            .sorted { $0.requirement.key < $1.requirement.key }
            .map { exclusion in
                let key = exclusion.requirement.key
                return .init(
                    framework: key.framework.rawValue,
                    frameworkName: graph.frameworks[key.framework]?.name.strings ?? [:],
                    requirement: key.requirement.rawValue,
                    title: graph.nodes[key]?.requirement.title.strings ?? [:],
                    justification: exclusion.justification.strings)
            }
    }

    /// Exclusions of scoped frameworks in this build.
    private var currentExclusions: [RequirementKey: Exclusion] {
        graph.exclusions.filter { graph.isScoped($0.key.framework) }
    }

    /// Frameworks whose excluded requirements differ from the previous build's, whatever the
    /// exclusions' visibility; empty when the previous scope is unknown.
    private func frameworksWithScopeChange(_ previous: PreviousBuild) -> Set<FrameworkID> {
        guard let before = previous.exclusions else { return [] }
        let now = Set(currentExclusions.keys)
        return Set(now.symmetricDifference(before.keys).map(\.framework))
    }

    /// Whether any control's score changed since `previous` (or a control came or went): if
    /// none did, a framework move can only come from its scope.
    private func anyControlScoreChanged(_ previous: PreviousBuild) -> Bool {
        guard Set(previous.controlScores.keys) == Set(graph.controlIDs) else { return true }
        return graph.controlIDs.contains {
            previous.controlScores[$0] != scores.controls[$0]?.score
        }
    }

    /// Public exclusions of `published` frameworks added or removed since `previous`.
    private func scopeChanges(
        _ previous: PreviousBuild, published: Set<FrameworkID>
    ) -> [PublicTrustCenter.Changes.ScopeChange] {
        guard let before = previous.exclusions else { return [] }
        let now = currentExclusions
        func change(
            _ key: RequirementKey, _ kind: String, _ justification: LocalizedText?
        ) -> PublicTrustCenter.Changes.ScopeChange {
            .init(
                framework: key.framework.rawValue,
                frameworkName: graph.frameworks[key.framework]?.name.strings ?? [:],
                requirement: key.requirement.rawValue,
                title: graph.nodes[key]?.requirement.title.strings ?? [:], change: kind,
                justification: justification?.strings)
        }
        let excluded = now.values.filter {
            $0.visibility == .public && before[$0.requirement.key] == nil
        }
        .map { change($0.requirement.key, "excluded", $0.justification) }
        // Back in scope: named only if the exclusion was public when it was last built.
        let included = before.filter { $0.value == .public && now[$0.key] == nil }
            .map { change($0.key, "included", nil) }
        return (excluded + included)
            .filter { published.contains(FrameworkID($0.framework)) }
            .sorted { ($0.framework, $0.requirement) < ($1.framework, $1.requirement) }
    }

    private func changes(programs: [PublicTrustCenter.Program]) -> PublicTrustCenter.Changes? {
        guard let previous else { return nil }
        let rescoped = frameworksWithScopeChange(previous)
        let scopeOnly = !rescoped.isEmpty && !anyControlScoreChanged(previous)
        let moves: [PublicTrustCenter.Changes.ProgramMove] = programs.compactMap { program in
            guard let framework = program.framework, let now = program.percent,
                let before = previous.frameworkPercents[FrameworkID(framework)], before != now
            else { return nil }
            let changed = rescoped.contains(FrameworkID(framework))
            return .init(
                id: program.id, title: program.title, from: before, to: now,
                scope: changed ? (scopeOnly ? "only" : "also") : nil)
        }
        let published = Set(programs.compactMap { $0.percent == nil ? nil : $0.framework })
        let current = Set(graph.controlIDs)
        let before = Set(previous.controls.keys)
        let added = current.subtracting(before).sorted().compactMap(publicControlRef)
        // A removed control is named only if it was public when it was last built.
        let removed: [PublicTrustCenter.Changes.ControlRef] = before.subtracting(current).sorted()
            .compactMap {
                guard let old = previous.controls[$0], old.visibility == .public else { return nil }
                return .init(id: $0.rawValue, title: [LocalizedText.defaultLocale: old.title])
            }
        var renewed = 0
        var expired = 0
        for id in graph.controlIDs {
            guard let control = graph.controls[id], control.visibility == .public,
                let score = scores.controls[id]
            else { continue }
            for evidence in score.evidence {
                guard let result = evidence.result,
                    let before = previous.evidence[evidence.evidence]
                else { continue }
                if result.status != .stale, isRenewed(result, since: before.observedAt) {
                    renewed += 1
                }
                if result.status == .stale, before.status != EvidenceStatus.stale.name {
                    expired += 1
                }
            }
        }
        return .init(
            since: Self.isoDate(previous.time), programs: moves,
            scopeChanges: Self.nonEmpty(
                scopeChanges(previous, published: Set(published.map { FrameworkID($0) }))),
            controlsAdded: added,
            controlsRemoved: removed,
            controlsChanged: controlsChanged(previous, programs: programs),
            evidenceRenewed: renewed, evidenceExpired: expired)
    }
}
