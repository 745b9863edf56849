import AttestCore

/// A dotted path into a document, such as `tls.min_version`, `rules[0].port` or `users[*].mfa`.
///
/// Keys are separated by `.`; `[n]` picks an array item and `[*]` every item. A key cannot
/// contain `.`, `[` or `]`; address such keys from their parent with a nested assertion.
struct ValuePath: Hashable, Sendable, CustomStringConvertible {
    enum Step: Hashable, Sendable {
        case key(String)
        case index(Int)
        case everyItem
    }

    var steps: [Step]

    /// Parses the path text; nil when it is empty or malformed (`a..b`, `a[x]`, `a[`).
    ///
    /// `$` alone is the whole document: an API that answers with a bare array (a list of
    /// alerts, of policies) is judged with `$: { count: … }` or `$: { any: … }`.
    init?(parsing text: String) {
        if text == "$" {
            steps = []
            return
        }
        var steps: [Step] = []
        var rest = Substring(text)
        guard !rest.isEmpty else { return nil }
        var expectKey = true
        while !rest.isEmpty {
            if rest.first == "[" {
                guard let close = rest.firstIndex(of: "]") else { return nil }
                let inside = rest[rest.index(after: rest.startIndex)..<close]
                if inside == "*" {
                    steps.append(.everyItem)
                } else if !inside.isEmpty, inside.allSatisfy({ $0.isASCII && $0.isNumber }),
                    let index = Int(inside)
                {
                    steps.append(.index(index))
                } else {
                    return nil
                }
                rest = rest[rest.index(after: close)...]
                expectKey = false
            } else if rest.first == "." {
                guard !steps.isEmpty, !expectKey else { return nil }
                rest = rest.dropFirst()
                expectKey = true
                guard let next = rest.first, next != ".", next != "[" else { return nil }
            } else {
                guard expectKey else { return nil }
                let end = rest.firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
                let key = rest[..<end]
                // By byte: Foundation's substring search, which a string literal picks, cost a
                // tenth of checking every collector's options in a large workspace.
                guard !key.utf8.contains(UInt8(ascii: "]")) else { return nil }
                steps.append(.key(String(key)))
                rest = rest[end...]
                expectKey = false
            }
        }
        guard !expectKey else { return nil }
        self.steps = steps
    }

    var description: String { Self.render(steps, after: "") }

    /// One value the path reached, or the concrete place where it stopped existing.
    struct Match {
        /// The concrete path, with `[*]` replaced by the item's index.
        var path: String
        /// nil when the path does not exist in the document.
        var value: ConfigValue?
    }

    /// Every value the path reaches below `value`; `prefix` is the path of `value` itself.
    ///
    /// A path without `[*]` yields exactly one match (whose value is nil when absent). `[*]`
    /// over an empty array yields no match at all.
    func resolve(in value: ConfigValue?, prefix: String) -> [Match] {
        var matches = [Match(path: prefix, value: value)]
        for step in steps {
            var next: [Match] = []
            for match in matches {
                guard let current = match.value else {
                    next.append(Match(path: Self.render([step], after: match.path), value: nil))
                    continue
                }
                switch step {
                case .key(let key):
                    next.append(
                        Match(path: Self.render([step], after: match.path), value: current[key]))
                case .index(let index):
                    let items = current.sequence ?? []
                    next.append(
                        Match(
                            path: Self.render([step], after: match.path),
                            value: items.indices.contains(index) ? items[index] : nil))
                case .everyItem:
                    guard let items = current.sequence else {
                        next.append(
                            Match(path: Self.render([step], after: match.path), value: nil))
                        continue
                    }
                    for (index, item) in items.enumerated() {
                        next.append(
                            Match(
                                path: Self.render([.index(index)], after: match.path), value: item))
                    }
                }
            }
            matches = next
        }
        return matches
    }

    /// Appends steps to a rendered path: `a` + key `b` → `a.b`, `a` + index 0 → `a[0]`.
    static func render(_ steps: [Step], after prefix: String) -> String {
        var text = prefix
        for step in steps {
            switch step {
            case .key(let key): text += text.isEmpty ? key : "." + key
            case .index(let index): text += "[\(index)]"
            case .everyItem: text += "[*]"
            }
        }
        return text
    }
}
