import AttestPortal
import Foundation

/// An access desk that keeps everything in memory: a test double of the portal's own protocol
/// (the real one, over the store and the bundle maker, is wired by the CLI).
actor InMemoryDesk: AccessDesk {
    struct Submission: Sendable {
        var application: AccessApplication
        var acceptance: NDAAcceptance
    }

    private(set) var submissions: [Submission] = []
    var grants: [AccessRequestID: AccessGrant] = [:]
    var bundles: [AccessRequestID: Data] = [:]
    var outcome: SubmissionOutcome = .pending

    init() {}

    func submit(
        _ application: AccessApplication, acceptedNDA: NDAAcceptance
    ) async throws -> SubmissionOutcome {
        submissions.append(Submission(application: application, acceptance: acceptedNDA))
        return outcome
    }

    func grant(id: AccessRequestID) async throws -> AccessGrant? { grants[id] }

    func bundle(for id: AccessRequestID, at now: Date) async throws -> Data? {
        guard let grant = grants[id], grant.status == .active, now < grant.expiresAt else {
            return nil
        }
        return bundles[id]
    }

    func set(outcome: SubmissionOutcome) { self.outcome = outcome }

    func add(_ grant: AccessGrant, bundle: Data) {
        grants[grant.id] = grant
        bundles[grant.id] = bundle
    }
}
