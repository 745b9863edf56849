/// Where a node was written: a workspace-relative file path and a 1-based line and column.
public struct SourcePosition: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The start of a file, for findings about a whole file.
    public static func start(of file: String) -> SourcePosition {
        SourcePosition(file: file, line: 1, column: 1)
    }

    /// `file:line:col`, as compilers print it.
    public var description: String { "\(file):\(line):\(column)" }
}
