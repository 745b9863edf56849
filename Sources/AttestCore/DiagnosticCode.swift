/// A stable diagnostic code, such as `graph.unknown-requirement`.
///
/// Every code is listed in docs/diagnostics.md with an example; tests assert codes, not wording.
public struct DiagnosticCode: RawRepresentable, Hashable, Sendable, Codable,
    CustomStringConvertible, ExpressibleByStringLiteral
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
}

extension DiagnosticCode {
    // YAML syntax and hostile input.
    public static let yamlSyntax: Self = "yaml.syntax"
    public static let yamlInvalidUTF8: Self = "yaml.invalid-utf8"
    public static let yamlFileTooLarge: Self = "yaml.file-too-large"
    public static let yamlTooDeep: Self = "yaml.too-deep"
    public static let yamlAliasLimit: Self = "yaml.alias-limit"
    public static let yamlDuplicateKey: Self = "yaml.duplicate-key"
    public static let yamlUnsupportedKey: Self = "yaml.unsupported-key"

    // Shape of a file against its schema.
    public static let schemaMissing: Self = "schema.missing"
    public static let schemaUnsupported: Self = "schema.unsupported"
    public static let schemaWrongType: Self = "schema.wrong-type"
    public static let schemaMissingKey: Self = "schema.missing-key"
    public static let schemaUnknownKey: Self = "schema.unknown-key"
    public static let schemaInvalidValue: Self = "schema.invalid-value"
    public static let schemaUnknownDocument: Self = "schema.unknown-document"

    // Workspace assembly.
    public static let workspaceUnreadableFile: Self = "workspace.unreadable-file"
    public static let workspaceIncludeCycle: Self = "workspace.include-cycle"
    public static let workspaceIncludeNoMatch: Self = "workspace.include-no-match"
    public static let workspaceUnsafePath: Self = "workspace.unsafe-path"
    public static let workspaceMissingFile: Self = "workspace.missing-file"
    public static let workspaceNotAFile: Self = "workspace.not-a-file"
    public static let workspaceFileTooLarge: Self = "workspace.file-too-large"
    public static let workspaceUnsafeOutput: Self = "workspace.unsafe-output"

    // The control graph.
    public static let graphDuplicateFramework: Self = "graph.duplicate-framework"
    public static let graphDuplicateRequirement: Self = "graph.duplicate-requirement"
    public static let graphDuplicateControl: Self = "graph.duplicate-control"
    public static let graphDuplicateEvidence: Self = "graph.duplicate-evidence"
    public static let graphUnknownFramework: Self = "graph.unknown-framework"
    public static let graphUnknownRequirement: Self = "graph.unknown-requirement"
    public static let graphUnknownMappingEnd: Self = "graph.unknown-mapping-end"
    public static let graphEmptyTitle: Self = "graph.empty-title"
    public static let graphControlWithoutEvidence: Self = "graph.control-without-evidence"
    public static let graphGap: Self = "graph.gap"
    public static let graphGaps: Self = "graph.gaps"
    public static let graphDuplicateExclusion: Self = "graph.duplicate-exclusion"
    public static let graphDuplicateProgram: Self = "graph.duplicate-program"

    // Mappings between frameworks.
    public static let mappingDuplicate: Self = "mapping.duplicate"
    public static let mappingConflictingRelation: Self = "mapping.conflicting-relation"

    // Trust-center content.
    public static let trustCenterUnknownControl: Self = "trust-center.unknown-control"
    public static let trustCenterUnknownDomain: Self = "trust-center.unknown-domain"
    public static let trustCenterUnknownFramework: Self = "trust-center.unknown-framework"
    public static let trustCenterHiddenControl: Self = "trust-center.hidden-control"
    /// Public text lacks one of the workspace's locales (that page falls back to English).
    public static let trustCenterMissingLocale: Self = "trust-center.missing-locale"

    // Field values.
    public static let controlInvalidVisibility: Self = "control.invalid-visibility"
    public static let controlKeyExceeds: Self = "control.key-exceeds"
    public static let graphHiddenMajority: Self = "graph.hidden-majority"
    public static let graphHiddenMajorities: Self = "graph.hidden-majorities"
    public static let evidenceUnknownCollector: Self = "evidence.unknown-collector"
    public static let evidenceInvalidDuration: Self = "evidence.invalid-duration"

    // Common mistakes, each reported with a hint.

    /// The file is UTF-16 or UTF-32 (a byte-order mark, or NUL bytes between the characters).
    public static let yamlInvalidEncoding: Self = "yaml.invalid-encoding"
    /// A plain value written between typographic quotes (“…” or ‘…’), which YAML keeps as text.
    public static let yamlTypographicQuotes: Self = "yaml.typographic-quotes"
}
