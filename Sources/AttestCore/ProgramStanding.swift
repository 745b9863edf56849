/// What the evidence supports of a program declared `certified`: certified, expired, or
/// unverified with the reason.
public enum ProgramStanding: Hashable, Sendable {
    /// The proof passes, the file is the pinned one and the certificate is in force.
    case certified(CertificateFacts)
    /// As `certified`, but the build day is after `expires_on`.
    case expired(CertificateFacts)
    /// Nothing proves it; the facts are kept when the file could be trusted (a certificate
    /// not yet in force, say), nil otherwise.
    case unverified(Reason, CertificateFacts?)

    /// Why a certification is unverified.
    public enum Reason: String, Hashable, Sendable, CaseIterable {
        /// The program names no `proof:`.
        case noProof = "no-proof"
        /// The proof's evidence has no result, or its artifact is missing.
        case proofMissing = "proof-missing"
        /// The proof's evidence did not pass (fail, partial, error).
        case proofFailing = "proof-failing"
        /// The proof's evidence is older than its `max_age`.
        case proofStale = "proof-stale"
        /// The certificate file cannot be read or lacks its facts.
        case letterUnreadable = "letter-unreadable"
        /// The file is not the one pinned by `sha256:`, or changed since it was collected.
        case hashMismatch = "hash-mismatch"
        /// `certified_on` is after the build day.
        case notYetInForce = "not-yet-in-force"
    }

    /// `certified`, `expired` or `unverified`: the word the public outputs carry.
    public var name: String {
        switch self {
        case .certified: "certified"
        case .expired: "expired"
        case .unverified: "unverified"
        }
    }

    /// The certificate's facts, when they may be shown.
    public var facts: CertificateFacts? {
        switch self {
        case .certified(let facts), .expired(let facts): facts
        case .unverified(_, let facts): facts
        }
    }

    /// Judges a certified program.
    ///
    /// - Parameters:
    ///   - proof: The program's `proof:`, if any.
    ///   - result: The proof evidence's result at the build (already aged, so a stale one
    ///     says so).
    ///   - letter: The certificate file's facts, or why they could not be read; nil when the
    ///     file was not read.
    ///   - today: The build day, `YYYY-MM-DD` in UTC.
    public static func judge(
        proof: ProgramProof?, result: EvidenceResult?,
        letter: Result<CertificateFacts, LetterProblem>?, today: String
    ) -> ProgramStanding {
        guard let proof else { return .unverified(.noProof, nil) }
        guard let result else { return .unverified(.proofMissing, nil) }
        switch result.status {
        case .pass: break
        case .stale: return .unverified(.proofStale, nil)
        case .missing: return .unverified(.proofMissing, nil)
        case .fail, .partial, .error: return .unverified(.proofFailing, nil)
        }
        guard let letter, case .success(let facts) = letter else {
            return .unverified(.letterUnreadable, nil)
        }
        if let pinned = proof.sha256, pinned != facts.sha256 {
            return .unverified(.hashMismatch, nil)
        }
        if let collected = result.sha256, collected != facts.sha256 {
            return .unverified(.hashMismatch, nil)
        }
        if facts.certifiedOn > today { return .unverified(.notYetInForce, facts) }
        // `expires_on` is the last day in force.
        if facts.expiresOn < today { return .expired(facts) }
        return .certified(facts)
    }
}

/// Why a certificate file gave no facts.
public struct LetterProblem: Error, Hashable, Sendable {
    public var message: String
    /// Where in the file, when the problem is at a line.
    public var position: SourcePosition?

    public init(_ message: String, at position: SourcePosition? = nil) {
        self.message = message
        self.position = position
    }
}
