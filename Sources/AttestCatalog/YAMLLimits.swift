/// Bounds that keep hostile YAML from exhausting memory or time.
public struct YAMLLimits: Hashable, Sendable {
    /// Largest file accepted, in bytes.
    public var maxFileBytes: Int
    /// Deepest nesting of sequences and mappings.
    public var maxDepth: Int
    /// Most nodes that aliases may add by expansion in one file ("billion laughs" stops here).
    public var maxAliasExpansion: Int

    public init(maxFileBytes: Int = 32 << 20, maxDepth: Int = 64, maxAliasExpansion: Int = 10_000) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
    }

    public static let `default` = YAMLLimits()
}
