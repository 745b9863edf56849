import AttestCore
import AttestRender
import AttestStore
import AttestSystem
import Crypto
import Foundation

/// Reads the public change feed of a build from the store: the published builds before it and
/// the build itself (recorded, not yet published while its output is written).
enum ChangeFeedHistory {
    /// The feed of the build recorded as run `current`, for the programs the page publishes.
    static func feed(
        store: any ScoreStore, current: Int64, time: Date, center: PublicTrustCenter,
        locales: [String]
    ) throws(StoreError) -> PublicChangeFeed {
        let published = try store.runs(limit: nil, states: [.published]).filter {
            $0.kind == "build" && $0.id != current
        }
        // Enough builds for the most entries a feed shows, with one before the oldest; more
        // only when some builds changed nothing public.
        var runs = published.sorted { $0.id > $1.id }
        if let own = try store.runs(limit: nil, states: [.attempted, .published]).first(where: {
            $0.id == current
        }) {
            runs.insert(own, at: 0)
        }
        let window = Array(runs.prefix(4 * PublicChangeFeed.maxEntries + 1))
        var builds: [PublicChangeFeed.Build] = []
        for run in window {
            let scores = try store.scores(run: run.id)
            let controls = try store.controls(run: run.id)
            let buildID = run.buildID ?? "run-\(run.id)"
            builds.append(
                PublicChangeFeed.Build(
                    buildID: buildID, time: run.startedAt,
                    entryID: uuid("attest feed entry\n\(buildID)"),
                    frameworkPercents: Dictionary(
                        scores.compactMap { score in
                            if case let .framework(id) = score.node {
                                return (id.rawValue, score.percent)
                            }
                            return nil
                        }, uniquingKeysWith: { first, _ in first }),
                    controls: Dictionary(
                        controls.map {
                            (
                                $0.id.rawValue,
                                PublicChangeFeed.Build.Control(
                                    title: $0.title, visibility: $0.visibility, score: $0.score)
                            )
                        }, uniquingKeysWith: { first, _ in first })))
        }
        var feed = PublicChangeFeed(builds: builds, programs: center.programs)
        feed.buildTime = time
        for locale in locales {
            feed.feedIDs[locale] = uuid(
                "attest feed\n\(center.organisation.name)\n\(locale)")
        }
        return feed
    }

    /// A `urn:uuid:` named by `text`: its SHA-256's first 16 bytes with the version (8,
    /// RFC 9562's custom form) and variant bits set, so the same text always gives the same id.
    static func uuid(_ text: String) -> String {
        var bytes = Array(SHA256.hash(data: Data(text.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = Hex.encode(bytes)
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(
                hex[
                    hex.index(
                        hex.startIndex, offsetBy: range.lowerBound)..<hex.index(
                            hex.startIndex, offsetBy: range.upperBound)])
        }
        return "urn:uuid:" + parts.joined(separator: "-")
    }
}
