import AttestCore
import Foundation
import Testing

@testable import AttestCatalog

/// An evidence item as written under a control: the common keys typed, every other key kept as
/// an option of its collector, and each missing or mistyped key reported in a fixed order.
@Suite struct EvidenceItemReadingTests {
    static func decode(_ evidence: String) -> ParsedFile {
        let text = """
            schema: 1
            controls:
              - id: C-1
                title: Access review
                visibility: nda
                evidence:

            """ + evidence
        return ParsedFile.decode(
            Array(text.utf8), file: "x.yaml", isManifest: false, limits: .default)
    }

    static func specs(_ evidence: String) -> [EvidenceSpec] {
        guard case let .fragment(contents)? = decode(evidence).document else { return [] }
        return contents.controls.first?.evidence ?? []
    }

    @Test func everyCommonKeyIsTypedAndTheOthersAreTheCollectorsOptions() throws {
        let specs = Self.specs(
            """
                  - max_age: 90d
                    expect: { status: ok }
                    id: ev-1
                    weight: 2
                    path: evidence/review.json
                    visibility: internal
                    collector: json
                    title: { en: Quarterly review, fr: Revue trimestrielle }
                    assert: [{ path: status, equals: ok }]
                  - id: ev-2
                    collector: file
                    path: evidence/policy.md
            """)
        #expect(specs.count == 2)
        let first = try #require(specs.first)
        #expect(first.id == "ev-1")
        #expect(first.collector == .json)
        #expect(first.path == "evidence/review.json")
        #expect(first.pathPosition?.line == 11)
        #expect(first.maxAge?.description == "90d")
        #expect(first.weight == 2)
        #expect(first.visibility == .internal)
        #expect(first.title?.values == ["en": "Quarterly review", "fr": "Revue trimestrielle"])
        #expect(first.options.keys.sorted() == ["assert", "expect"])
        #expect(first.position.line == 7)
        // Defaults: weight 1, the control's visibility, no title, no max_age, no options.
        let second = try #require(specs.last)
        #expect(second.weight == 1)
        #expect(second.visibility == .nda)
        #expect(second.title == nil)
        #expect(second.maxAge == nil)
        #expect(second.options.isEmpty)
    }

    /// Missing keys first ('id' before 'collector'), then each value's own problem in the order
    /// id, title, collector, path, max_age, weight, visibility, whatever order they are written.
    @Test func findingsComeInAFixedOrderWhateverTheKeysOrder() {
        let parsed = Self.decode(
            """
                  - visibility: secret
                    weight: -1
                    max_age: soon
                    path: [not, text]
                    title: [not, text]
            """)
        let messages = parsed.diagnostics.map(\.message)
        let described = parsed.diagnostics.map { "\($0.position?.line ?? 0) \($0.message)" }
        #expect(messages.count == 7, "\(described)")
        #expect(messages.first == "an evidence item needs the key 'id'")
        #expect(messages.dropFirst().first == "an evidence item needs the key 'collector'")
        let lines = parsed.diagnostics.dropFirst(2).map { $0.position?.line ?? 0 }
        // title (line 11), path (10), max_age (9), weight (8), visibility (7).
        #expect(lines == [11, 10, 9, 8, 7], "\(messages)")
    }

    @Test func aRecipeItemNeedsOnlyAnId() {
        let parsed = Self.decode(
            """
                  - recipe: github-branch-protection
                    with: { repository: acme/api }
            """)
        #expect(parsed.diagnostics.map(\.message).contains("an evidence item needs the key 'id'"))
        #expect(!parsed.diagnostics.map(\.message).contains { $0.contains("'collector'") })
    }
}
