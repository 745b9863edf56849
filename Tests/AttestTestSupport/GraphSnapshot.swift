import AttestCore

/// A position-free, order-free text of a control graph, to compare graphs loaded from files
/// written in different orders.
public enum GraphSnapshot {
    public static func text(_ graph: ControlGraph) -> String {
        var lines: [String] = []
        for id in graph.frameworkIDs {
            lines.append("framework \(id)")
            for key in graph.catalogOrder[id] ?? [] {
                guard let node = graph.nodes[key] else { continue }
                lines.append(
                    "  \(key) parent=\(node.parent.map(\.description) ?? "-") assessable=\(node.requirement.isAssessable) controls=\((graph.controlsByRequirement[key] ?? []).map(\.rawValue).joined(separator: ","))"
                )
            }
        }
        for id in graph.controlIDs {
            guard let control = graph.controls[id] else { continue }
            let satisfies = control.satisfies.map(\.key.description).sorted().joined(separator: ",")
            lines.append(
                "control \(id) \(control.title.values.sorted { $0.key < $1.key }) \(control.visibility) [\(satisfies)]"
            )
            for spec in control.evidence.sorted(by: { $0.id < $1.id }) {
                lines.append(
                    "  evidence \(spec.id) \(spec.collector) \(spec.path ?? "-") \(spec.maxAge?.description ?? "-") \(spec.visibility)"
                )
            }
        }
        for mapping in graph.mappings {
            lines.append("mapping \(mapping.from) \(mapping.relation.rawValue) \(mapping.to)")
        }
        for (framework, keys) in graph.gaps.sorted(by: { $0.key < $1.key }) {
            lines.append(
                "gaps \(framework): \(keys.map(\.requirement.rawValue).joined(separator: ","))")
        }
        let codes = graph.diagnostics.map { "\($0.severity) \($0.code)" }.sorted()
        lines.append("diagnostics \(codes)")
        return lines.joined(separator: "\n")
    }
}
