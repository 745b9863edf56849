import AttestCore
import AttestSystem
import Foundation

/// Reads the population of an evidence item for `attest sample`: the rows of its file, which
/// is a CSV file (header row first) or a JSON or YAML document holding a list.
///
/// The file is read once, through the workspace's confinement function, at most
/// ``maxBytes``; the hash printed for the auditor is of exactly the bytes parsed. The format
/// is told by the file's extension (`.csv`, `.json`, `.yaml`/`.yml`), else by the evidence's
/// collector (`json`, `yaml`).
public struct PopulationReader: Sendable {
    /// The largest population file read: the limit of JSON and YAML evidence documents.
    public static let maxBytes = 64 * 1024 * 1024
    /// The most cells (rows × columns, a CSV header included) a population may make. Items with keys the
    /// others lack each add a column to every row, so a list of n one-key items would be n × n
    /// cells: 64 MiB of `{"k1":1},{"k2":1},...` would ask for petabytes.
    public static let maxCells = 16 * 1024 * 1024

    public var root: WorkspaceRoot
    /// Parses YAML (injected, as for the yaml collector: AttestEvidence has no YAML library).
    public var loadYAML: DocumentLoader

    public init(root: WorkspaceRoot, loadYAML: @escaping DocumentLoader) {
        self.root = root
        self.loadYAML = loadYAML
    }

    /// The file formats a population can have.
    enum Format { case csv, json, yaml }

    /// The rows of `spec`'s file.
    ///
    /// - Parameter rows: For JSON and YAML, the path of the list inside the document
    ///   (`leavers`, `export.items`); nil when the document itself is the list.
    /// - Throws: `PopulationError` when the evidence has no file, the file cannot be read
    ///   (confinement, size), is malformed (with the line and column), or holds no list there.
    public func read(_ spec: EvidenceSpec, rows: String?) throws(PopulationError) -> Population {
        guard let relative = spec.path else {
            throw PopulationError(
                .noFile,
                "evidence '\(spec.id)' (\(spec.collector.rawValue)) has no `path:`; "
                    + "a population is read from a file")
        }
        let format = try Self.format(of: relative, collector: spec.collector)
        let data: Data
        do { data = try root.read(relative, limit: Self.maxBytes).data } catch {
            throw PopulationError(.unreadable, error.detail + " [\(error.code.rawValue)]")
        }
        let (header, table) = try parse(data, format: format, file: relative, rows: rows)
        return Population(
            evidence: spec.id, path: relative, sha256: ContentHash.sha256(data), header: header,
            rows: table)
    }

    static func format(
        of path: String, collector: CollectorKind
    ) throws(PopulationError)
        -> Format
    {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".json") { return .json }
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return .yaml }
        switch collector {
        case .json: return .json
        case .yaml: return .yaml
        default:
            throw PopulationError(
                .unknownFormat,
                "cannot tell the format of \(path): name it .csv, .json or .yaml")
        }
    }

    /// The header and rows of the file's bytes.
    func parse(
        _ data: Data, format: Format, file: String, rows: String?
    ) throws(PopulationError) -> ([String], [[String]]) {
        let document: ConfigValue
        switch format {
        case .csv:
            if let rows {
                throw PopulationError(
                    .notAList,
                    "--rows \(rows) names a list inside a JSON or YAML document; "
                        + "\(file) is CSV, whose rows are its lines")
            }
            do {
                let table = try CSVReader(file: file, maxCells: Self.maxCells).parse(data)
                return (table.header, table.rows)
            } catch {
                throw PopulationError(
                    error.isTooLarge ? .tooLarge : .malformed, "invalid CSV: " + error.message,
                    error.position)
            }
        case .json:
            do { document = try JSONReader(file: file).parse(data) } catch {
                throw PopulationError(.malformed, "invalid JSON: " + error.message, error.position)
            }
        case .yaml:
            do { document = try loadYAML(data, file) } catch let diagnostic as Diagnostic {
                throw PopulationError(
                    .malformed, "invalid YAML: " + diagnostic.message, diagnostic.position)
            } catch {
                throw PopulationError(.malformed, "invalid YAML: \(error)")
            }
        }
        let items = try Self.list(in: document, at: rows, file: file)
        return try Self.table(items)
    }

    /// The list at `rows` (or the document itself).
    static func list(
        in document: ConfigValue, at rows: String?, file: String
    ) throws(PopulationError) -> [ConfigValue] {
        var value = document
        if let rows {
            guard let path = ValuePath(parsing: rows), !path.steps.contains(.everyItem) else {
                throw PopulationError(
                    .notAList,
                    "--rows must be a path such as leavers or export.items, "
                        + "without [*]: \(rows)")
            }
            guard let found = path.resolve(in: document, prefix: "").first?.value else {
                throw PopulationError(.notAList, "\(file) has nothing at \(rows)")
            }
            value = found
        }
        if let items = value.sequence { return items }
        let place = rows.map { "\(file) at \($0)" } ?? file
        let lists = (value.mapping ?? []).filter { $0.value.sequence != nil }.map(\.key)
        let hint =
            lists.isEmpty
            ? "" : "; lists here: " + lists.joined(separator: ", ") + " (name one with --rows)"
        throw PopulationError(
            .notAList, "\(place) is not a list of rows\(hint)", value.position)
    }

    /// The items as a table: the keys of mapping items in the order they first appear, and a
    /// `value` column for items that are not mappings.
    ///
    /// - Throws: `sample.too-large` when the table would have more than ``maxCells`` cells,
    ///   before any row is filled in.
    static func table(_ items: [ConfigValue]) throws(PopulationError) -> ([String], [[String]]) {
        var header: [String] = []
        var column: [String: Int] = [:]
        func index(of key: String) -> Int {
            if let found = column[key] { return found }
            column[key] = header.count
            header.append(key)
            return header.count - 1
        }
        var sparse: [[Int: String]] = []
        sparse.reserveCapacity(items.count)
        for item in items {
            var row: [Int: String] = [:]
            if let entries = item.mapping {
                for entry in entries { row[index(of: entry.key)] = cell(entry.value) }
            } else {
                row[index(of: "value")] = cell(item)
            }
            sparse.append(row)
        }
        let (cells, overflow) = header.count.multipliedReportingOverflow(by: sparse.count)
        guard !overflow, cells <= maxCells else {
            throw PopulationError(
                .tooLarge,
                "\(sparse.count) rows of \(header.count) columns are more than "
                    + "\(maxCells) cells: the items do not share their keys")
        }
        let rows = sparse.map { row in (0..<header.count).map { row[$0] ?? "" } }
        return (header, rows)
    }

    /// A cell's text: a scalar as written (null as empty), a list or mapping as compact JSON.
    static func cell(_ value: ConfigValue) -> String {
        switch value.kind {
        case .scalar(let text, _): return value.isNull ? "" : text
        case .sequence, .mapping: return json(value)
        }
    }

    private static func json(_ value: ConfigValue) -> String {
        switch value.kind {
        case .scalar(let text, let isQuoted):
            if value.isNull { return "null" }
            switch value.resolvedScalar {
            case .bool, .int, .double: return isQuoted ? ValueText.quote(text) : text
            default: return ValueText.quote(text)
            }
        case .sequence(let items): return "[" + items.map(json).joined(separator: ",") + "]"
        case .mapping(let entries):
            return "{"
                + entries.map { ValueText.quote($0.key) + ":" + json($0.value) }.joined(
                    separator: ",") + "}"
        }
    }
}

/// Why a population could not be read: a stable code, the position when the file is
/// malformed, and a message for people.
public struct PopulationError: CommandFailure, Hashable, Sendable {
    public enum Code: String, Hashable, Sendable {
        /// The evidence has no file (`path:`).
        case noFile = "sample.no-file"
        /// The confinement function refused the file, or it is too large or unreadable.
        case unreadable = "sample.unreadable"
        case unknownFormat = "sample.unknown-format"
        /// The file is not valid CSV, JSON or YAML.
        case malformed = "sample.malformed"
        /// The document (or what `--rows` names) is not a list.
        case notAList = "sample.not-a-list"
        /// The list's items, as a table, would have more than `PopulationReader.maxCells` cells.
        case tooLarge = "sample.too-large"
    }

    public var code: Code
    public var message: String
    public var position: SourcePosition?

    public init(_ code: Code, _ message: String, _ position: SourcePosition? = nil) {
        self.code = code
        self.message = message
        self.position = position
    }

    public var failureKind: FailureKind { .unusable }

    public var description: String {
        (position.map { "\($0): " } ?? "") + message + " [\(code.rawValue)]"
    }
}
