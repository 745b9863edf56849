import AttestCLI

/// Suites that run `attest` commands in process with a captured console, as
/// swift-argument-parser's own tests do.
protocol InProcessCommands {}

extension InProcessCommands {
    /// Runs `attest arguments`; the exit status and what was printed on each stream.
    func run(_ arguments: [String]) async -> (status: Int32, out: String, err: String) {
        let capture = CapturedConsole()
        let status = await AttestMain.run(arguments, console: capture.console)
        return (status, capture.standardOutput, capture.standardError)
    }
}
