import AttestCatalog
import AttestCore
import AttestEvidence
import AttestSystem
import Foundation

/// Prints diagnostics like a compiler (`file:line:col: error: message [code]`, the source line
/// and a caret) or as JSON, the machine contract.
struct DiagnosticPrinter {
    /// Lines of each file already read: a workspace with thousands of findings reads each file
    /// once, not once per finding.
    private let lineCache: LineCache

    /// - Parameter source: The bytes of a file by its display path (read the confined way, as
    ///   `LoadedWorkspace.contents(ofSource:)` does), to quote source lines; nil when unknown.
    init(source: @escaping (String) -> Data?) {
        lineCache = LineCache(source: source)
    }

    /// A printer that quotes the files of `loaded`, and other files of its workspace (evidence
    /// an attestation finding points into) read through the confinement function.
    init(_ loaded: LoadedWorkspace) {
        let workspace = try? WorkspaceRoot(loaded.root)
        self.init(source: { display in
            loaded.contents(ofSource: display)
                ?? (try? workspace?.read(display, limit: Self.maxQuotedFileBytes))?.data
        })
    }

    /// Larger files are not read again only to quote a line.
    static let maxQuotedFileBytes = 4 << 20

    /// The texts of `diagnostics`, in their order, formatted on every core: the files they
    /// quote are read first, once each, and only read afterwards. Tens of thousands of
    /// findings (a large workspace's `max_age` warnings) took most of a second on one core.
    func texts(_ diagnostics: [Diagnostic]) -> [String] {
        var files = Set<String>()
        for diagnostic in diagnostics {
            if let file = diagnostic.position?.file { files.insert(file) }
            for note in diagnostic.notes {
                if let file = note.position?.file { files.insert(file) }
            }
        }
        lineCache.readAll(files)
        // Safe to share: the cache holds every file the texts quote and is only read now.
        nonisolated(unsafe) let printer = self
        return diagnostics.concurrentMap { printer.text($0) }
    }

    func text(_ diagnostic: Diagnostic) -> String {
        var lines = [
            header(diagnostic.position, diagnostic.severity.rawValue, diagnostic.message)
                + " [\(diagnostic.code)]"
        ]
        lines += excerpt(diagnostic.position)
        if let hint = diagnostic.hint { lines.append("hint: " + TerminalText.inert(hint)) }
        for note in diagnostic.notes {
            lines.append(header(note.position, "note", note.message))
            lines += excerpt(note.position)
        }
        return lines.joined(separator: "\n")
    }

    private func header(_ position: SourcePosition?, _ label: String, _ message: String) -> String {
        position.map { "\($0): \(label): \(message)" } ?? "\(label): \(message)"
    }

    /// The source line and a caret under the column, when the file can be read.
    ///
    /// The line is redacted as collectors' messages are: a finding about a secret (a password
    /// in a store URL) must not print the secret by quoting its line. When redaction shortens
    /// the text before the column, the caret stops at the redacted part.
    private func excerpt(_ position: SourcePosition?) -> [String] {
        guard let position, let raw = lineCache.line(position.line, of: position.file) else {
            return []
        }
        let source = SecretRedactor.standard.redact(raw)
        var column = max(0, position.column - 1)
        if source != raw {
            column = min(column, zip(source, raw).prefix { $0 == $1 }.count)
        }
        let padding = source.prefix(column).map { $0 == "\t" ? "\t" : " " }
        return ["    " + TerminalText.inert(source), "    " + padding.joined() + "^"]
    }

    func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        return
            "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }

    /// `{"diagnostics": [...], "errors": n, "warnings": n}` with sorted keys.
    func json(_ diagnostics: [Diagnostic]) -> String {
        DiagnosticJSON.document(diagnostics)
    }
}

/// Source files read once each, with the offsets where their lines start found once, so
/// quoting one line costs the decoding of that line, not of the whole file.
private final class LineCache {
    /// The bytes of a file and the offset of each line's first byte; no lines for a file
    /// Attest does not show.
    private struct Indexed {
        var bytes: [UInt8]
        var lineStarts: [Int]
    }

    private let source: (String) -> Data?
    private var files: [String: Indexed] = [:]
    /// Set by `readAll`: from then on the cache is read from several threads and never
    /// changed, and a file it does not hold has no lines.
    private var isComplete = false

    init(source: @escaping (String) -> Data?) {
        self.source = source
    }

    /// Reads and indexes every file of `names` not yet read, on every core (`source` reads
    /// through the confinement function, which any thread may call), then keeps the cache as
    /// it is.
    func readAll(_ names: Set<String>) {
        let missing = names.sorted().filter { files[$0] == nil }
        nonisolated(unsafe) let source = self.source
        let read = missing.concurrentMap { name in Self.indexed(source(name)) }
        for (name, indexed) in zip(missing, read) { files[name] = indexed }
        isComplete = true
    }

    /// Line `number` (from 1) of `file` without its line break (`\n`, or `\r\n`); nil past the
    /// end, or for a file that is not text Attest can show (a UTF-16 or UTF-32 file, or any
    /// NUL byte), so its raw bytes are never printed. An unreadable file counts as empty.
    func line(_ number: Int, of file: String) -> String? {
        guard let indexed = files[file] ?? (isComplete ? nil : index(file)) else { return nil }
        guard number >= 1, number <= indexed.lineStarts.count else { return nil }
        let start = indexed.lineStarts[number - 1]
        var end =
            number < indexed.lineStarts.count
            ? indexed.lineStarts[number] - 1 : indexed.bytes.count
        if end > start, indexed.bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: indexed.bytes[start..<end], as: UTF8.self)
    }

    private func index(_ file: String) -> Indexed {
        let indexed = Self.indexed(source(file))
        files[file] = indexed
        return indexed
    }

    private static func indexed(_ data: Data?) -> Indexed {
        let bytes = [UInt8](data ?? Data())
        return Indexed(bytes: bytes, lineStarts: isPrintable(bytes) ? lineStarts(bytes) : [])
    }

    /// The offset of the first byte of every line: 0, then one past each `\n`.
    static func lineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count,
                let found = memchr(base + offset, Int32(UInt8(ascii: "\n")), buffer.count - offset)
            {
                offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(offset)
            }
        }
        return starts
    }

    /// False for bytes starting with a UTF-16 or UTF-32 byte-order mark or holding a NUL.
    static func isPrintable(_ bytes: [UInt8]) -> Bool {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return false }
        return bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return true }
            return memchr(base, 0, buffer.count) == nil
        }
    }
}

/// JSON as Attest prints it: sorted keys, pretty, no escaped slashes.
enum JSONOutput {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
