import AttestCore
import CLibYAML

/// A thin pull parser over the system libyaml that builds `ConfigValue` trees with positions.
///
/// libyaml does the lexing and parsing; this type turns its events into values while enforcing
/// `YAMLLimits`, refusing duplicate keys and non-scalar keys, and reporting every failure as a
/// `Diagnostic` at `file:line:col`, with a hint for the usual causes (``YAMLHints``). A file in
/// UTF-16 or UTF-32 is named as such before libyaml reads it.
struct YAMLParser {
    let file: String
    let limits: YAMLLimits

    /// Parses the first document of `bytes`; `nil` for an empty stream.
    func parse(_ bytes: [UInt8]) -> Result<ConfigValue?, Diagnostic> {
        parseWithWarnings(bytes).result
    }

    /// Parses like ``parse(_:)`` and also returns the warnings about text that parsed but is
    /// probably not what its author meant (a value between typographic quotes).
    func parseWithWarnings(
        _ bytes: [UInt8]
    ) -> (result: Result<ConfigValue?, Diagnostic>, warnings: [Diagnostic]) {
        guard bytes.count <= limits.maxFileBytes else {
            return (
                .failure(
                    .error(
                        .yamlFileTooLarge,
                        "file is \(bytes.count) bytes, more than the limit of \(limits.maxFileBytes)",
                        at: .start(of: file))), []
            )
        }
        return bytes.withUnsafeBufferPointer { buffer in
            if let encoding = YAMLEncoding.foreign(buffer) {
                return (
                    .failure(
                        .error(
                            .yamlInvalidEncoding, "the file is \(encoding), not UTF-8",
                            at: .start(of: file), hint: YAMLEncoding.hint)), []
                )
            }
            var run = Run(file: file, limits: limits, bytes: buffer)
            let result = run.parse()
            return (result, run.warnings)
        }
    }
}

/// One parse: owns the libyaml parser and the stack of open containers.
private struct Run {
    /// A container whose end event has not arrived yet.
    struct Frame {
        var isMapping: Bool
        var items: [ConfigValue] = []
        var entries: [ConfigEntry] = []
        var pendingKey: (String, SourcePosition)?
        /// Keys seen, kept once a mapping outgrows `linearKeyLimit` so duplicate checks stay
        /// linear overall even for a hostile mapping with a million keys.
        var keys: Set<String> = []
        var size = 1
        var anchor: String?
        var position: SourcePosition
    }

    static let linearKeyLimit = 16

    let file: String
    let limits: YAMLLimits
    let bytes: UnsafeBufferPointer<UInt8>
    var stack: [Frame] = []
    var anchors: [String: (value: ConfigValue, size: Int)] = [:]
    var aliasExpansion = 0
    var root: ConfigValue?
    var documents = 0
    /// Findings that do not stop the parse.
    var warnings: [Diagnostic] = []

    init(file: String, limits: YAMLLimits, bytes: UnsafeBufferPointer<UInt8>) {
        self.file = file
        self.limits = limits
        self.bytes = bytes
    }

    mutating func parse() -> Result<ConfigValue?, Diagnostic> {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return .failure(.error(.yamlSyntax, "libyaml could not start", at: .start(of: file)))
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, bytes.baseAddress ?? emptyInput, bytes.count)

        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                return .failure(libyamlError(parser))
            }
            defer { yaml_event_delete(&event) }
            if event.type == YAML_STREAM_END_EVENT { return .success(root) }
            if let failure = handle(event) { return .failure(failure) }
        }
    }

    private var emptyInput: UnsafePointer<UInt8> {
        UnsafePointer(bitPattern: 1)!  // never read: the size is 0
    }

    private func position(_ mark: yaml_mark_t) -> SourcePosition {
        SourcePosition(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private static func string(
        _ pointer: UnsafeMutablePointer<yaml_char_t>?, _ length: Int
    ) -> String {
        guard let pointer else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    private static func cString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    /// Handles one event; a diagnostic ends the parse.
    private mutating func handle(_ event: yaml_event_t) -> Diagnostic? {
        let here = position(event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                return .error(
                    .yamlSyntax, "a file holds one YAML document; found a second", at: here)
            }
            return nil
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = Self.string(scalar.value, scalar.length)
            let tag = Self.cString(scalar.tag)
            var quoted = scalar.style != YAML_PLAIN_SCALAR_STYLE
            if !quoted, TypographicQuotes.surround(text) {
                warnings.append(TypographicQuotes.warning(text, at: here))
            }
            if let tag {
                guard tag == "tag:yaml.org,2002:str" || tag == "!" else {
                    return .error(.yamlSyntax, "unsupported tag '\(tag)'", at: here)
                }
                quoted = true
            }
            let value = ConfigValue(.scalar(text, isQuoted: quoted), at: here)
            return complete(value, size: 1, anchor: Self.cString(scalar.anchor))
        case YAML_SEQUENCE_START_EVENT:
            let anchor = Self.cString(event.data.sequence_start.anchor)
            return open(Frame(isMapping: false, anchor: anchor, position: here), at: here)
        case YAML_MAPPING_START_EVENT:
            let anchor = Self.cString(event.data.mapping_start.anchor)
            return open(Frame(isMapping: true, anchor: anchor, position: here), at: here)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return nil }
            let value = ConfigValue(
                frame.isMapping ? .mapping(frame.entries) : .sequence(frame.items),
                at: frame.position)
            return complete(value, size: frame.size, anchor: frame.anchor)
        case YAML_ALIAS_EVENT:
            let name = Self.cString(event.data.alias.anchor) ?? ""
            guard let (value, size) = anchors[name] else {
                return .error(
                    .yamlSyntax, "alias '*\(name)' names no anchor defined before it", at: here)
            }
            aliasExpansion += size
            guard aliasExpansion <= limits.maxAliasExpansion else {
                return .error(
                    .yamlAliasLimit,
                    "aliases expand to more than \(limits.maxAliasExpansion) nodes; refusing the file",
                    at: here)
            }
            return complete(value, size: size, anchor: nil)
        default:
            return nil
        }
    }

    private mutating func open(_ frame: Frame, at here: SourcePosition) -> Diagnostic? {
        if let last = stack.last, last.isMapping, last.pendingKey == nil {
            return .error(.yamlUnsupportedKey, "mapping keys must be plain scalars", at: here)
        }
        guard stack.count < limits.maxDepth else {
            return .error(
                .yamlTooDeep, "nesting is deeper than the limit of \(limits.maxDepth)", at: here)
        }
        stack.append(frame)
        return nil
    }

    /// Adds a finished value to its parent (or makes it the root).
    private mutating func complete(_ value: ConfigValue, size: Int, anchor: String?) -> Diagnostic?
    {
        if let anchor { anchors[anchor] = (value, size) }
        guard !stack.isEmpty else {
            root = value
            return nil
        }
        let top = stack.count - 1
        if !stack[top].isMapping {
            stack[top].items.append(value)
            stack[top].size += size
        } else if let (key, keyPosition) = stack[top].pendingKey {
            stack[top].entries.append(ConfigEntry(key: key, keyPosition: keyPosition, value: value))
            stack[top].size += size
            stack[top].pendingKey = nil
            let count = stack[top].entries.count
            if count == Self.linearKeyLimit {
                stack[top].keys = Set(stack[top].entries.map(\.key))
            } else if count > Self.linearKeyLimit {
                stack[top].keys.insert(key)
            }
        } else {
            guard let key = value.scalar else {
                return .error(
                    .yamlUnsupportedKey, "mapping keys must be plain scalars", at: value.position)
            }
            // Most mappings are small: a linear scan beats hashing every key; big ones use the set.
            let frame = stack[top]
            let seen =
                frame.entries.count < Self.linearKeyLimit
                ? frame.entries.contains { $0.key == key } : frame.keys.contains(key)
            if seen, let first = frame.entries.first(where: { $0.key == key }) {
                return .error(
                    .yamlDuplicateKey, "key '\(key)' appears twice in this mapping",
                    at: value.position, notes: [.init("first used here", at: first.keyPosition)])
            }
            stack[top].pendingKey = (key, value.position)
        }
        return nil
    }

    /// Turns libyaml's error state into a diagnostic at the problem's position.
    private func libyamlError(_ parser: yaml_parser_t) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        if parser.error == YAML_READER_ERROR {
            let at = positionOfByte(parser.problem_offset)
            let code: DiagnosticCode =
                problem.contains("UTF-8") || problem.contains("Unicode")
                ? .yamlInvalidUTF8 : .yamlSyntax
            return .error(
                code, "\(problem) at byte \(parser.problem_offset)", at: at,
                hint: code == .yamlInvalidUTF8
                    ? "save the file as UTF-8; a byte that is not UTF-8 often comes from text "
                        + "pasted from another program" : nil)
        }
        var notes: [Diagnostic.Note] = []
        let context = parser.context.map { String(cString: $0) }
        if let context {
            notes.append(.init(context, at: position(parser.context_mark)))
        }
        let at = position(parser.problem_mark)
        return .error(
            .yamlSyntax, problem, at: at, notes: notes,
            hint: YAMLHints.hint(
                problem: problem, context: context, character: character(at: at)))
    }

    /// The character at a line and column (in characters) of the input, if there is one.
    private func character(at position: SourcePosition) -> Character? {
        var line = 1
        var start = 0
        while line < position.line, start < bytes.count {
            guard let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else {
                return nil
            }
            start = newline + 1
            line += 1
        }
        let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        let text = String(
            decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        let offset = position.column - 1
        guard offset >= 0, offset < text.count else { return nil }
        return text[text.index(text.startIndex, offsetBy: offset)]
    }

    /// Line and column (in characters) of a byte offset, for reader errors.
    private func positionOfByte(_ offset: Int) -> SourcePosition {
        var line = 1
        var column = 1
        for byte in bytes.prefix(min(offset, bytes.count)) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourcePosition(file: file, line: line, column: column)
    }
}
