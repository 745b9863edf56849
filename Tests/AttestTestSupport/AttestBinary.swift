import Foundation

/// Runs the built `attest` executable, as a user would.
public enum AttestBinary {
    public struct Output: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
    }

    public struct NotBuilt: Error, CustomStringConvertible {
        public var description: String
    }

    /// The `attest` executable beside the running test bundle (SwiftPM builds it with the tests).
    public static func url() throws -> URL {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("attest"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("attest"),
            Fixtures.packageRoot.appendingPathComponent(".build/debug/attest"),
        ]
        guard
            let found = candidates.first(where: {
                FileManager.default.isExecutableFile(atPath: $0.path)
            })
        else {
            throw NotBuilt(description: "attest is not built; looked in \(candidates.map(\.path))")
        }
        return found
    }

    /// Runs `attest arguments` in `directory`, killing it after `timeout` seconds.
    ///
    /// The wait happens on a thread of its own, never on Swift's cooperative pool: that pool has
    /// one thread per core (two here), and tests blocking it starve every other test's tasks
    /// and timings.
    public static func run(
        _ arguments: [String], in directory: URL = Fixtures.packageRoot,
        environment: [String: String] = [:], timeout: TimeInterval = 120
    ) async throws -> Output {
        try await run(
            program: try url(), arguments, in: directory, environment: environment,
            timeout: timeout)
    }

    /// Runs another `program` the same way (a shell running the steps of a CI workflow around
    /// `attest`, say), its pipes drained as it runs.
    public static func run(
        program: URL, _ arguments: [String], in directory: URL,
        environment: [String: String] = [:], timeout: TimeInterval = 120
    ) async throws -> Output {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let running = RunningProcess(
            process: process, out: ReadInBackground(out.fileHandleForReading),
            err: ReadInBackground(err.fileHandleForReading))
        let output = await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: running.wait(timeout)) }
        }
        guard let output else {
            throw NotBuilt(
                description: "\(program.lastPathComponent) \(arguments) did not finish within "
                    + "\(timeout) s")
        }
        return output
    }
}

/// A started `attest` and its drained pipes; waited for on a thread of its own.
private final class RunningProcess: @unchecked Sendable {
    let process: Process
    let out: ReadInBackground
    let err: ReadInBackground

    init(process: Process, out: ReadInBackground, err: ReadInBackground) {
        self.process = process
        self.out = out
        self.err = err
    }

    /// The output, or nil when the process had to be killed after `timeout` seconds.
    func wait(_ timeout: TimeInterval) -> AttestBinary.Output? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                process.waitUntilExit()
                return nil
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        process.waitUntilExit()
        return AttestBinary.Output(
            status: process.terminationStatus,
            standardOutput: String(decoding: out.wait(), as: UTF8.self),
            standardError: String(decoding: err.wait(), as: UTF8.self))
    }
}

/// Drains a pipe on a background thread so a chatty child never blocks on a full pipe.
final class ReadInBackground: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
