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
    public static func run(
        _ arguments: [String], in directory: URL = Fixtures.packageRoot,
        environment: [String: String] = [:], timeout: TimeInterval = 120
    ) throws -> Output {
        let process = Process()
        process.executableURL = try url()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = ReadInBackground(out.fileHandleForReading)
        let errData = ReadInBackground(err.fileHandleForReading)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                process.waitUntilExit()
                throw NotBuilt(
                    description: "attest \(arguments) did not finish within \(timeout) s")
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            standardOutput: String(decoding: outData.wait(), as: UTF8.self),
            standardError: String(decoding: errData.wait(), as: UTF8.self))
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
