import AttestRender
import Foundation
import Testing

/// `ParallelRendering.forEach`: results handed over in order whatever order the tasks finish
/// in, no slow item holding up the others, a bound on what is held, and the first error in
/// item order.
@Suite struct ParallelRenderingTests {
    /// Counts shared by the render tasks and the hand-over.
    final class Ledger: @unchecked Sendable {
        private let lock = NSLock()
        private var pending = 0
        private(set) var mostPending = 0

        func started() {
            lock.withLock {
                pending += 1
                mostPending = max(mostPending, pending)
            }
        }

        func taken() { lock.withLock { pending -= 1 } }
    }

    struct Failure: Error, Equatable { let item: Int }

    @Test func everyResultIsHandedOverInItemOrder() async throws {
        let items = Array(0..<200)
        var taken: [Int] = []
        try await ParallelRendering.forEach(
            items, width: 3,
            render: { item in
                // Later items often finish first.
                usleep(useconds_t((item * 7_919) % 5 * 200))
                return item * 2
            },
            take: { item, output in
                #expect(output == item * 2)
                taken.append(item)
            })
        #expect(taken == items)
    }

    /// Runs the tasks it is given on a queue of its own, which starts another thread when one
    /// blocks: a test whose item blocks does not take a thread of the shared pool, and does not
    /// wait for one while other tests hold them.
    final class OwnThreads: TaskExecutor, @unchecked Sendable {
        private let queue = DispatchQueue(
            label: "ParallelRenderingTests", attributes: .concurrent)

        func enqueue(_ job: consuming ExecutorJob) {
            let job = UnownedJob(job)
            let executor = asUnownedTaskExecutor()
            queue.async { job.runSynchronously(on: executor) }
        }
    }

    /// With two tasks, the third item starts while the first still runs: the first waits for
    /// the third (up to a timeout, so a regression fails instead of hanging).
    @Test func aSlowItemDoesNotHoldUpTheNextOnes() async throws {
        let thirdStarted = DispatchSemaphore(value: 0)
        var firstSawThird = false
        try await withTaskExecutorPreference(OwnThreads()) {
            try await ParallelRendering.forEach(
                Array(0..<6), width: 2,
                render: { item -> Bool in
                    switch item {
                    case 0: return thirdStarted.wait(timeout: .now() + 30) == .success
                    case 2:
                        thirdStarted.signal()
                        return true
                    default: return true
                    }
                },
                take: { item, output in if item == 0 { firstSawThird = output } })
        }
        #expect(firstSawThird)
    }

    @Test(arguments: [1, 2, 4])
    func atMostTwiceTheWidthAreStartedAndNotTaken(width: Int) async throws {
        let ledger = Ledger()
        try await ParallelRendering.forEach(
            Array(0..<60), width: width,
            render: { item in
                ledger.started()
                // Every fifth item is slow, so the ones after it pile up behind it.
                usleep(item % 5 == 0 ? 3_000 : 100)
            },
            take: { _, _ in ledger.taken() })
        #expect(ledger.mostPending <= 2 * width)
    }

    @Test func theFirstErrorInItemOrderEndsTheWork() async throws {
        var taken: [Int] = []
        await #expect(throws: Failure(item: 3)) {
            try await ParallelRendering.forEach(
                Array(0..<10), width: 2,
                render: { item in
                    if item == 3 {
                        usleep(20_000)
                        throw Failure(item: 3)
                    }
                    if item == 4 { throw Failure(item: 4) }
                    return item
                },
                take: { item, _ in taken.append(item) })
        }
        #expect(taken == [0, 1, 2])
    }
}
