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
        // An ASCII path (every path in practice) is read byte by byte; any other takes the
        // reading by character below, where a mark joined to `.` or `[` changes what it is.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            guard let steps = Self.asciiSteps(text) else { return nil }
            self.steps = steps
            return
        }
        guard let steps = Self.characterSteps(text) else { return nil }
        self.steps = steps
    }

    /// The steps of an ASCII path, read by byte: what ``characterSteps(_:)`` reads, since each
    /// ASCII byte is a character of its own (a CR LF pair is one, but neither is `.`, `[` or
    /// `]`).
    static func asciiSteps(_ text: String) -> [Step]? {
        let bytes = Array(text.utf8)
        var steps: [Step] = []
        var at = 0
        guard !bytes.isEmpty else { return nil }
        var expectKey = true
        while at < bytes.count {
            switch bytes[at] {
            case UInt8(ascii: "["):
                guard let close = bytes[at...].firstIndex(of: UInt8(ascii: "]")) else {
                    return nil
                }
                let inside = bytes[(at + 1)..<close]
                if inside.elementsEqual([UInt8(ascii: "*")]) {
                    steps.append(.everyItem)
                } else if !inside.isEmpty, inside.allSatisfy({ (0x30...0x39).contains($0) }),
                    let index = Int(String(decoding: inside, as: UTF8.self))
                {
                    steps.append(.index(index))
                } else {
                    return nil
                }
                at = close + 1
                expectKey = false
            case UInt8(ascii: "."):
                guard !steps.isEmpty, !expectKey else { return nil }
                at += 1
                expectKey = true
                guard at < bytes.count, bytes[at] != UInt8(ascii: "."),
                    bytes[at] != UInt8(ascii: "[")
                else { return nil }
            default:
                guard expectKey else { return nil }
                let end =
                    bytes[at...].firstIndex { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "[") }
                    ?? bytes.count
                let key = bytes[at..<end]
                guard !key.contains(UInt8(ascii: "]")) else { return nil }
                steps.append(.key(String(decoding: key, as: UTF8.self)))
                at = end
                expectKey = false
            }
        }
        return expectKey ? nil : steps
    }

    /// The steps of a path, read by character.
    static func characterSteps(_ text: String) -> [Step]? {
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
        return expectKey ? nil : steps
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
