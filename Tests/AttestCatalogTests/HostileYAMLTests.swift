import AttestCore
import Foundation
import Testing

@testable import AttestCatalog

/// Hostile input is refused with a diagnostic — never a crash, a hang or unbounded memory.
@Suite struct HostileYAMLTests {
    func parse(_ text: String, limits: YAMLLimits = .default) -> Result<ConfigValue?, Diagnostic> {
        YAMLParser(file: "hostile.yaml", limits: limits).parse(Array(text.utf8))
    }

    func code(_ result: Result<ConfigValue?, Diagnostic>) -> DiagnosticCode? {
        if case let .failure(diagnostic) = result { return diagnostic.code }
        return nil
    }

    @Test func billionLaughsWithNineLevelsIsRefusedAtTheDefaultBound() {
        var lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...9 {
            let refs = Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", ")
            lines.append("l\(level): &l\(level) [\(refs)]")
        }
        #expect(code(parse(lines.joined(separator: "\n"))) == .yamlAliasLimit)
    }

    @Test func aFewAliasesWithinTheBoundAreExpanded() throws {
        let value = try parse("base: &b {x: 1}\ncopy: *b\n").get()
        #expect(value?["copy"]?["x"]?.scalar == "1")
    }

    @Test func deepNestingIsRefusedAtTheDefaultBound() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(code(parse(deep)) == .yamlTooDeep)
        let deepMaps = (0..<200).map { String(repeating: "  ", count: $0) + "k\($0):" }.joined(
            separator: "\n")
        #expect(code(parse(deepMaps)) == .yamlTooDeep)
    }

    @Test func nestingAtTheBoundIsAccepted() throws {
        let limits = YAMLLimits(maxDepth: 5)
        #expect(throws: Never.self) { try parse("[[[[[x]]]]]", limits: limits).get() }
        #expect(code(parse("[[[[[[x]]]]]]", limits: limits)) == .yamlTooDeep)
    }

    @Test func fileAboveTheSizeBoundIsRefusedBeforeParsing() {
        let limits = YAMLLimits(maxFileBytes: 1_000)
        let big = String(repeating: "- ab\n", count: 201)
        #expect(code(parse(big, limits: limits)) == .yamlFileTooLarge)
        #expect(code(parse(String(big.dropLast(6)), limits: limits)) == nil)
    }

    @Test(
        arguments: [
            [0xFF], [0x61, 0x3A, 0x20, 0xC3], [0x61, 0x3A, 0x20, 0xED, 0xA0, 0x80], [0xC0, 0xAF],
        ] as [[UInt8]])
    func invalidUTF8IsRefused(_ bytes: [UInt8]) {
        let result = YAMLParser(file: "bad.yaml", limits: .default).parse(bytes)
        #expect(code(result) == .yamlInvalidUTF8)
    }

    @Test func utf16WithABOMIsNotSilentlyAccepted() {
        let utf16: [UInt8] = [0xFF, 0xFE, 0x61, 0x00, 0x3A, 0x00, 0x20, 0x00, 0x62, 0x00]
        #expect(code(YAMLParser(file: "bad.yaml", limits: .default).parse(utf16)) != nil)
    }

    @Test func duplicateKeysAreRefusedWithTheFirstKeyAsANote() {
        guard case let .failure(diagnostic) = parse("a: 1\nb: 2\na: 3\n") else {
            Issue.record("expected a failure")
            return
        }
        #expect(diagnostic.code == .yamlDuplicateKey)
        #expect(diagnostic.position == SourcePosition(file: "hostile.yaml", line: 3, column: 1))
        #expect(diagnostic.notes.first?.position?.line == 1)
    }

    @Test func aMappingWithManyKeysIsCheckedForDuplicatesInLinearTime() throws {
        let keys = (0..<60_000).map { "k\($0): v" }
        let value = try parse(keys.joined(separator: "\n")).get()
        #expect(value?.mapping?.count == 60_000)
        let duplicated = keys + ["k17: again"]
        guard case let .failure(diagnostic) = parse(duplicated.joined(separator: "\n")) else {
            Issue.record("expected a duplicate-key failure")
            return
        }
        #expect(diagnostic.code == .yamlDuplicateKey)
        #expect(diagnostic.position?.line == 60_001)
        #expect(diagnostic.notes.first?.position?.line == 18)
    }

    @Test func unknownTagsAndUndefinedAliasesAreSyntaxErrors() {
        #expect(code(parse("a: !!python/object:os.system x\n")) == .yamlSyntax)
        #expect(code(parse("a: *nowhere\n")) == .yamlSyntax)
    }

    @Test func positionsAreOneBasedLinesAndColumns() throws {
        let value = try #require(
            try parse("schema: 1\nitems:\n  - id: A\n    title: \"é x\"\n").get())
        let item = try #require(value["items"]?.sequence?.first)
        #expect(item.position == SourcePosition(file: "hostile.yaml", line: 3, column: 5))
        #expect(
            item["title"]?.position == SourcePosition(file: "hostile.yaml", line: 4, column: 12))
        #expect(item["title"]?.kind == .scalar("é x", isQuoted: true))
        #expect(value.mapping?.map(\.keyPosition.line) == [1, 2])
    }

    @Test func randomBytesNeverCrashTheParser() {
        var generator = SplitMix64(seed: 42)
        let alphabet = Array("ab:-[]{}&*!|>'\"#\n \t,?%@`".utf8) + [0xC3, 0xA9, 0xFF]
        for _ in 0..<2_000 {
            let length = Int(generator.next() % 64)
            let bytes = (0..<length).map { _ in
                alphabet[Int(generator.next() % UInt64(alphabet.count))]
            }
            _ = YAMLParser(file: "fuzz.yaml", limits: .default).parse(bytes)
        }
    }
}
