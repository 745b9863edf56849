import AttestCore
import AttestSystem
import Foundation

/// Reads any YAML file into a `ConfigValue` tree with the same parser and limits as the
/// workspace, for evidence artifacts and locale files.
public enum YAMLDocument {
    /// Reads `path` through the workspace's confinement function and parses it.
    ///
    /// - Returns: the document's root (nil for an empty file), or the diagnostic that stopped it
    ///   (at `position` when the file cannot be read, such as a link out of the workspace).
    public static func load(
        _ path: WorkspacePath, in root: URL, position: SourcePosition? = nil,
        limits: YAMLLimits = .default
    ) -> Result<ConfigValue?, Diagnostic> {
        do {
            let read = try WorkspaceRoot(root).read(path, limit: limits.maxFileBytes)
            return parse([UInt8](read.data), display: path.relative, limits: limits)
        } catch {
            return .failure(
                Diagnostic(error, at: position ?? .start(of: path.relative), isYAML: true))
        }
    }

    /// Checks the text of `relative`, then loads it like ``load(_:in:position:limits:)``; an
    /// unsafe text is a `workspace.unsafe-path` finding at `position`.
    public static func load(
        _ relative: String, in root: URL, position: SourcePosition? = nil,
        limits: YAMLLimits = .default
    ) -> Result<ConfigValue?, Diagnostic> {
        do {
            return load(
                try WorkspaceRoot.path(relative), in: root, position: position, limits: limits)
        } catch {
            return .failure(Diagnostic(error, at: position ?? .start(of: relative)))
        }
    }

    /// Parses YAML text held in memory.
    public static func parse(
        _ bytes: [UInt8], display: String, limits: YAMLLimits = .default
    ) -> Result<ConfigValue?, Diagnostic> {
        YAMLParser(file: display, limits: limits).parse(bytes)
    }

    /// Parses one YAML evidence document (the yaml and attestation collectors' reader).
    ///
    /// Throws the parser's positioned `Diagnostic`, so a collector's message points at the
    /// line and column; an empty document is an error too: evidence without content proves
    /// nothing.
    @Sendable
    public static func evidence(_ data: Data, display: String) throws -> ConfigValue {
        switch parse([UInt8](data), display: display) {
        case let .success(value?): return value
        case .success(nil):
            throw Diagnostic.error(.yamlSyntax, "empty document", at: .start(of: display))
        case let .failure(diagnostic): throw diagnostic
        }
    }
}
