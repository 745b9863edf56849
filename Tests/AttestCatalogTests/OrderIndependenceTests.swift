import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// The order of entries in YAML files, and how they are split across files, does not change
/// the graph.
@Suite struct OrderIndependenceTests {
    struct ControlText {
        var id: String
        var satisfies: [String]
        var evidence: [(id: String, collector: String)]

        func yaml(reversedLists: Bool) -> String {
            let satisfies = reversedLists ? Array(self.satisfies.reversed()) : self.satisfies
            let evidence = reversedLists ? Array(self.evidence.reversed()) : self.evidence
            var lines = [
                "  - id: \(id)", "    title: { en: Control \(id), fr: Contrôle \(id) }",
                "    visibility: public",
                "    satisfies: { demo: [\(satisfies.joined(separator: ", "))] }", "    evidence:",
            ]
            for item in evidence {
                lines += [
                    "      - id: \(item.id)", "        collector: \(item.collector)",
                    "        path: evidence/\(item.id)", "        max_age: 30d",
                ]
            }
            return lines.joined(separator: "\n")
        }
    }

    static let demoFramework = """
        schema: 1
        framework: { id: demo, name: Demo, kind: standard, issuer: Tests }
        requirements:
          - id: D1
            title: One
            requirements:
              - { id: D1.1, title: A }
              - { id: D1.2, title: B }
              - { id: D1.3, title: C }
          - id: D2
            title: Two
            requirements:
              - { id: D2.1, title: D }
              - { id: D2.2, title: E }
        """

    static let controls: [ControlText] = (1...12).map { index in
        ControlText(
            id: String(format: "C-%02d", index),
            satisfies: ["D1.\(index % 3 + 1)", "D2.\(index % 2 + 1)"],
            evidence: [
                ("ev-\(index)-a", "file"), ("ev-\(index)-b", "json"), ("ev-\(index)-c", "yaml"),
            ])
    }

    static let relations = [
        "    - { from: D1.1, to: D2.1, relation: intersects }",
        "    - { from: D1.2, to: D2.2, relation: equivalent }",
        "    - { from: D1.3, to: D2.1, relation: subset-of }",
    ]

    /// Writes the workspace with the controls split into `files` files in the given order.
    func write(
        _ controls: [ControlText], files: Int, reversedLists: Bool, relations: [String]
    ) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-order-\(UUID().uuidString)")
        let library = root.appendingPathComponent("controls/library")
        try FileManager.default.createDirectory(at: library, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("controls/frameworks"),
            withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("controls/mappings"), withIntermediateDirectories: true)
        try Self.demoFramework.write(
            to: root.appendingPathComponent("controls/frameworks/demo.yaml"), atomically: true,
            encoding: .utf8)
        try
            ("schema: 1\nmappings:\n  from: demo\n  to: demo\n  source: test\n  relations:\n"
            + relations.joined(separator: "\n") + "\n")
            .write(
                to: root.appendingPathComponent("controls/mappings/demo-demo.yaml"),
                atomically: true, encoding: .utf8)
        try
            "schema: 1\norganisation: { name: Order }\nframeworks: [demo]\ninclude: [controls/library/*.yaml]\n"
            .write(
                to: root.appendingPathComponent("attest.yaml"), atomically: true, encoding: .utf8)
        for file in 0..<files {
            let chunk = controls.enumerated().filter { $0.offset % files == file }.map(\.element)
            let text =
                "schema: 1\ncontrols:\n"
                + chunk.map { $0.yaml(reversedLists: reversedLists) }.joined(separator: "\n") + "\n"
            try text.write(
                to: library.appendingPathComponent("part-\(file).yaml"), atomically: true,
                encoding: .utf8)
        }
        return root
    }

    @Test func shufflingControlsEvidenceMappingsAndFilesGivesTheSameGraph() throws {
        let original = try write(
            Self.controls, files: 1, reversedLists: false, relations: Self.relations)
        defer { try? FileManager.default.removeItem(at: original) }
        let loader = WorkspaceLoader(builtinCatalogs: nil)
        let expected = GraphSnapshot.text(try loader.validate(at: original).graph)
        #expect(expected.contains("control C-12"))

        var generator = SplitMix64(seed: 7)
        for round in 0..<5 {
            var shuffled = Self.controls
            shuffled.shuffle(using: &generator)
            var relations = Self.relations
            relations.shuffle(using: &generator)
            let copy = try write(
                shuffled, files: round + 2, reversedLists: round % 2 == 0, relations: relations)
            defer { try? FileManager.default.removeItem(at: copy) }
            #expect(GraphSnapshot.text(try loader.validate(at: copy).graph) == expected)
        }
    }
}

extension SplitMix64: RandomNumberGenerator {}
