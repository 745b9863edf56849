import AttestCore
import Foundation

/// Reads any YAML file into a `ConfigValue` tree with the same parser and limits as the
/// workspace, for evidence artifacts and locale files.
public enum YAMLDocument {
    /// Parses `url`; `display` is the path used in positions.
    ///
    /// - Returns: the document's root (nil for an empty file), or the diagnostic that stopped it.
    public static func load(
        _ url: URL, display: String, limits: YAMLLimits = .default
    ) -> Result<ConfigValue?, Diagnostic> {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            return .failure(
                .error(.workspaceUnreadableFile, "cannot read this file", at: .start(of: display)))
        }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: limits.maxFileBytes + 1) else {
            return .failure(
                .error(.workspaceUnreadableFile, "cannot read this file", at: .start(of: display)))
        }
        return parse([UInt8](data), display: display, limits: limits)
    }

    /// Parses YAML text held in memory.
    public static func parse(
        _ bytes: [UInt8], display: String, limits: YAMLLimits = .default
    ) -> Result<ConfigValue?, Diagnostic> {
        YAMLParser(file: display, limits: limits).parse(bytes)
    }
}
