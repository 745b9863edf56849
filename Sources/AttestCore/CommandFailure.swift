/// How a command ends when it stops on an error; the CLI maps it to the process's exit status.
public enum FailureKind: Sendable, Hashable {
    /// The input was read and judged: findings, a failed gate, a bundle that does not verify
    /// (exit 1).
    case findings
    /// The input could not be used at all: unreadable, refused, missing, a usage mistake
    /// (exit 2).
    case unusable
}

/// An error that declares how a command ends on it and what the user reads, so no layer
/// re-wraps it to choose an exit status (the role Hummingbird's `HTTPResponseError` plays for
/// responses). The CLI prints `error: <description>` and exits with the declared kind's status.
public protocol CommandFailure: Error, CustomStringConvertible {
    /// How a command that stops on this error ends.
    var failureKind: FailureKind { get }
}
