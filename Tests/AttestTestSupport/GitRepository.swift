import Foundation

/// A real git repository in a temporary folder, for tests of git dating: commits are made with
/// a fixed author and a chosen committer date.
public final class GitRepository: @unchecked Sendable {
    public let workspace: TemporaryWorkspace
    public var root: URL { workspace.root }

    public init() throws {
        workspace = try TemporaryWorkspace()
        try git("init", "-q", "-b", "main")
    }

    /// Wraps an existing folder (a clone made by `clone(depth:)`).
    private init(workspace: TemporaryWorkspace) {
        self.workspace = workspace
    }

    /// Runs git in the repository (or in `folder` below it) and returns its stdout.
    @discardableResult
    public func git(
        _ arguments: String..., in folder: String? = nil, date: String? = nil
    ) throws
        -> String
    {
        try Self.run(
            arguments, in: folder.map { root.appendingPathComponent($0) } ?? root, date: date)
    }

    /// Stages everything and commits it with `date` (ISO 8601) as author and committer date.
    public func commitAll(_ message: String, date: String) throws {
        try git("add", "-A")
        try git("commit", "-q", "-m", message, date: date)
    }

    /// `git clone --depth <depth> file://…` of this repository into a new temporary folder.
    public func clone(depth: Int) throws -> GitRepository {
        let target = try TemporaryWorkspace()
        _ = try Self.run(
            ["clone", "-q", "--depth", String(depth), "file://" + root.path, target.root.path],
            in: root, date: nil)
        return GitRepository(workspace: target)
    }

    static func run(_ arguments: [String], in folder: URL, date: String?) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = folder
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": folder.path, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "Test",
            "GIT_AUTHOR_EMAIL": "test@example.com", "GIT_COMMITTER_NAME": "Test",
            "GIT_COMMITTER_EMAIL": "test@example.com", "GIT_CONFIG_GLOBAL": "/dev/null",
        ]
        if let date {
            environment["GIT_AUTHOR_DATE"] = date
            environment["GIT_COMMITTER_DATE"] = date
        }
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw GitFailure(arguments: arguments, status: process.terminationStatus)
        }
        return String(decoding: data, as: UTF8.self)
    }

    public struct GitFailure: Error, CustomStringConvertible {
        public var arguments: [String]
        public var status: Int32
        public var description: String {
            "git \(arguments.joined(separator: " ")) exited \(status)"
        }
    }
}
