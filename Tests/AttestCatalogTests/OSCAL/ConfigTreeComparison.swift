import AttestCore

/// Compares two `ConfigValue` trees as documents: positions ignored, mapping entries compared
/// by key whatever their order, scalars by text and by whether they are strings.
///
/// Values under `proseKeys` (Markdown prose and markup lines) are compared after collapsing runs
/// of white space to one space and trimming both ends, since XML indentation is not content.
/// NIST's JSON keeps some of it: a markup line such as a `choice` that ends with an `<insert/>`
/// followed by indentation is `"{{ insert: param, x }} "` in the JSON (64 such values in the
/// 800-53 5.0.1 catalog, in `choice` and citation `text`), where a faithful rendering of the XML
/// has no trailing space. Every other value (ids, flags, props, links, params) is compared
/// exactly.
struct ConfigTreeComparison {
    var proseKeys: Set<String> = [
        "prose", "remarks", "description", "usage", "title", "label", "choice", "text",
    ]
    private(set) var differences: [String] = []
    /// Scalars compared, to show that a comparison covered the trees.
    private(set) var scalarsCompared = 0

    mutating func compare(_ left: ConfigValue, _ right: ConfigValue, path: String = "$") {
        compare(left, right, path: path, isProse: false)
    }

    private mutating func compare(
        _ left: ConfigValue, _ right: ConfigValue, path: String, isProse: Bool
    ) {
        switch (left.kind, right.kind) {
        case let (.scalar(a, aQuoted), .scalar(b, bQuoted)):
            scalarsCompared += 1
            let (x, y) = isProse ? (Self.collapsed(a), Self.collapsed(b)) : (a, b)
            if x != y || aQuoted != bQuoted {
                differences.append("\(path): \(debug(a, aQuoted)) ≠ \(debug(b, bQuoted))")
            }
        case let (.sequence(a), .sequence(b)):
            if a.count != b.count {
                differences.append("\(path): \(a.count) items ≠ \(b.count) items")
            }
            for (index, pair) in zip(a, b).enumerated() {
                compare(pair.0, pair.1, path: "\(path)[\(index)]", isProse: isProse)
            }
        case let (.mapping(a), .mapping(b)):
            let right = Dictionary(b.map { ($0.key, $0.value) }, uniquingKeysWith: { x, _ in x })
            let leftKeys = Set(a.map(\.key))
            for entry in a {
                guard let other = right[entry.key] else {
                    differences.append("\(path).\(entry.key): only on the left")
                    continue
                }
                compare(
                    entry.value, other, path: "\(path).\(entry.key)",
                    isProse: isProse || proseKeys.contains(entry.key))
            }
            for entry in b where !leftKeys.contains(entry.key) {
                differences.append("\(path).\(entry.key): only on the right")
            }
        default:
            differences.append("\(path): \(left.shapeName) ≠ \(right.shapeName)")
        }
    }

    private func debug(_ text: String, _ quoted: Bool) -> String {
        let shown = text.count > 120 ? String(text.prefix(120)) + "…" : text
        return quoted ? "\"\(shown)\"" : shown
    }

    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
            .joined(separator: " ")
    }
}
