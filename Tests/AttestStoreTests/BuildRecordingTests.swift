import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// Recording builds: a build id names one set of inputs, so recording it again (even from two
/// processes at the same moment) is the same run, not an error.
@Suite struct BuildRecordingTests {
    static func build(_ id: String) -> RunRecord {
        var run = ScoreStoreTests.run(0, percentNumerator: 5)
        run.buildID = id
        return run
    }

    @Test(arguments: ScoreStoreTests.Kind.available)
    func recordingABuildIDAgainReturnsTheRecordedRun(_ kind: ScoreStoreTests.Kind) throws {
        let store = try ScoreStoreTests.makeStore(kind)
        let first = try store.record(Self.build("b-1"))
        let again = try store.record(Self.build("b-1"))
        #expect(again == first)
        #expect(try store.runs(limit: nil).map(\.id) == [first])
    }

    @Test func twoConnectionsRacingToRecordOneBuildBothSucceedWithOneRow() throws {
        let folder = try TemporaryWorkspace()
        let path = folder.root.appendingPathComponent("attest.sqlite").path
        // Several rounds, each a fresh build id, so the two inserts truly meet at least once.
        for round in 0..<8 {
            let stores = try [SQLiteStore(path: path), SQLiteStore(path: path)]
            let barrier = Barrier(parties: 2)
            let outcomes = Outcomes()
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                barrier.arriveAndWait()
                do {
                    outcomes.add(.success(try stores[index].record(Self.build("race-\(round)"))))
                } catch {
                    outcomes.add(.failure(error))
                }
            }
            let ids = try outcomes.all.map { try $0.get() }
            #expect(ids.count == 2)
            #expect(Set(ids).count == 1, "round \(round): \(ids)")
        }
        let reopened = try SQLiteStore(path: path)
        let builds = try reopened.runs(limit: nil).compactMap(\.buildID)
        #expect(builds.sorted() == (0..<8).map { "race-\($0)" }.sorted())
    }
}

/// Holds each arriving thread until `parties` threads have arrived, then releases them all.
final class Barrier: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: Int

    init(parties: Int) { waiting = parties }

    func arriveAndWait() {
        condition.lock()
        defer { condition.unlock() }
        waiting -= 1
        if waiting == 0 {
            condition.broadcast()
        } else {
            while waiting > 0 { condition.wait() }
        }
    }
}

/// Results gathered from concurrent threads.
final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<Int64, StoreError>] = []

    func add(_ result: Result<Int64, any Error>) {
        lock.withLock {
            results.append(
                result.mapError {
                    ($0 as? StoreError) ?? StoreError(code: .io, path: "", detail: "\($0)")
                })
        }
    }

    var all: [Result<Int64, StoreError>] { lock.withLock { results } }
}
