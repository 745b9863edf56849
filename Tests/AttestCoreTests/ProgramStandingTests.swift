import AttestCore
import Foundation
import Testing

/// A certified program is certified only while its proof passes, its file is the pinned one
/// and the certificate is in force on the build day.
@Suite struct ProgramStandingTests {
    static let hash = String(repeating: "a", count: 64)
    static let position = SourcePosition(file: "attest.yaml", line: 1, column: 1)
    static let proof = ProgramProof(evidence: "letter", sha256: hash, position: position)
    static let facts = CertificateFacts(
        issuer: "Lab", certifiedOn: "2026-01-15", expiresOn: "2027-01-14", score: "9.7/10",
        path: "evidence/letter.md", sha256: hash)

    static func result(_ status: EvidenceStatus, sha256: String? = hash) -> EvidenceResult {
        EvidenceResult(
            evidence: "letter", control: "C", status: status,
            observedAt: Date(timeIntervalSince1970: 0),
            sha256: sha256, message: "")
    }

    static func judge(
        proof: ProgramProof? = proof, result: EvidenceResult? = result(.pass),
        letter: Result<CertificateFacts, LetterProblem>? = .success(facts),
        today: String = "2026-06-01"
    ) -> ProgramStanding {
        ProgramStanding.judge(proof: proof, result: result, letter: letter, today: today)
    }

    @Test func aPassingProofInForceIsCertifiedThroughItsLastDay() {
        #expect(Self.judge() == .certified(Self.facts))
        #expect(Self.judge(today: "2026-01-15") == .certified(Self.facts))
        #expect(Self.judge(today: "2027-01-14") == .certified(Self.facts))
    }

    @Test func theDayAfterExpiryIsExpired() {
        #expect(Self.judge(today: "2027-01-15") == .expired(Self.facts))
    }

    @Test(
        arguments: [
            (EvidenceStatus.fail, ProgramStanding.Reason.proofFailing),
            (.partial(0.9), .proofFailing),
            (.error, .proofFailing),
            (.stale, .proofStale),
            (.missing, .proofMissing),
        ])
    func aProofThatDoesNotPassIsUnverified(
        _ status: EvidenceStatus, _ reason: ProgramStanding.Reason
    ) {
        #expect(Self.judge(result: Self.result(status)) == .unverified(reason, nil))
    }

    @Test func noProofNoResultOrAnUnreadableLetterIsUnverified() {
        #expect(Self.judge(proof: nil) == .unverified(.noProof, nil))
        #expect(Self.judge(result: nil) == .unverified(.proofMissing, nil))
        #expect(
            Self.judge(letter: .failure(LetterProblem("no issuer")))
                == .unverified(.letterUnreadable, nil))
    }

    @Test func aLetterThatIsNotThePinnedOrTheCollectedFileIsUnverified() {
        var tampered = Self.facts
        tampered.sha256 = String(repeating: "b", count: 64)
        #expect(Self.judge(letter: .success(tampered)) == .unverified(.hashMismatch, nil))
        let unpinned = ProgramProof(evidence: "letter", position: Self.position)
        #expect(
            Self.judge(proof: unpinned, letter: .success(tampered))
                == .unverified(.hashMismatch, nil))
    }

    @Test func aCertificateNotYetInForceIsUnverifiedWithItsFacts() {
        #expect(Self.judge(today: "2026-01-14") == .unverified(.notYetInForce, Self.facts))
    }
}
