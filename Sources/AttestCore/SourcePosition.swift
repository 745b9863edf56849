/// Where a node was written: a workspace-relative file path and a 1-based line and column.
///
/// The line and column are kept in 32 bits each: a position is stored with every control,
/// requirement, evidence spec and `satisfies` reference, millions of them in a large
/// workspace, and no file Attest reads (`YAMLLimits`) comes near 4 billion lines or columns.
public struct SourcePosition: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    private var storedLine: UInt32
    private var storedColumn: UInt32

    public init(file: String, line: Int, column: Int) {
        self.file = file
        storedLine = Self.clamped(line)
        storedColumn = Self.clamped(column)
    }

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Self.clamped(newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Self.clamped(newValue) }
    }

    /// The start of a file, for findings about a whole file.
    public static func start(of file: String) -> SourcePosition {
        SourcePosition(file: file, line: 1, column: 1)
    }

    /// `file:line:col`, as compilers print it.
    public var description: String { "\(file):\(line):\(column)" }

    private static func clamped(_ value: Int) -> UInt32 {
        UInt32(clamping: value)
    }

    private enum CodingKeys: String, CodingKey {
        case file, line, column
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            file: try container.decode(String.self, forKey: .file),
            line: try container.decode(Int.self, forKey: .line),
            column: try container.decode(Int.self, forKey: .column))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
    }
}
