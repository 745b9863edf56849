import AttestCore
import Foundation
import Testing

@testable import AttestCatalog

/// `key`, `level` and `aggregate` as written in controls, catalogs and `attest.yaml`.
@Suite struct AggregationReadingTests {
    static func decode(_ text: String, manifest: Bool = false) -> ParsedFile {
        ParsedFile.decode(Array(text.utf8), file: "x.yaml", isManifest: manifest, limits: .default)
    }

    static func controls(_ text: String) -> [Control] {
        guard case let .fragment(contents)? = decode(text).document else { return [] }
        return contents.controls
    }

    @Test func keyAndLevelOnTheControlApplyToEveryRequirementUnlessAnEntrySaysOtherwise() throws {
        let controls = Self.controls(
            """
            schema: 1
            controls:
              - id: C-1
                title: Change approval
                key: true
                satisfies:
                  soc2: [CC8.1, { id: CC5.1, key: false }, { id: CC3.4, level: exceeds, key: false }]
                  hipaa: ["164.312(e)(2)(ii)"]
            """)
        let references = try #require(controls.first).satisfies
        #expect(
            references.map(\.key.description) == [
                "soc2/CC8.1", "soc2/CC5.1", "soc2/CC3.4", "hipaa/164.312(e)(2)(ii)",
            ])
        #expect(references.map(\.isKey) == [true, false, false, true])
        #expect(references.map(\.level) == [.meets, .meets, .exceeds, .meets])
        #expect(references[1].position.line == 7)
    }

    @Test func aControlLevelIsReadForEveryRequirement() throws {
        let controls = Self.controls(
            """
            schema: 1
            controls:
              - id: C-1
                title: TLS 1.3 only
                level: exceeds
                satisfies: { hipaa: ["164.312(e)(2)(ii)"] }
            """)
        #expect(try #require(controls.first).satisfies.map(\.level) == [.exceeds])
    }

    @Test func aKeyControlThatExceedsIsAnErrorAtItsEntry() {
        let parsed = Self.decode(
            """
            schema: 1
            controls:
              - id: C-1
                title: TLS 1.3 only
                key: true
                satisfies:
                  hipaa:
                    - { id: "164.312(e)(2)(ii)", level: exceeds }
            """)
        let finding = parsed.diagnostics.first { $0.code == .controlKeyExceeds }
        #expect(finding?.severity == .error)
        #expect(finding?.position?.line == 8)
    }

    @Test func aSatisfiesEntryWithAnUnknownKeyIsReported() {
        let parsed = Self.decode(
            """
            schema: 1
            controls:
              - id: C-1
                title: T
                satisfies: { soc2: [{ id: CC8.1, weight: 2 }] }
            """)
        #expect(parsed.diagnostics.map(\.code) == [.schemaUnknownKey])
    }

    @Test func aggregateIsReadOnAFrameworkAndARequirement() throws {
        let parsed = Self.decode(
            """
            schema: 1
            framework: { id: demo, name: Demo, kind: standard, issuer: Us, aggregate: min }
            requirements:
              - id: D1
                title: Domain
                requirements:
                  - { id: D1.1, title: Leaf, aggregate: all }
                  - { id: D1.2, title: Leaf }
            """)
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
        guard case let .framework(framework)? = parsed.document else {
            Issue.record("not a framework")
            return
        }
        #expect(framework.aggregate == .min)
        let leaves = try #require(framework.requirements.first).children
        #expect(leaves.map(\.aggregate) == [.all, nil])
    }

    @Test func aggregateOnARequirementWithRequirementsUnderItIsRefused() {
        let parsed = Self.decode(
            """
            schema: 1
            framework: { id: demo, name: Demo, kind: standard, issuer: Us }
            requirements:
              - id: D1
                title: Domain
                aggregate: min
                requirements:
                  - { id: D1.1, title: Leaf }
            """)
        #expect(parsed.diagnostics.map(\.code) == [.schemaInvalidValue])
        #expect(parsed.diagnostics.first?.position?.line == 6)
    }

    @Test func anUnknownAggregateIsAnInvalidValue() {
        let parsed = Self.decode(
            """
            schema: 1
            framework: { id: demo, name: Demo, kind: standard, issuer: Us, aggregate: median }
            requirements: [{ id: D1, title: Leaf }]
            """)
        #expect(parsed.diagnostics.map(\.code) == [.schemaInvalidValue])
    }

    @Test func theWorkspaceDefaultAggregateIsReadFromAttestYAML() {
        let parsed = Self.decode(
            """
            schema: 1
            organisation: { name: Test }
            aggregate: all
            """, manifest: true)
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
        guard case let .manifest(manifest, _)? = parsed.document else {
            Issue.record("not a manifest")
            return
        }
        #expect(manifest.aggregate == .all)
    }
}
