import Foundation

/// The workspace's exceptions judged at one moment against one run's scores: which failing
/// results each open exception covers, and what is wrong with the register itself.
///
/// The one model every output reads (readiness and audit reports, the auditor package), so
/// they cannot disagree on whether a failure is covered.
public struct ExceptionRegister: Sendable {
    /// A failing result and the exception that covers it.
    public struct Coverage: Hashable, Sendable {
        public var control: ControlID
        public var evidence: EvidenceID
        public var status: EvidenceStatus
        public var exception: ExceptionID
    }

    /// Where an exception stands at `now`.
    public enum State: String, Hashable, Sendable {
        /// Within its period and not expired: it covers failing results.
        case open
        /// Its `expires` day is over: an error, and it covers nothing.
        case expired
        /// Not expired, but `now` is outside its period: it covers nothing.
        case outsidePeriod = "outside-period"
    }

    /// One exception with its state and the failing results it names.
    public struct Entry: Hashable, Sendable {
        public var exception: Exception
        public var state: State
        /// Failing results the exception names, covered or not (covered only when `open`).
        public var failing: [Coverage]
        public var isPastRemediation: Bool
    }

    /// Every exception, in id order.
    public let entries: [Entry]
    public let now: Date
    private let covering: [EvidenceID: ExceptionID]

    /// Judges `exceptions` at `now` against `scores`.
    ///
    /// A result is failing when its status is anything but `pass` (`fail`, `error`, `stale`,
    /// `missing`, `partial`). When two open exceptions name the same result, the first by id
    /// covers it.
    ///
    /// - Complexity: O(e · r) for e exceptions and r evidence results.
    public init(_ exceptions: [Exception], scores: Scores, now: Date) {
        self.now = now
        var covering: [EvidenceID: ExceptionID] = [:]
        // Only what an exception can cover, gathered only when there are exceptions: a build
        // of 100,000 results with none spent a fifth of its score phase here.
        var failingResults: [(ControlID, (evidence: EvidenceID, status: EvidenceStatus))] = []
        if !exceptions.isEmpty {
            for control in scores.controls.keys.sorted() {
                for item in scores.controls[control]?.evidence ?? [] where item.status != .pass {
                    failingResults.append((control, (item.evidence, item.status)))
                }
            }
        }
        entries = exceptions.sorted { $0.id < $1.id }.map { exception in
            let state: State =
                exception.isExpired(at: now)
                ? .expired : exception.periodCovers(now) ? .open : .outsidePeriod
            let failing = failingResults.filter {
                exception.covers(control: $0.0, evidence: $0.1.evidence)
            }.map {
                Coverage(
                    control: $0.0, evidence: $0.1.evidence, status: $0.1.status,
                    exception: exception.id)
            }
            if state == .open {
                for item in failing where covering[item.evidence] == nil {
                    covering[item.evidence] = exception.id
                }
            }
            return Entry(
                exception: exception, state: state, failing: failing,
                isPastRemediation: exception.isPastRemediation(at: now))
        }
        self.covering = covering
    }

    /// The open exception covering the failing result of `evidence`, if any.
    public func exception(covering evidence: EvidenceID) -> Exception? {
        guard let id = covering[evidence] else { return nil }
        return entries.first { $0.exception.id == id }?.exception
    }

    /// Findings about the register at `now` without results: an expired exception is an
    /// error (it was approved until a day that has passed, so the deviation is no longer
    /// accepted). `attest validate` reports these.
    public static func expiryDiagnostics(_ exceptions: [Exception], now: Date) -> [Diagnostic] {
        exceptions.filter { $0.isExpired(at: now) }.map { exception in
            .error(
                .exceptionExpired,
                "exception '\(exception.id)' expired on \(exception.expires)",
                at: exception.expiresPosition,
                hint: "renew it (a new approval and a later 'expires') or remove it once the "
                    + "deviation is fixed")
        }
    }

    /// Every finding about the register against this run: expired exceptions (error), a
    /// remediation day passed while a named result still fails (warning), an open exception
    /// naming no failing result (note: the deviation may be fixed and the exception can be
    /// closed; not a warning, as an exception is often approved before the failure shows).
    public var diagnostics: [Diagnostic] {
        var found = Self.expiryDiagnostics(entries.map(\.exception), now: now)
        for entry in entries {
            let exception = entry.exception
            if entry.isPastRemediation, let first = entry.failing.first {
                found.append(
                    .warning(
                        .exceptionRemediationPast,
                        "exception '\(exception.id)' was to be remediated by "
                            + "\(exception.remediationDate), and '\(first.evidence)' still "
                            + "fails (\(first.status.name))",
                        at: exception.position))
            }
            if entry.state == .open, entry.failing.isEmpty {
                found.append(
                    Diagnostic(
                        .note, .exceptionUnused,
                        "exception '\(exception.id)' covers no failing result",
                        at: exception.position,
                        hint: "close it if the deviation is fixed"))
            }
        }
        return found.sorted()
    }
}
