import AttestCore
import AttestSystem
import Foundation

/// Runs a program that judges the evidence itself and reports its verdict as JSON on stdout
/// (the protocol is in docs/collectors.md and `ExternalReport`).
///
/// For checks Attest cannot express: a script that queries a cloud API, a vendor CLI. It runs
/// under the same limits as the command collector (process group, timeout, output cap,
/// environment allow-list, redaction); it must exit 0 and print exactly one JSON object.
public struct ExternalCollector: Collector {
    public let kind = CollectorKind.external
    private let runner = ProcessRunner()
    private let redactor: SecretRedactor
    /// Characters of a reported message kept; results are summaries, not logs.
    static let maxMessageLength = 500

    public init(redactor: SecretRedactor = .standard) {
        self.redactor = redactor
    }

    struct Settings {
        /// A program name looked up in `PATH`, or a workspace path when it contains `/`.
        var program: Program
        var arguments: [String]
        var process: ProcessSettings
    }

    enum Program {
        case name(String)
        case workspaceFile(WorkspacePath)

        /// As written in `run:`.
        var text: String {
            switch self {
            case .name(let name): name
            case .workspaceFile(let path): path.relative
            }
        }
    }

    static func read(_ spec: EvidenceSpec) -> (Settings?, [Diagnostic]) {
        var reader = OptionReader(spec, allowed: ProcessSettings.options.union(["run", "args"]))
        reader.unusedPath()
        var program: Program?
        if let run = reader.string("run", required: true) {
            if run.contains("/") {
                let position = spec.options["run"]?.position ?? spec.position
                program = reader.safePath(run, label: "run", at: position).map(
                    Program.workspaceFile)
            } else {
                program = .name(run)
            }
        }
        let arguments = reader.strings("args") ?? []
        let process = ProcessSettings.read(&reader)
        guard reader.isValid, let program else { return (nil, reader.diagnostics) }
        return (
            Settings(program: program, arguments: arguments, process: process), reader.diagnostics
        )
    }

    public func validate(_ spec: EvidenceSpec) -> [Diagnostic] { Self.read(spec).1 }

    public func collect(_ spec: EvidenceSpec, context: CollectionContext) async -> EvidenceResult {
        let (settings, diagnostics) = Self.read(spec)
        guard let settings else { return .invalidOptions(spec, diagnostics, now: context.now) }
        // The program observes the system now, unless its report dates the observation.
        let target = ([settings.program.text] + settings.arguments).joined(separator: " ")
        func failure(_ message: String, sha256: String? = nil) -> EvidenceResult {
            EvidenceResult(
                spec, .error, observedAt: context.now, dateSource: .live, target: target,
                message, sha256: sha256)
        }
        let executable: String
        switch settings.program {
        case .name(let name): executable = name
        case .workspaceFile(let path):
            do {
                switch try WorkspaceRoot(context.workspaceRoot).locate(path) {
                case .file(let url): executable = url.path
                case .missing:
                    return EvidenceResult(
                        spec, .missing, observedAt: context.now, target: target,
                        "\(path) does not exist")
                case .folder: return failure("\(path) is a folder, not a program")
                }
            } catch {
                return failure("refused: \(error)")
            }
        }
        let request = settings.process.request(
            executable: executable, arguments: settings.arguments, context: context)
        let outcome: ProcessOutcome
        switch await runner.run(request) {
        case .success(let finished): outcome = finished
        case .failure(let error): return failure("\(error)")
        }
        let excerpt = OutputExcerpt(redactor: redactor, length: 200)
        switch outcome.termination {
        case .timedOut:
            return failure(
                "timed out after \(request.timeout.shortDescription)", sha256: outcome.sha256)
        case .cancelled:
            return failure("cancelled", sha256: outcome.sha256)
        case .signalled(let signal):
            return failure("killed by signal \(signal)", sha256: outcome.sha256)
        case .exited(let code) where code != 0:
            let output = excerpt.text(of: outcome, fromEnd: true)
            return failure(
                "exited with status \(code)" + (output.isEmpty ? "" : ": \(output)"),
                sha256: outcome.sha256)
        case .exited:
            break
        }
        guard !outcome.stdout.isTruncated else {
            return failure(
                "output is larger than \(context.maxOutputBytes) bytes; not a valid report",
                sha256: outcome.sha256)
        }
        do {
            let value = try JSONReader(file: "stdout").parse(outcome.stdout.data)
            let report = try ExternalReport.read(value, now: context.now)
            var result = EvidenceResult(
                spec, report.status, observedAt: report.observedAt ?? context.now,
                dateSource: report.observedAt == nil ? .live : .source, target: target,
                String(redactor.redact(report.message).prefix(Self.maxMessageLength)),
                sha256: outcome.sha256,
                artifacts: report.artifacts)
            result.tally = report.tally
            return result
        } catch let error as JSONReader.SyntaxError {
            return failure("stdout is not JSON (\(error.message))", sha256: outcome.sha256)
        } catch {
            return failure("invalid report: \(error)", sha256: outcome.sha256)
        }
    }
}
