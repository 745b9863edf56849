/// One generated framework: its requirement tree (drawn first, so controls and mappings can
/// reference it) and its catalog file.
struct FrameworkPlan {
    /// How requirement ids are numbered, after the styles of the shipped catalogs.
    enum IDStyle: CaseIterable {
        case annex  // A.5.1.2 (ISO/IEC 27001 Annex A)
        case criteria  // CC5.1.2 (SOC 2)
        case article  // Art.5(1)(a) (GDPR, EU AI Act)
        case numeric  // "5.1.2" (ISO clauses, HIPAA sections)

        func id(_ path: [Int]) -> String {
            switch self {
            case .annex: return "A." + path.map(String.init).joined(separator: ".")
            case .criteria: return "CC" + path.map(String.init).joined(separator: ".")
            case .numeric: return path.map(String.init).joined(separator: ".")
            case .article:
                var text = "Art.\(path[0])"
                if path.count > 1 { text += "(\(path[1]))" }
                if path.count > 2 {
                    let letter = UnicodeScalar(UInt8(ascii: "a") + UInt8((path[2] - 1) % 26))
                    text += "(\(Character(letter)))"
                }
                return text
            }
        }
    }

    struct Node {
        var id: String
        var children: [Node] = []
    }

    let index: Int
    let id: String
    let style: IDStyle
    let roots: [Node]
    /// Every requirement id, in catalog order.
    let all: [String]
    /// Leaf ids (assessable by default): what controls satisfy.
    let leaves: [String]
    let topLevel: [String]
    var requirementCount: Int { all.count }

    /// Draws a tree of exactly `requirementsPerFramework` nodes: top-level groups of 4–10
    /// children, half of the groups with 2–5 grandchildren under most children (depth 3).
    init(index: Int, configuration: GeneratorConfiguration, random: inout SeededRandom) {
        self.index = index
        id = "fw-\(padded(index + 1, 3))"
        style = IDStyle.allCases[index % IDStyle.allCases.count]
        var remaining = configuration.requirementsPerFramework
        var roots: [Node] = []
        while remaining > 0 {
            if remaining == 1, !roots.isEmpty {
                // Too little left for a new group of depth 2: one more child for the last one.
                let number = roots[roots.count - 1].children.count + 1
                roots[roots.count - 1].children.append(Node(id: style.id([roots.count, number])))
                remaining -= 1
                break
            }
            let group = roots.count + 1
            var root = Node(id: style.id([group]))
            remaining -= 1
            let deep = random.chance(50)
            for child in 1...random.int(in: 4...10) where remaining > 0 {
                var node = Node(id: style.id([group, child]))
                remaining -= 1
                if deep, random.chance(70) {
                    for grandchild in 1...random.int(in: 2...5) where remaining > 0 {
                        node.children.append(Node(id: style.id([group, child, grandchild])))
                        remaining -= 1
                    }
                }
                root.children.append(node)
            }
            roots.append(root)
        }
        self.roots = roots
        var all: [String] = []
        var leaves: [String] = []
        func visit(_ node: Node) {
            all.append(node.id)
            if node.children.isEmpty { leaves.append(node.id) }
            node.children.forEach(visit)
        }
        roots.forEach(visit)
        self.all = all
        self.leaves = leaves
        topLevel = roots.map(\.id)
    }

    private static let kinds = ["certification", "attestation", "regulation", "standard"]

    /// The catalog file.
    func yaml(random: inout SeededRandom) -> String {
        var yaml = YAMLText(
            comment: "Generated framework \(id): \(all.count) requirements, \(leaves.count) leaves."
        )
        yaml.line(0, "schema: 1")
        yaml.line(0, "framework:")
        yaml.line(1, "id: \(id)")
        yaml.line(1, "name: \(YAMLText.flowText(random.title(words: 2...5)))")
        yaml.line(1, "kind: \(Self.kinds[index % Self.kinds.count])")
        yaml.line(1, "issuer: Benchmark Standards Body \(index + 1)")
        yaml.line(1, "version: \"20\(20 + index % 7)\"")
        yaml.line(1, "url: https://standards.example/\(id)")
        yaml.line(1, "metadata:")
        yaml.line(2, "published: \"20\(20 + index % 7)-0\(1 + index % 9)-15\"")
        yaml.line(0, "requirements:")
        for root in roots { write(root, depth: 0, into: &yaml, random: &random) }
        return yaml.text
    }

    private func write(
        _ node: Node, depth: Int, into yaml: inout YAMLText, random: inout SeededRandom
    ) {
        let indent = 1 + depth * 2
        yaml.line(indent, "- id: \(YAMLText.identifier(node.id))")
        yaml.line(indent + 1, "title: \(YAMLText.flowText(random.title()))")
        if node.children.isEmpty || random.chance(60) {
            yaml.blockText(indent + 1, "summary", random.summary())
        }
        if node.children.isEmpty {
            yaml.line(indent + 1, "tags: \(YAMLText.flowList(random.tags(1...3)))")
            if random.chance(10) {
                yaml.line(indent + 1, "weight: \(random.pick(["2", "0.5", "1.5"]))")
            }
        } else if random.chance(5) {
            yaml.line(indent + 1, "assessable: true")
            yaml.line(indent + 1, "tags: [governance]")
        }
        if random.chance(5) {
            yaml.line(indent + 1, "metadata: { applies_from: \"2026-08-02\" }")
        }
        if !node.children.isEmpty {
            yaml.line(indent + 1, "requirements:")
            for child in node.children {
                write(child, depth: depth + 1, into: &yaml, random: &random)
            }
        }
    }
}
