import Foundation

/// Where commands write: standard output for results, standard error for findings and
/// progress. The only place output leaves the process, so tests can capture it.
public struct Console: Sendable {
    public var writeOut: @Sendable (String) -> Void
    public var writeErr: @Sendable (String) -> Void
    /// Whether standard error is a terminal (progress lines redraw in place there).
    public var isTerminal: Bool

    public init(
        writeOut: @escaping @Sendable (String) -> Void,
        writeErr: @escaping @Sendable (String) -> Void,
        isTerminal: Bool = false
    ) {
        self.writeOut = writeOut
        self.writeErr = writeErr
        self.isTerminal = isTerminal
    }

    /// The process's standard output and error.
    public static let standard = Console(
        writeOut: { FileHandle.standardOutput.write(Data($0.utf8)) },
        writeErr: { FileHandle.standardError.write(Data($0.utf8)) },
        isTerminal: isatty(STDERR_FILENO) == 1)

    /// The console of the running command (the standard one unless a test binds another).
    @TaskLocal public static var current: Console = .standard

    public func out(_ line: String = "") { writeOut(line + "\n") }
    public func err(_ line: String = "") { writeErr(line + "\n") }
}

/// A console that keeps what is written, for in-process tests.
public final class CapturedConsole: @unchecked Sendable {
    private let lock = NSLock()
    private var outText = ""
    private var errText = ""

    public init() {}

    public var console: Console {
        Console(
            writeOut: { text in self.lock.withLock { self.outText += text } },
            writeErr: { text in self.lock.withLock { self.errText += text } })
    }

    public var standardOutput: String { lock.withLock { outText } }
    public var standardError: String { lock.withLock { errText } }
}
