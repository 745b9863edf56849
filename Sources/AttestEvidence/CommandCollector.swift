import AttestCore
import Foundation

/// Runs a shell command, or a program with its arguments, in the workspace; exit status 0
/// passes.
///
/// `command:` runs with `/bin/sh -c`; `run:` with `args:` starts the program directly, so each
/// argument reaches it as written and none is ever read as shell syntax (recipes use this
/// form for their parameters). Either way the program runs in its own process group, with only allow-listed
/// environment variables, a timeout (the whole group is killed when it expires) and capped
/// output. Optional `expect:` assertions judge its stdout as JSON. Output is redacted before it
/// appears in a message; `sha256` is the hash of the complete raw stdout.
public struct CommandCollector: Collector {
    public let kind = CollectorKind.command
    private let runner = ProcessRunner()
    private let redactor: SecretRedactor
    /// nil: the process's environment as it is when an item is collected.
    private let environment: [String: String]?

    /// - Parameters:
    ///   - redactor: Hides secrets in the output quoted by messages.
    ///   - environment: Where the allow-listed variables are taken from: the process's own
    ///     environment at the time of each run (nil), unless a test or an embedder gives another.
    public init(
        redactor: SecretRedactor = .standard,
        environment: [String: String]? = nil
    ) {
        self.redactor = redactor
        self.environment = environment
    }

    struct Settings {
        var executable: String
        var arguments: [String]
        var process: ProcessSettings
        var expect: Assertion?

        /// The command line as people read it: the `command:` text, or `run:` with its `args:`.
        var command: String {
            if executable == "/bin/sh", arguments.count == 2, arguments[0] == "-c" {
                return arguments[1]
            }
            return ([executable] + arguments).joined(separator: " ")
        }
    }

    static func read(_ spec: EvidenceSpec) -> (Settings?, [Diagnostic]) {
        var reader = OptionReader(
            spec, allowed: ProcessSettings.options.union(["command", "run", "args", "expect"]))
        reader.unusedPath()
        var program: (String, [String])?
        if spec.options["run"] == nil || spec.options["command"] != nil {
            program = reader.string("command", required: true).map { ("/bin/sh", ["-c", $0]) }
            if spec.options["run"] != nil {
                reader.invalid("run", "cannot be combined with 'command:'", spec.options["run"])
            }
            if spec.options["args"] != nil {
                reader.invalid("args", "goes with 'run:', not 'command:'", spec.options["args"])
            }
        } else if let run = reader.string("run") {
            if run.contains("/") {
                reader.invalid(
                    "run", "names a program found in PATH; run a script with 'command:'",
                    spec.options["run"])
            }
            program = (run, reader.strings("args") ?? [])
        }
        let process = ProcessSettings.read(&reader)
        let expect = reader.expectations("expect")
        guard reader.isValid, let program else { return (nil, reader.diagnostics) }
        return (
            Settings(
                executable: program.0, arguments: program.1, process: process, expect: expect),
            reader.diagnostics
        )
    }

    public func validate(_ spec: EvidenceSpec) -> [Diagnostic] { Self.read(spec).1 }

    public func collect(_ spec: EvidenceSpec, context: CollectionContext) async -> EvidenceResult {
        let (settings, diagnostics) = Self.read(spec)
        guard let settings else { return .invalidOptions(spec, diagnostics, now: context.now) }
        let request = settings.process.request(
            executable: settings.executable, arguments: settings.arguments, context: context,
            environment: environment ?? ProcessInfo.processInfo.environment)
        let outcome: ProcessOutcome
        // Observed now, on the live system; the runner redacts the command line like messages.
        let target = settings.command
        switch await runner.run(request) {
        case .success(let finished): outcome = finished
        case .failure(let error):
            return EvidenceResult(
                spec, .error, observedAt: context.now, dateSource: .live, target: target,
                "\(error)")
        }
        let (status, verdict) = judge(outcome, settings: settings, timeout: request.timeout)
        let excerpt = OutputExcerpt(redactor: redactor).text(of: outcome, fromEnd: status != .pass)
        var message = verdict
        if !excerpt.isEmpty { message += ": " + excerpt }
        message += OutputExcerpt.truncationNote(outcome, limit: context.maxOutputBytes)
        return EvidenceResult(
            spec, status, observedAt: context.now, dateSource: .live, target: target, message,
            sha256: outcome.sha256)
    }

    /// The status and the first words of the message (before the output excerpt).
    private func judge(
        _ outcome: ProcessOutcome, settings: Settings, timeout: Duration
    ) -> (EvidenceStatus, String) {
        switch outcome.termination {
        case .timedOut: return (.error, "timed out after \(timeout.shortDescription)")
        case .cancelled: return (.error, "cancelled")
        case .signalled(let signal): return (.error, "killed by signal \(signal)")
        case .exited(let code) where code != 0: return (.fail, "exited with status \(code)")
        case .exited: break
        }
        guard let expect = settings.expect else { return (.pass, "exited with status 0") }
        guard !outcome.stdout.isTruncated else {
            return (.error, "stdout is larger than the output cap; expectations not checked")
        }
        do {
            let document = try JSONReader(file: "stdout").parse(outcome.stdout.data)
            let (status, text) = ExpectationOutcome.judge(expect, document)
            return (status, "exited with status 0; " + redactor.redact(text))
        } catch {
            return (.error, "exited with status 0 but stdout is not JSON (\(error.message))")
        }
    }
}
