import ArgumentParser
import AttestCatalog
import Foundation

/// The process exit codes, decided here and nowhere else.
public enum ExitStatus: Int32, Sendable {
    /// Success.
    case success = 0
    /// Findings: an invalid workspace, or a gate such as `--fail-under` that failed.
    case findings = 1
    /// Usage errors, or input that cannot be read at all.
    case usage = 2
}

extension ExitStatus {
    /// The status of an attest ended by a termination signal: 128 + the signal's number, as a
    /// shell reports a program the signal killed (130 for `SIGINT`, 143 for `SIGTERM`).
    static func signalled(_ signal: Int32) -> Int32 { 128 + signal }
}

/// Thrown by a command that has already reported its findings and must exit with 1.
struct FindingsReported: Error {}

/// An operational failure with a code and a message for people, exiting with 2.
struct UnreadableInput: Error, CustomStringConvertible {
    var description: String
}

extension ExitStatus {
    /// Maps any error a command throws to an exit status, printing what the user must read.
    static func report(_ error: any Error, console: Console) -> ExitStatus {
        switch error {
        case is FindingsReported:
            return .findings
        case let error as WorkspaceError:
            console.err("error: \(error)")
            return .usage
        case let error as UnreadableInput:
            console.err("error: \(error)")
            return .usage
        default:
            let code = AttestCommand.exitCode(for: error)
            let message = AttestCommand.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { console.out(message) }
                return .success
            }
            if !message.isEmpty { console.err(message) }
            return .usage
        }
    }
}
