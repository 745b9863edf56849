import AttestCore
import Foundation
import Testing

@testable import AttestRender

/// The entries of the Atom feed, computed from recorded builds: only public facts, one entry
/// per build that changed one, newest first, at most fifty.
@Suite struct PublicChangeFeedTests {
    typealias Build = PublicChangeFeed.Build

    static func build(
        _ day: Int, percent: Double, controls: [String: Build.Control]
    ) -> Build {
        Build(
            buildID: "b\(day)", time: Date(timeIntervalSince1970: Double(day) * 86_400),
            entryID: "urn:uuid:\(day)", frameworkPercents: ["demo": percent, "hidden": percent],
            controls: controls)
    }

    static var program: PublicTrustCenter.Program {
        get throws {
            let json = #"""
                {"id": "p", "title": {"en": "Program"}, "status": "in-progress",
                 "framework": "demo", "reportUnderNDA": false, "percent": 50,
                 "domains": [], "trend": []}
                """#
            return try JSONDecoder().decode(PublicTrustCenter.Program.self, from: Data(json.utf8))
        }
    }

    @Test func onlyPublicControlsAndPublishedFrameworksEnterAnEntry() throws {
        let builds = [
            Self.build(
                1, percent: 40,
                controls: [
                    "PUB": .init(title: "Public", visibility: .public, score: 1),
                    "NDA": .init(title: "Secret", visibility: .nda, score: 1),
                    "GONE": .init(title: "Old", visibility: .public, score: 1),
                    "GONE-NDA": .init(title: "Old secret", visibility: .nda, score: 1),
                ]),
            Self.build(
                2, percent: 50,
                controls: [
                    "PUB": .init(title: "Public", visibility: .public, score: 0),
                    "NDA": .init(title: "Secret", visibility: .nda, score: 0),
                    "NEW": .init(title: "New", visibility: .public, score: 1),
                    "NEW-INT": .init(title: "New internal", visibility: .internal, score: 1),
                ]),
        ]
        let feed = PublicChangeFeed(builds: builds.reversed(), programs: [try Self.program])
        let entry = try #require(feed.entries.first)
        #expect(feed.entries.count == 1)
        #expect(entry.entryID == "urn:uuid:2")
        #expect(entry.programs.map(\.id) == ["p"])
        #expect(entry.programs.first?.from == 40)
        #expect(entry.programs.first?.to == 50)
        #expect(entry.controlsAdded.map(\.id) == ["NEW"])
        #expect(entry.controlsRemoved.map(\.id) == ["GONE"])
        #expect(entry.controlsChanged.map(\.id) == ["PUB"])
        #expect(entry.controlsChanged.first?.from == "passing")
        #expect(entry.controlsChanged.first?.to == "failing")
    }

    @Test func aBuildThatChangedNothingPublicHasNoEntryAndTheFeedKeepsFifty() throws {
        let control: [String: Build.Control] = [
            "NDA": .init(title: "Secret", visibility: .nda, score: 1)
        ]
        // 60 builds alternating the figure, with a quiet build after each: 59 changes.
        var builds: [Build] = []
        for day in 0..<120 {
            builds.append(Self.build(day, percent: Double((day / 2) % 2) * 10, controls: control))
        }
        let feed = PublicChangeFeed(builds: builds, programs: [try Self.program])
        #expect(feed.entries.count == PublicChangeFeed.maxEntries)
        #expect(feed.entries.first?.buildID == "b118")
        #expect(feed.entries.allSatisfy { !$0.programs.isEmpty })
        let times = feed.entries.map(\.time)
        #expect(times == times.sorted(by: >))
    }
}
