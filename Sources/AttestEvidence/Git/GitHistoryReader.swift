import AttestSystem
import Foundation

/// Reads a `WorkspaceHistory` with a fixed, small number of git processes, whatever the number
/// of files: one `git rev-parse`, one `git status` and one `git log` whose output is parsed as
/// it streams.
///
/// Git runs in the workspace root with a sanitized environment (only `PATH`, no user or system
/// configuration, no prompts, no optional locks), options that keep repository configuration
/// from running programs (`core.fsmonitor`) or changing the output, and a deadline. Any failure
/// (git missing, not a repository, no commit yet, dubious ownership) gives no git dates and no
/// error. Paths are compared byte for byte, so spaces and non-ASCII names work.
public struct GitHistoryReader: Sendable {
    /// Runs one process; injectable so a test can count the processes started.
    typealias Launch =
        @Sendable (ProcessRequest) async -> Result<ProcessOutcome, ProcessLaunchError>

    let launch: Launch
    /// Upper bound for each git process.
    public var timeout: Duration
    /// The `git` program: a name looked up in `PATH`, or a path.
    public var executable: String

    /// Largest `git status` output read; beyond it, which files are modified is unknown, so
    /// nothing is git-dated.
    static let maxStatusBytes = 32 << 20

    public init(timeout: Duration = .seconds(120), executable: String = "git") {
        self.init(timeout: timeout, executable: executable) { await ProcessRunner().run($0) }
    }

    init(timeout: Duration = .seconds(120), executable: String = "git", launch: @escaping Launch) {
        self.timeout = timeout
        self.executable = executable
        self.launch = launch
    }

    /// Reads the history of `root` for `paths` (workspace-relative).
    ///
    /// - Complexity: three processes; the log is read once, newest first, and stops as soon as
    ///   every path is dated; memory is O(paths).
    public func read(root: URL, paths: Set<String>) async -> WorkspaceHistory {
        // The status needs nothing from rev-parse but the prefix it is filtered by, so the two
        // run at once.
        async let status = changedPaths(root: root)
        guard let repository = await locate(root: root) else { return .none }
        var history = WorkspaceHistory(commit: repository.head)
        // Files whose content is not the committed one cannot be dated by a commit.
        let changed = await status.map { paths in
            // Porcelain paths are relative to the repository root, whatever the working folder.
            Set(
                paths.compactMap { path in
                    path.hasPrefix(repository.prefix)
                        ? String(path.dropFirst(repository.prefix.count)) : nil
                })
        }
        switch changed {
        case .none:
            history.warnings.append(
                "git status could not be read; no evidence is dated by its git history")
            return history
        case .some(let changed):
            history.isDirty = !changed.isEmpty
            let wanted = paths.subtracting(changed)
            guard !wanted.isEmpty else { return history }
            guard let boundary = shallowBoundary(root: root, repository: repository) else {
                history.warnings.append(
                    "the shallow clone's boundary (git's shallow file) could not be read; no "
                        + "evidence is dated by its git history")
                return history
            }
            let (parser, finished) = await log(root: root, wanted: wanted, boundary: boundary)
            history.dates = parser.dates
            history.beyondShallowBoundary = parser.atBoundary
            if !finished {
                history.warnings.append(
                    "git log did not finish within \(timeout.shortDescription); evidence files "
                        + "it had not reached yet are undated")
            }
        }
        return history
    }

    struct Repository {
        /// The workspace's folder inside the repository (`ws/`, or empty at its root).
        var prefix: String
        var head: String
        var isShallow: Bool
        /// Where git keeps the shallow boundary, relative to the workspace root.
        var shallowFile: String
    }

    private func locate(root: URL) async -> Repository? {
        let arguments = [
            "rev-parse", "--show-prefix", "--is-shallow-repository", "--git-path", "shallow",
            "--verify", "HEAD",
        ]
        guard let output = await run(arguments, root: root, limit: 64 * 1024) else { return nil }
        let lines = output.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        guard lines.count >= 4 else { return nil }
        let head = lines[3]
        guard head.count >= 40, head.allSatisfy(\.isHexDigit) else { return nil }
        return Repository(
            prefix: lines[0], head: head.lowercased(), isShallow: lines[1] == "true",
            shallowFile: lines[2])
    }

    /// Repository-relative paths of modified, added, deleted and untracked files under the
    /// workspace; nil when status could not be read whole.
    private func changedPaths(root: URL) async -> [String]? {
        let arguments = [
            "status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames",
            "--ignore-submodules=all", "--", ".",
        ]
        guard let output = await run(arguments, root: root, limit: Self.maxStatusBytes) else {
            return nil
        }
        return GitStatusParser.changedPaths(output)
    }

    /// The commits at the boundary of a shallow clone (from git's `shallow` file).
    ///
    /// Read through the confinement function, rooted at the folder git named for it (the
    /// repository's metadata, which may lie outside the workspace): a link out of it, a FIFO or
    /// an oversized file is refused like any workspace file. Nil then: without the boundary,
    /// a boundary commit would pass for the last change of every file it lists.
    private func shallowBoundary(root: URL, repository: Repository) -> Set<String>? {
        guard repository.isShallow else { return [] }
        let url = URL(fileURLWithPath: repository.shallowFile, relativeTo: root).standardizedFileURL
        guard let folder = try? WorkspaceRoot(url.deletingLastPathComponent()),
            let data = try? folder.read(url.lastPathComponent, limit: 16 << 20).data
        else { return nil }
        return Set(
            data.split(separator: UInt8(ascii: "\n")).map {
                String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            })
    }

    /// Streams `git log` through the parser; `finished` is false when it timed out.
    private func log(
        root: URL, wanted: Set<String>, boundary: Set<String>
    ) async -> (GitLogParser, finished: Bool) {
        let state = LogState(GitLogParser(wanted: wanted, boundary: boundary))
        var request = self.request(
            [
                "log", "--no-renames", "--name-only", "-z", "--format=%x00%H %ct %P",
                "--relative", "--", ".",
            ], root: root, limit: 0)
        request.stdoutSink = { bytes in state.feed(bytes) }
        let outcome = await launch(request)
        let parser = state.parser
        guard case .success(let finished) = outcome else { return (parser, true) }
        return (parser, finished.termination != .timedOut)
    }

    private func run(_ arguments: [String], root: URL, limit: Int) async -> Data? {
        guard
            case .success(let outcome) = await launch(request(arguments, root: root, limit: limit)),
            outcome.termination == .exited(0), !outcome.stdout.isTruncated
        else { return nil }
        return outcome.stdout.data
    }

    func request(_ arguments: [String], root: URL, limit: Int) -> ProcessRequest {
        ProcessRequest(
            executable: executable, arguments: Self.safetyOptions + arguments,
            environment: Self.environment(ProcessInfo.processInfo.environment),
            workingDirectory: root, timeout: timeout, maxOutputBytes: limit)
    }

    /// Options that keep the repository's configuration from running a program or changing the
    /// output's shape.
    static let safetyOptions = [
        "-c", "core.fsmonitor=false", "-c", "core.quotePath=false", "-c", "log.showSignature=false",
        "-c", "diff.renames=false", "-c", "color.ui=false", "--no-pager", "--no-replace-objects",
    ]

    /// Only `PATH` from the caller, so `GIT_DIR`, `GIT_WORK_TREE` and user configuration cannot
    /// point git elsewhere.
    static func environment(_ caller: [String: String]) -> [String: String] {
        var environment = [
            "LC_ALL": "C", "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
            "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "HOME": "/nonexistent",
        ]
        environment["PATH"] = caller["PATH"] ?? "/usr/bin:/bin"
        return environment
    }
}

/// The parser, fed from the thread that reads the process's output and read afterwards.
private final class LogState: @unchecked Sendable {
    private let lock = NSLock()
    private var current: GitLogParser

    init(_ parser: GitLogParser) { current = parser }

    /// Feeds bytes; false once every path is resolved, to stop reading.
    func feed(_ bytes: ArraySlice<UInt8>) -> Bool {
        lock.withLock {
            current.feed(bytes)
            return !current.isDone
        }
    }

    var parser: GitLogParser { lock.withLock { current } }
}
