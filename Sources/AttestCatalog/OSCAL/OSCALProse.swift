/// Turns OSCAL prose into the plain text of a requirement's summary: a control's `statement`
/// with its lettered and numbered items, and `{{ insert: param, ID }}` references replaced
/// by what the parameter says.
///
/// A parameter with values shows them; a selection shows `[Selection (one or more): a; b]`
/// as SP 800-53 prints it; anything else shows `[Assignment: label]`.
struct OSCALProse {
    /// Every parameter of the resolved catalog by id: a statement may insert a parameter
    /// declared by another control or by the catalog itself.
    let parameters: [String: OSCALParameter]

    /// Deepest chain of parameters inserted inside selections' choices that is followed.
    static let maxInsertDepth = 4

    init(parameters: [String: OSCALParameter]) {
        self.parameters = parameters
    }

    /// The control's statement as lines: the statement's own prose, then each item as
    /// `a. text`, nested items indented by two spaces per level. Nil when there is none.
    func statement(of control: OSCALControl) -> String? {
        guard let statement = control.parts.first(where: { $0.name == "statement" }) else {
            return nil
        }
        var lines: [String] = []
        if let prose = statement.prose { lines.append(render(prose)) }
        appendItems(statement.parts, depth: 0, to: &lines)
        let text = lines.filter { !$0.isEmpty }.joined(separator: "\n")
        return text.isEmpty ? nil : text
    }

    private func appendItems(_ parts: [OSCALPart], depth: Int, to lines: inout [String]) {
        for part in parts where part.name == "item" || part.name == "statement" {
            let label = part.props.first { $0.name == "label" }?.value
            let prose = part.prose.map { render($0) } ?? ""
            let text = [label, prose].compactMap { $0 }.filter { !$0.isEmpty }
                .joined(separator: " ")
            lines.append(String(repeating: "  ", count: depth) + text)
            if depth < OSCALDecoder.maxNesting {
                appendItems(part.parts, depth: depth + 1, to: &lines)
            }
        }
    }

    /// `prose` with its parameter insertions rendered and its runs of ASCII whitespace
    /// collapsed to one space.
    ///
    /// Works on UTF-8 bytes: a catalog has thousands of statements, and Character-level
    /// whitespace tests and Foundation searches were most of the time of loading one.
    func render(_ prose: String, depth: Int = 0) -> String {
        var output = Collapsed()
        output.bytes.reserveCapacity(prose.utf8.count)
        let bytes = Array(prose.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "{"), index + 1 < bytes.count,
                bytes[index + 1] == UInt8(ascii: "{"),
                let close = Self.closing(bytes, from: index + 2)
            {
                let inside = String(decoding: bytes[(index + 2)..<close], as: UTF8.self)
                if let text = insertion(inside, depth: depth) {
                    output.append(contentsOf: text.utf8)
                } else {
                    output.append(contentsOf: bytes[index..<(close + 2)])
                }
                index = close + 2
                continue
            }
            output.append(bytes[index])
            index += 1
        }
        return String(decoding: output.bytes, as: UTF8.self)
    }

    /// The offset of the next `}}` at or after `start`.
    private static func closing(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "}"), bytes[index + 1] == UInt8(ascii: "}") {
                return index
            }
            index += 1
        }
        return nil
    }

    /// The text for `insert: param, ID` (nil for any other insertion, left as written).
    private func insertion(_ directive: String, depth: Int) -> String? {
        let words = directive.split(whereSeparator: { $0 == ":" || $0 == "," || $0 == " " })
        guard words.count == 3, words[0] == "insert", words[1] == "param" else { return nil }
        let id = String(words[2])
        guard let parameter = parameters[id] else { return "[Assignment: \(id)]" }
        return text(of: parameter, depth: depth)
    }

    /// How a parameter reads inside a sentence.
    func text(of parameter: OSCALParameter, depth: Int = 0) -> String {
        if !parameter.values.isEmpty { return parameter.values.joined(separator: ", ") }
        if let select = parameter.select {
            let choices = select.choices.map {
                depth < Self.maxInsertDepth ? render($0, depth: depth + 1) : $0
            }
            let many = select.howMany == "one-or-more" ? " (one or more)" : ""
            return "[Selection\(many): \(choices.joined(separator: "; "))]"
        }
        return "[Assignment: \(parameter.label ?? parameter.id)]"
    }
}

/// UTF-8 text being written with runs of ASCII whitespace collapsed and trimmed.
private struct Collapsed {
    var bytes: [UInt8] = []
    private var pendingSpace = false

    mutating func append(_ byte: UInt8) {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D:
            pendingSpace = !bytes.isEmpty
        default:
            if pendingSpace {
                bytes.append(0x20)
                pendingSpace = false
            }
            bytes.append(byte)
        }
    }

    mutating func append(contentsOf text: some Sequence<UInt8>) {
        for byte in text { append(byte) }
    }
}
