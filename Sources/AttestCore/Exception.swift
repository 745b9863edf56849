import Foundation

extension IdentifierKinds {
    public enum Exception: IdentifierKind {}
}

/// An exception's identifier, unique in a workspace (`EX-7`); SARIF suppressions name it.
public typealias ExceptionID = Identifier<IdentifierKinds.Exception>

/// An evidence id as written in the workspace, with where, so a wrong one is reported there.
public struct EvidenceReference: Hashable, Sendable {
    public var id: EvidenceID
    public var position: SourcePosition

    public init(_ id: EvidenceID, at position: SourcePosition) {
        self.id = id
        self.position = position
    }
}

/// A known deviation, approved and time-boxed (`exceptions:` in attest.yaml or an included
/// file): a control or an evidence item that is allowed to fail for a while, with the
/// management response an auditor reads.
///
/// An exception never changes a score. It changes what the reports *say* about a failing
/// result: "covered by exception EX-7", with the response and the remediation date, instead
/// of an unexplained failure. It is `internal` unless marked otherwise, because a deviation
/// and the plan to fix it describe a weakness: it should reach a customer only by decision.
///
/// Days are `YYYY-MM-DD` in UTC and inclusive: the period runs from the first moment of
/// `from` to the last of `to`, and `expires` is the last day the exception is in force.
public struct Exception: Hashable, Sendable {
    public var id: ExceptionID
    /// The control it covers (every evidence item of it unless `evidence` narrows it).
    public var control: ControlReference?
    /// The evidence item it covers.
    public var evidence: EvidenceReference?
    /// First day of the deviation's period.
    public var from: String
    /// Last day of the deviation's period.
    public var to: String
    public var description: LocalizedText
    /// Who answers for the deviation (a team or a person, as controls' `owner:`).
    public var owner: String
    /// What management decided and does about it, as an auditor's report quotes it.
    public var managementResponse: LocalizedText
    /// The day the deviation is to be fixed by.
    public var remediationDate: String
    /// The signer (from `signers:`) who approved it.
    public var approvedBy: SignerID
    /// Last day the exception is in force; after it the exception is an error.
    public var expires: String
    public var visibility: Visibility
    /// The entry in its file.
    public var position: SourcePosition
    /// Where `approved_by:` was written.
    public var approvedByPosition: SourcePosition
    /// Where `expires:` was written.
    public var expiresPosition: SourcePosition

    public init(
        id: ExceptionID, control: ControlReference?, evidence: EvidenceReference?, from: String,
        to: String, description: LocalizedText, owner: String, managementResponse: LocalizedText,
        remediationDate: String, approvedBy: SignerID, expires: String,
        visibility: Visibility = .internal, position: SourcePosition,
        approvedByPosition: SourcePosition? = nil, expiresPosition: SourcePosition? = nil
    ) {
        self.id = id
        self.control = control
        self.evidence = evidence
        self.from = from
        self.to = to
        self.description = description
        self.owner = owner
        self.managementResponse = managementResponse
        self.remediationDate = remediationDate
        self.approvedBy = approvedBy
        self.expires = expires
        self.visibility = visibility
        self.position = position
        self.approvedByPosition = approvedByPosition ?? position
        self.expiresPosition = expiresPosition ?? position
    }

    /// Whether the exception has expired at `now`: its `expires` day is over.
    public func isExpired(at now: Date) -> Bool { Timestamp.formatDay(now) > expires }

    /// Whether `now` falls in the period (both days inclusive).
    public func periodCovers(_ now: Date) -> Bool {
        let today = Timestamp.formatDay(now)
        return from <= today && today <= to
    }

    /// In force at `now`: within its period and not expired.
    public func isOpen(at now: Date) -> Bool { periodCovers(now) && !isExpired(at: now) }

    /// Whether its remediation day is over at `now`.
    public func isPastRemediation(at now: Date) -> Bool {
        Timestamp.formatDay(now) > remediationDate
    }

    /// The last day the exception is in force: the end of its period, or its expiry if that
    /// comes first.
    public var lastDayInForce: String { min(to, expires) }

    /// Whether the exception is in force on some day from `first` to `last` (`YYYY-MM-DD`,
    /// both inclusive): the test for an interval of failing days it may explain.
    public func isInForce(someDayFrom first: String, to last: String) -> Bool {
        from <= last && first <= lastDayInForce
    }

    /// The control whose results the exception explains: the named control, else the control
    /// of the named evidence in `graph`; nil when neither is known.
    public func control(in graph: ControlGraph) -> ControlID? {
        if let evidence { return graph.evidence[evidence.id]?.control ?? control?.id }
        return control?.id
    }

    /// Whether the exception names the evidence item `evidence` of control `control`: by the
    /// evidence id when it has one, else by the control.
    public func covers(control: ControlID, evidence: EvidenceID) -> Bool {
        if let named = self.evidence { return named.id == evidence }
        return self.control?.id == control
    }
}
