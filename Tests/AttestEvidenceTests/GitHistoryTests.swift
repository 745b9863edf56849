import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestEvidence

/// Git dating against real repositories the tests create, with chosen committer dates.
@Suite struct GitHistoryTests {
    static let january = "2026-01-10T09:00:00Z"
    static let february = "2026-02-10T09:00:00Z"
    static let march = "2026-03-10T09:00:00Z"

    static func date(_ text: String) -> Date {
        guard let date = Timestamp.instant(text, zoneRequired: true) else {
            fatalError("bad test date \(text)")
        }
        return date
    }

    /// ws/ inside the repository: old.json (January), then "a b/é.json" and renamed.json
    /// (a rename of moved.json) in February, changed.json changed in March; then changed.json
    /// modified in the working tree and new.json left untracked.
    static func repository() throws -> GitRepository {
        let repository = try GitRepository()
        try repository.workspace.write("ws/old.json", "{}")
        try repository.workspace.write("ws/moved.json", "{\"moved\": true}")
        try repository.workspace.write("ws/changed.json", "{\"v\": 1}")
        try repository.workspace.write("outside.json", "{}")
        try repository.commitAll("one", date: january)
        try repository.workspace.write("ws/a b/é.json", "{}")
        try repository.git("mv", "ws/moved.json", "ws/renamed.json")
        try repository.commitAll("two", date: february)
        try repository.workspace.write("ws/changed.json", "{\"v\": 2}")
        try repository.commitAll("three", date: march)
        try repository.workspace.write("ws/changed.json", "{\"v\": 3}")
        try repository.workspace.write("ws/new.json", "{}")
        return repository
    }

    static let paths: Set<String> = [
        "old.json", "a b/é.json", "renamed.json", "changed.json", "new.json", "absent.json",
    ]

    @Test(.enabled(if: LocalService.available("git")))
    func eachCommittedFileIsDatedByTheLastCommitThatChangedIt() async throws {
        let repository = try Self.repository()
        let root = repository.root.appendingPathComponent("ws")
        let history = await GitHistoryReader().read(root: root, paths: Self.paths)
        #expect(
            history.dates == [
                "old.json": Self.date(Self.january),
                "a b/é.json": Self.date(Self.february),
                "renamed.json": Self.date(Self.february),
            ])
        let head = try repository.git("rev-parse", "HEAD").trimmingCharacters(in: .newlines)
        #expect(history.commit == head)
        #expect(history.isDirty)
        #expect(history.revision == head + "-dirty")
        #expect(history.warnings.isEmpty)
    }

    @Test(.enabled(if: LocalService.available("git")))
    func aCleanCheckoutIsNotDirtyAndDatesEveryCommittedFile() async throws {
        let repository = try Self.repository()
        try repository.commitAll("four", date: "2026-04-10T09:00:00Z")
        let history = await GitHistoryReader().read(
            root: repository.root.appendingPathComponent("ws"), paths: Self.paths)
        #expect(!history.isDirty)
        #expect(history.dates["changed.json"] == Self.date("2026-04-10T09:00:00Z"))
        #expect(history.dates["new.json"] == Self.date("2026-04-10T09:00:00Z"))
        #expect(history.dates["absent.json"] == nil)
    }

    @Test(.enabled(if: LocalService.available("git")))
    func aShallowCloneDoesNotDateFilesByItsBoundaryCommitAndWarnsOnce() async throws {
        let repository = try Self.repository()
        let clone = try repository.clone(depth: 1)
        let history = await GitHistoryReader().read(
            root: clone.root.appendingPathComponent("ws"), paths: Self.paths)
        // The only commit is the boundary: it lists every file as added.
        #expect(history.dates.isEmpty)
        #expect(
            history.beyondShallowBoundary == [
                "old.json", "a b/é.json", "renamed.json", "changed.json",
            ])
        #expect(history.warnings.isEmpty)
        // One warning, naming the count, and only for files that stayed undated.
        let warning = history.shallowWarning(undated: ["old.json", "renamed.json", "x.json"])
        #expect(warning?.contains("2 evidence files") == true)
        #expect(warning?.contains("fetch-depth: 0") == true)
        #expect(history.shallowWarning(undated: ["x.json"]) == nil)
    }

    @Test(.enabled(if: LocalService.available("git")))
    func aShallowBoundaryThatLinksOutOfItsFolderIsNotReadAndNothingIsGitDated() async throws {
        let repository = try Self.repository()
        let clone = try repository.clone(depth: 2)
        // git reads its shallow file through the link; Attest's confined read refuses it.
        let git = clone.root.appendingPathComponent(".git")
        let outside = try TemporaryWorkspace()
        let moved = outside.root.appendingPathComponent("shallow")
        try FileManager.default.moveItem(at: git.appendingPathComponent("shallow"), to: moved)
        try FileManager.default.createSymbolicLink(
            at: git.appendingPathComponent("shallow"), withDestinationURL: moved)
        let history = await GitHistoryReader().read(
            root: clone.root.appendingPathComponent("ws"), paths: ["changed.json", "old.json"])
        // Without the boundary a boundary commit would pass for a real change: date nothing.
        #expect(history.dates.isEmpty)
        #expect(history.warnings.contains { $0.contains("shallow") })
    }

    @Test(.enabled(if: LocalService.available("git")))
    func aShallowCloneDatesFilesChangedAfterItsBoundary() async throws {
        let repository = try Self.repository()
        let clone = try repository.clone(depth: 2)
        let history = await GitHistoryReader().read(
            root: clone.root.appendingPathComponent("ws"), paths: ["changed.json", "old.json"])
        #expect(history.dates == ["changed.json": Self.date(Self.march)])
        #expect(history.beyondShallowBoundary == ["old.json"])
    }

    @Test func aFolderOutsideAnyRepositoryHasNoHistoryAndNoError() async throws {
        let folder = try TemporaryWorkspace()
        try folder.write("a.json", "{}")
        // A ceiling keeps git from finding a repository above the temporary folder.
        let history = await GitHistoryReader().read(root: folder.root, paths: ["a.json"])
        #expect(history.dates.isEmpty)
        #expect(history.commit == nil)
    }

    @Test func noGitInstalledGivesNoHistoryAndNoError() async throws {
        let folder = try TemporaryWorkspace()
        let reader = GitHistoryReader(executable: "/nonexistent/git")
        let history = await reader.read(root: folder.root, paths: ["a.json"])
        #expect(history == .none)
    }

    @Test(.enabled(if: LocalService.available("git")))
    func oneGitLogProcessDatesAnyNumberOfFiles() async throws {
        let repository = try GitRepository()
        for index in 0..<300 {
            try repository.workspace.write("evidence/item-\(index).json", "{}")
        }
        try repository.commitAll("many", date: Self.january)
        let started = StartedProcesses()
        let reader = GitHistoryReader { request in
            started.append(request.arguments)
            return await ProcessRunner().run(request)
        }
        let paths = Set((0..<300).map { "evidence/item-\($0).json" })
        let history = await reader.read(root: repository.root, paths: paths)
        #expect(history.dates.count == 300)
        #expect(started.subcommands == ["rev-parse", "status", "log"])
    }

    @Test func gitIgnoresTheCallersGitEnvironment() {
        let environment = GitHistoryReader.environment([
            "PATH": "/usr/bin", "GIT_DIR": "/elsewhere", "GIT_WORK_TREE": "/elsewhere",
        ])
        #expect(environment["GIT_DIR"] == nil)
        #expect(environment["GIT_WORK_TREE"] == nil)
        #expect(environment["PATH"] == "/usr/bin")
    }

    @Test func theLogParserReadsPathsSplitAcrossChunks() {
        var parser = GitLogParser(wanted: ["a b.json", "é.json"], boundary: [])
        let stream = Array(
            "\0\(String(repeating: "f", count: 40)) 1767225600 \0\na b.json\0é.json\0".utf8)
        for byte in stream { parser.feed([byte][...]) }
        #expect(parser.dates["a b.json"] == Date(timeIntervalSince1970: 1_767_225_600))
        #expect(parser.dates["é.json"] == Date(timeIntervalSince1970: 1_767_225_600))
        #expect(parser.isDone)
    }
}

/// The git subcommands a reader started, in order.
private final class StartedProcesses: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [[String]] = []

    func append(_ arguments: [String]) { lock.withLock { list.append(arguments) } }

    var subcommands: [String] {
        lock.withLock {
            list.compactMap { arguments in
                arguments.first { ["rev-parse", "status", "log"].contains($0) }
            }
        }
    }
}
