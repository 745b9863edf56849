import ArgumentParser
import AttestCore
import Foundation

/// `attest`: the root command.
public struct AttestCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "attest",
        abstract:
            "Compliance as code: validate, score and publish a trust center from YAML and evidence.",
        version: AttestVersion.current,
        subcommands: [
            InitCommand.self, ValidateCommand.self, CatalogCommand.self, CollectCommand.self,
            ScoreCommand.self, HistoryCommand.self, BuildCommand.self, BundleCommand.self,
            VerifyCommand.self,
            KeygenCommand.self, DisclosuresCommand.self, AttestationCommand.self,
            SampleCommand.self, SoACommand.self, AuditPackageCommand.self, ImportCommand.self,
            ExportCommand.self, AccessCommand.self, ServeCommand.self,
        ])

    public init() {}
}

/// The tool's version, recorded in outputs and bundles.
public enum AttestVersion {
    public static let current = "0.1.0"
}

/// The entry point of the `attest` executable.
public enum AttestMain {
    /// The `attest` executable: seals the process's environment from the programs it runs
    /// (`EnvironmentSealing`) and ends them when attest is interrupted (`SignalHandling`),
    /// then runs the command as `run` does, leaving what it keeps for the exit (`ProcessEnd`).
    ///
    /// Process-wide measures live here rather than in `run`, which tests call in process.
    public static func main(_ arguments: [String]) async -> Int32 {
        let warnings = EnvironmentSealing.apply() + [SignalHandling.install()].compactMap { $0 }
        for warning in warnings { Console.standard.err("warning: \(warning)") }
        return await ProcessEnd().holdUntilExit { await run(arguments) }
    }

    /// Parses `arguments` (without the program name), runs the command and returns the exit
    /// status; every error is mapped to a status in `ExitStatus.report`.
    public static func run(_ arguments: [String], console: Console = .standard) async -> Int32 {
        await Console.$current.withValue(console) {
            do {
                var command = try AttestCommand.parseAsRoot(arguments)
                if var asyncCommand = command as? any AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
                return ExitStatus.success.rawValue
            } catch {
                return ExitStatus.report(error, console: console).rawValue
            }
        }
    }
}
