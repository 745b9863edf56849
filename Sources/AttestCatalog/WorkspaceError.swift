import AttestCore
import Foundation

/// An operational failure that stops loading before any finding can be made: the workspace
/// itself cannot be read. Findings about its content are `Diagnostic`s instead.
public struct WorkspaceError: CommandFailure, Hashable, Sendable {
    /// A workspace that cannot be opened ends the command as unusable input.
    public var failureKind: FailureKind { .unusable }

    public enum Code: String, Hashable, Sendable {
        case notADirectory = "workspace.not-a-directory"
        case manifestMissing = "workspace.manifest-missing"
    }

    public var code: Code
    public var path: String

    public init(code: Code, path: String) {
        self.code = code
        self.path = path
    }

    public var description: String {
        switch code {
        case .notADirectory: "\(path): not a readable workspace folder [\(code.rawValue)]"
        case .manifestMissing:
            "\(path): no attest.yaml here; run attest in a workspace or pass --workspace DIR [\(code.rawValue)]"
        }
    }
}
