import AttestCore
import AttestStore
import Foundation
import Testing

/// Run states: only collected runs and published builds count, and published is final.
@Suite struct RunStateTests {
    static func attempt(_ id: String) -> RunRecord {
        var run = ScoreStoreTests.run(0, percentNumerator: 5)
        run.state = .attempted
        run.buildID = id
        return run
    }

    @Test(arguments: ScoreStoreTests.Kind.available)
    func anAttemptedBuildCountsOnlyOnceMarkedPublished(_ kind: ScoreStoreTests.Kind) throws {
        let store = try ScoreStoreTests.makeStore(kind)
        let id = try store.record(Self.attempt("b-1"))
        #expect(try store.runs(limit: nil).isEmpty)
        #expect(try store.history(of: .framework("soc2"), limit: nil).isEmpty)
        #expect(try store.runs(limit: nil, states: [.attempted]).map(\.id) == [id])

        try store.mark(id, as: .published)
        #expect(try store.runs(limit: nil).map(\.state) == [.published])
        #expect(try store.history(of: .framework("soc2"), limit: nil).map(\.run.id) == [id])
    }

    @Test(arguments: ScoreStoreTests.Kind.available)
    func aFailedBuildNeverCountsUntilAnIdenticalBuildPublishesIt(
        _ kind: ScoreStoreTests.Kind
    )
        throws
    {
        let store = try ScoreStoreTests.makeStore(kind)
        let id = try store.record(Self.attempt("b-1"))
        try store.mark(id, as: .failed)
        #expect(try store.runs(limit: nil).isEmpty)
        #expect(try store.runs(limit: nil, states: [.failed]).map(\.id) == [id])

        #expect(try store.record(Self.attempt("b-1")) == id)
        try store.mark(id, as: .published)
        #expect(try store.runs(limit: nil).map(\.id) == [id])
    }

    @Test(arguments: ScoreStoreTests.Kind.available)
    func aPublishedBuildStaysPublishedWhenALaterIdenticalBuildFails(
        _ kind: ScoreStoreTests.Kind
    ) throws {
        let store = try ScoreStoreTests.makeStore(kind)
        let id = try store.record(Self.attempt("b-1"))
        try store.mark(id, as: .published)
        try store.mark(id, as: .failed)
        try store.mark(id, as: .attempted)
        #expect(
            try store.runs(limit: nil, states: Set(RunState.allCases)).map(\.state) == [.published])
    }
}
