/// The JSON (and YAML) shape of an OSCAL document: objects keep their members' order, so the
/// output follows the tree's order (the XSD's) and is deterministic.
enum OSCALJSONValue: Hashable, Sendable {
    case string(String)
    case array([OSCALJSONValue])
    case object([(key: String, value: OSCALJSONValue)])

    static func == (lhs: OSCALJSONValue, rhs: OSCALJSONValue) -> Bool {
        switch (lhs, rhs) {
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    func hash(into hasher: inout Hasher) {
        switch self {
        case .string(let text): hasher.combine(text)
        case .array(let items): hasher.combine(items)
        case .object(let members):
            for member in members {
                hasher.combine(member.key)
                hasher.combine(member.value)
            }
        }
    }

    /// The document as OSCAL JSON's top-level object: `{ "catalog": { … } }`.
    static func document(_ document: OSCALDocument) throws(OSCALWriteError) -> OSCALJSONValue {
        .object([(document.root.name, try node(document.root, path: document.root.name))])
    }

    /// One node: a string for a field without flags, an object otherwise.
    static func node(_ node: OSCALNode, path: String) throws(OSCALWriteError) -> OSCALJSONValue {
        let text: String? =
            switch node.value {
            case .none: nil
            case .text(let text), .markupLine(let text): text
            case .markupMultiline(let text): OSCALMarkup.paragraphs(text).joined(separator: "\n\n")
            }
        if let text, node.flags.isEmpty, node.children.isEmpty { return .string(text) }
        var members: [(key: String, value: OSCALJSONValue)] = []
        var keys: Set<String> = []
        func add(_ key: String, _ value: OSCALJSONValue) throws(OSCALWriteError) {
            guard keys.insert(key).inserted else {
                throw OSCALWriteError(
                    code: .duplicateKey, detail: "\(path): the member \(key) is written twice")
            }
            members.append((key, value))
        }
        for flag in node.flags { try add(flag.name, .string(flag.value)) }
        if let text { try add(node.jsonValueKey, .string(text)) }
        for child in node.children {
            switch child {
            case .one(let item):
                try add(item.name, try self.node(item, path: "\(path)/\(item.name)"))
            case .many(let groupAs, let items, _):
                guard !items.isEmpty else { continue }
                var values: [OSCALJSONValue] = []
                for (index, item) in items.enumerated() {
                    values.append(try self.node(item, path: "\(path)/\(groupAs)[\(index)]"))
                }
                try add(groupAs, .array(values))
            }
        }
        return .object(members)
    }
}

/// OSCAL markup as Attest writes it from plain text.
enum OSCALMarkup {
    /// A piece of a markup line: text, or a parameter reference.
    enum Piece: Hashable {
        case text(String)
        case insert(type: String, idRef: String)
    }

    /// The paragraphs of a multiline text: split at blank lines, each trimmed, empty ones
    /// dropped; one empty paragraph when the text is empty (OSCAL's markup needs content).
    static func paragraphs(_ text: String) -> [String] {
        var paragraphs: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
        let trimmed = paragraphs.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        return trimmed.isEmpty ? [""] : trimmed
    }

    /// Splits a line at OSCAL's JSON notation for inserts, `{{ insert: param, ac-1_prm_1 }}`.
    static func pieces(_ line: String) -> [Piece] {
        var pieces: [Piece] = []
        var rest = Substring(line)
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            let inner = rest[open.upperBound..<close.lowerBound]
            guard let insert = parseInsert(inner) else {
                pieces.append(.text(String(rest[..<open.upperBound])))
                rest = rest[open.upperBound...]
                continue
            }
            if open.lowerBound > rest.startIndex {
                pieces.append(.text(String(rest[..<open.lowerBound])))
            }
            pieces.append(insert)
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        return merged(pieces)
    }

    private static func parseInsert(_ inner: Substring) -> Piece? {
        let body = inner.trimmingCharacters(in: .whitespaces)
        guard body.hasPrefix("insert:") else { return nil }
        let parts = body.dropFirst("insert:".count).split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard parts.count == 2, isToken(parts[0]), isToken(parts[1]) else { return nil }
        return .insert(type: parts[0], idRef: parts[1])
    }

    /// OSCAL's `token`: `^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$`.
    static func isToken(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || isLetter(first) else {
            return false
        }
        return text.unicodeScalars.allSatisfy {
            isLetter($0) || isNumber($0) || "._-".unicodeScalars.contains($0)
        }
    }

    /// Unicode's `L` categories, as `\p{L}` in OSCAL's patterns.
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            true
        default: false
        }
    }

    /// Unicode's `N` categories, as `\p{N}`.
    static func isNumber(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: true
        default: false
        }
    }

    private static func merged(_ pieces: [Piece]) -> [Piece] {
        var result: [Piece] = []
        for piece in pieces {
            if case .text(let next) = piece, case .text(let previous)? = result.last {
                result[result.count - 1] = .text(previous + next)
            } else {
                result.append(piece)
            }
        }
        return result
    }
}
