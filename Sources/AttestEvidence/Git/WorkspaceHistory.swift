import Foundation

/// What the workspace's git repository says about it: the revision it is at, whether it has
/// uncommitted changes, and when each committed file last changed.
///
/// Empty (no revision, no dates) when the workspace is not in a git repository or git is not
/// installed: git dating is a help, never a requirement.
public struct WorkspaceHistory: Sendable, Equatable {
    /// The commit checked out (`HEAD`), lower-case hex.
    public var commit: String?
    /// Whether files of the workspace differ from that commit (modified or untracked).
    public var isDirty: Bool
    /// Commit time of the last commit that changed each file, by workspace-relative path; only
    /// files whose content is the committed one.
    public var dates: [String: Date]
    /// Things a user should know, said once per run (a shallow clone, a timeout).
    public var warnings: [String]

    public init(
        commit: String? = nil, isDirty: Bool = false, dates: [String: Date] = [:],
        warnings: [String] = []
    ) {
        self.commit = commit
        self.isDirty = isDirty
        self.dates = dates
        self.warnings = warnings
    }

    /// No repository: nothing is dated by git.
    public static let none = WorkspaceHistory()

    /// The revision to record for a run: the commit, with `-dirty` appended when the workspace
    /// has uncommitted changes (as `git describe --dirty` writes it); nil without a commit.
    public var revision: String? {
        commit.map { isDirty ? $0 + "-dirty" : $0 }
    }

    /// The git date of a workspace-relative path, when it has one.
    public func date(of path: String) -> Date? { dates[path] }
}
