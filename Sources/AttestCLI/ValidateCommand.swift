import ArgumentParser
import AttestCatalog
import AttestCore
import AttestEvidence
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

    /// Attestations read and signatures verified in an earlier run are not read or verified
    /// again (docs/evidence-cache.md).
    @OptionGroup var cacheOptions: EvidenceCacheOptions

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
        // Only a valid workspace's attestations are checked, so only then is the cache read.
        let cache =
            validation.isValid
            ? EvidenceCacheSetup.resolve(
                cacheOptions, environment: ProcessInfo.processInfo.environment,
                workspaceRoot: options.rootURL
            ).open(console: console) : nil
        let diagnostics = ValidateFindings.all(
            validation, root: options.rootURL, now: now, verbose: verbose, evidence: evidence,
            cache: cache?.cache)
        if let (setup, cache) = cache {
            // The build's other readings are kept: validate reads only attestations.
            setup.finish(cache, keepingUnused: true, quiet: false, console: console)
        }
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
            console.out(printer.json(diagnostics))
        }
        timer.end(.report)
        try timer.write(to: timings)
        ProcessEnd.current?.keep(validation, diagnostics)
        if diagnostics.containsErrors { throw FindingsReported() }
    }
}
