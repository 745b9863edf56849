import ArgumentParser
import AttestCatalog
import AttestCore
import Foundation

/// `attest validate`: loads the workspace, builds the control graph and reports every finding.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the workspace: YAML, schemas, references, gaps.")

    @OptionGroup var options: WorkspaceOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Flag(help: "List every gap instead of a count per framework.")
    var verbose = false

    @Option(
        help: "When dates are judged (ISO 8601 or Unix seconds); default SOURCE_DATE_EPOCH.")
    var now: String?

    @Option(help: "Write the wall seconds of each phase and the peak memory as JSON to FILE.")
    var timings: String?

    /// How much text findings gather before it is written.
    static let blockBytes = 64 << 10

    func run() async throws {
        var timer = BuildTimings()
        let console = Console.current
        let now = try BuildClock.time(
            option: self.now, environment: ProcessInfo.processInfo.environment, name: "--now")
        // The evidence specs are checked on disk while the graph is built.
        let (validation, evidence) = try WorkspaceChecks.load(at: options.rootURL)
        timer.end(.load)
        let diagnostics = ValidateFindings.all(
            validation, root: options.rootURL, now: now, verbose: verbose, evidence: evidence)
        timer.end(.check)
        let printer = DiagnosticPrinter(validation.loaded)
        switch format {
        case .text:
            // Written in blocks, not a system call per finding; the bytes are the same.
            var block = ""
            for text in printer.texts(diagnostics) {
                block += text + "\n"
                if block.utf8.count >= Self.blockBytes {
                    console.writeErr(block)
                    block = ""
                }
            }
            let graph = validation.graph
            console.err(
                block + printer.summary(diagnostics)
                    + " — \(graph.frameworkIDs.count) frameworks, \(graph.nodes.count) requirements, "
                    + "\(graph.controls.count) controls, \(graph.evidence.count) evidence specs, "
                    + "\(graph.mappings.count) mappings")
        case .json:
            console.out(try printer.json(diagnostics))
        }
        timer.end(.report)
        try timer.write(to: timings)
        ProcessEnd.current?.keep(validation, diagnostics)
        if diagnostics.containsErrors { throw FindingsReported() }
    }
}
