import AttestCore
import Foundation

/// The public changes between published builds, one entry per build that changed something
/// public, newest first: what `site/<locale>/feed.xml` (``AtomFeedWriter``) shows.
///
/// Computed from what the store recorded of each published build (framework percentages and
/// control snapshots), never from the workspace: so a build's entry says the same thing in
/// every later build. Only public facts enter it: the percentages of the frameworks the page
/// publishes now, and controls that were public in the builds compared (a control is named as
/// added only if public in the newer build, as removed or changed only if public in the older
/// one and, for a change, the newer one too).
public struct PublicChangeFeed: Hashable, Sendable {
    /// Most entries a feed carries.
    public static let maxEntries = 50

    /// One published build as the store recorded it.
    public struct Build: Hashable, Sendable {
        public var buildID: String
        public var time: Date
        /// The Atom id of its entry (a `urn:uuid:` the caller derives from the build id).
        public var entryID: String
        /// Framework id → percent.
        public var frameworkPercents: [String: Double]
        /// Control id → its snapshot.
        public var controls: [String: Control]

        public struct Control: Hashable, Sendable {
            public var title: String
            public var visibility: Visibility
            public var score: Double

            public init(title: String, visibility: Visibility, score: Double) {
                self.title = title
                self.visibility = visibility
                self.score = score
            }
        }

        public init(
            buildID: String, time: Date, entryID: String, frameworkPercents: [String: Double],
            controls: [String: Control]
        ) {
            self.buildID = buildID
            self.time = time
            self.entryID = entryID
            self.frameworkPercents = frameworkPercents
            self.controls = controls
        }
    }

    /// What one build changed publicly since the published build before it.
    public struct Entry: Hashable, Sendable {
        /// A published program's framework % before and after.
        public struct ProgramMove: Hashable, Sendable {
            public var id: String
            public var title: LocalizedStrings
            public var from: Double
            public var to: Double
        }

        /// A control added, removed (no states) or changed (`from`/`to` states).
        public struct Move: Hashable, Sendable {
            /// The program id (as on the page) or the control id.
            public var id: String
            public var title: LocalizedStrings
            public var from: String
            public var to: String
        }

        public var buildID: String
        public var entryID: String
        public var time: Date
        public var since: Date
        /// Published programs whose framework % moved (`from`/`to` are percents, formatted
        /// by the writer).
        public var programs: [ProgramMove]
        public var controlsAdded: [Move]
        public var controlsRemoved: [Move]
        /// Public controls whose state (`passing`, `attention`, `failing`) changed.
        public var controlsChanged: [Move]

        var isEmpty: Bool {
            programs.isEmpty && controlsAdded.isEmpty && controlsRemoved.isEmpty
                && controlsChanged.isEmpty
        }

    }

    /// Newest first, at most ``maxEntries``.
    public var entries: [Entry]
    /// The feed's Atom id in each locale (a `urn:uuid:` the caller derives from the
    /// organisation and the locale).
    public var feedIDs: [String: String] = [:]
    /// The time of this build: the feed's `updated` when it has no entry.
    public var buildTime = Date(timeIntervalSince1970: 0)

    /// The entries of `builds`.
    ///
    /// - Parameters:
    ///   - builds: the published builds (this one included), in any order; each is compared
    ///     with the one before it in time.
    ///   - programs: the programs the page publishes now; only those with a framework and a
    ///     percentage are followed.
    /// - Complexity: O(b·(p + c)) for b builds, p programs and c controls.
    public init(builds: [Build], programs: [PublicTrustCenter.Program]) {
        let ordered = builds.sorted { ($0.time, $0.buildID) < ($1.time, $1.buildID) }
        let followed = programs.compactMap { program in
            program.percent == nil ? nil : program.framework.map { (program, $0) }
        }
        var entries: [Entry] = []
        for (before, after) in zip(ordered, ordered.dropFirst()).reversed() {
            guard entries.count < Self.maxEntries else { break }
            let entry = Self.entry(before, after, followed: followed)
            if !entry.isEmpty { entries.append(entry) }
        }
        self.entries = entries
    }

    private static func entry(
        _ before: Build, _ after: Build,
        followed: [(PublicTrustCenter.Program, String)]
    ) -> Entry {
        let programs = followed.compactMap {
            program, framework -> Entry.ProgramMove? in
            guard let was = before.frameworkPercents[framework],
                let now = after.frameworkPercents[framework], was != now
            else { return nil }
            return .init(id: program.id, title: program.title, from: was, to: now)
        }
        func move(
            _ id: String, _ title: String, _ from: String = "", _ to: String = ""
        )
            -> Entry.Move
        {
            .init(
                id: id, title: [LocalizedText.defaultLocale: title], from: from, to: to)
        }
        var added: [Entry.Move] = []
        var removed: [Entry.Move] = []
        var changed: [Entry.Move] = []
        for id in Set(before.controls.keys).union(after.controls.keys).sorted() {
            let old = before.controls[id]
            let new = after.controls[id]
            switch (old, new) {
            case (nil, let new?) where new.visibility == .public:
                added.append(move(id, new.title))
            case (let old?, nil) where old.visibility == .public:
                removed.append(move(id, old.title))
            case (let old?, let new?) where old.visibility == .public && new.visibility == .public:
                let from = PublicProjection.state(old.score)
                let to = PublicProjection.state(new.score)
                if from != to { changed.append(move(id, new.title, from, to)) }
            default: break
            }
        }
        return Entry(
            buildID: after.buildID, entryID: after.entryID, time: after.time,
            since: before.time, programs: programs, controlsAdded: added,
            controlsRemoved: removed,
            controlsChanged: changed.filter { $0.to == "failing" }
                + changed.filter { $0.to != "failing" })
    }
}
