import AttestCore
import AttestSystem

extension Diagnostic {
    /// The finding for a workspace file the confinement function refused, at `position` (the
    /// place that names the file, or the file itself). A YAML file over its size limit reports
    /// `yaml.file-too-large`, like one the parser measured.
    public init(_ error: ConfinementError, at position: SourcePosition, isYAML: Bool = false) {
        let code: DiagnosticCode =
            switch error.code {
            case .unsafePath: .workspaceUnsafePath
            case .missing: .workspaceMissingFile
            case .notRegularFile: .workspaceNotAFile
            case .tooLarge: isYAML ? .yamlFileTooLarge : .workspaceFileTooLarge
            case .unreadable: .workspaceUnreadableFile
            }
        self = .error(code, error.detail, at: position)
    }
}
