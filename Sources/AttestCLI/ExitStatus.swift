import ArgumentParser
import AttestCore
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

/// A failure the CLI itself detects (a missing run, an unreadable key, a path it refuses), with
/// a message for people; exits with 2.
struct UnreadableInput: CommandFailure {
    var description: String
    var failureKind: FailureKind { .unusable }
}

extension ExitStatus {
    /// The status a command ends with for an error of `kind`.
    init(_ kind: FailureKind) {
        switch kind {
        case .findings: self = .findings
        case .unusable: self = .usage
        }
    }

    /// Maps any error a command throws to an exit status, printing what the user must read.
    ///
    /// Every failure is printed the same way, `error: <message>` on standard error: errors
    /// that declare their own kind (`CommandFailure`) as they describe themselves, and the
    /// argument parser's usage errors with their usage text.
    static func report(_ error: any Error, console: Console) -> ExitStatus {
        switch error {
        case is FindingsReported:
            return .findings
        case let failure as any CommandFailure:
            console.err("error: \(failure.description)")
            return ExitStatus(failure.failureKind)
        default:
            let code = AttestCommand.exitCode(for: error)
            let message = AttestCommand.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { console.out(message) }
                return .success
            }
            if !message.isEmpty { console.err(Self.lowercasingErrorLabel(message)) }
            return .usage
        }
    }

    /// The argument parser's `Error: …` written as every other failure is: `error: …`.
    static func lowercasingErrorLabel(_ message: String) -> String {
        message.hasPrefix("Error: ") ? "error: " + message.dropFirst("Error: ".count) : message
    }
}
