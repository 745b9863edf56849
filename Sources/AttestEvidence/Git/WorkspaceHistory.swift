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
    /// Files whose last change lies at or before a shallow clone's boundary: git cannot date
    /// them truthfully.
    public var beyondShallowBoundary: Set<String>
    /// Things a user should know, said once per run (status unreadable, a timeout).
    public var warnings: [String]

    public init(
        commit: String? = nil, isDirty: Bool = false, dates: [String: Date] = [:],
        beyondShallowBoundary: Set<String> = [], warnings: [String] = []
    ) {
        self.commit = commit
        self.isDirty = isDirty
        self.dates = dates
        self.beyondShallowBoundary = beyondShallowBoundary
        self.warnings = warnings
    }

    /// The warning for a shallow clone, when some of `undated` (workspace paths of results
    /// that found no date) could have been dated with the full history; nil otherwise.
    public func shallowWarning(undated: Set<String>) -> String? {
        let count = beyondShallowBoundary.intersection(undated).count
        guard count > 0 else { return nil }
        return "this is a shallow git clone: \(count) evidence file"
            + "\(count == 1 ? " was" : "s were") last changed before its oldest commit, so git "
            + "cannot date \(count == 1 ? "it" : "them") and \(count == 1 ? "it is" : "they are")"
            + " undated; fetch the full history (fetch-depth: 0 in actions/checkout, or "
            + "git fetch --unshallow)"
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
