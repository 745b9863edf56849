/// An OSCAL mapping collection the workspace reads as mappings (`mappings:` in attest.yaml):
/// the file, and the two frameworks its source and target resources stand for.
///
/// An OSCAL collection names its catalogs by URL, which says nothing about which Attest
/// framework a catalog is; the workspace says it once, here, and every map of the file is read
/// from `from` to `to`.
public struct MappingCollectionImport: Hashable, Sendable {
    /// Workspace-relative path of the collection (`.json`, `.yaml` or `.yml`).
    public var path: String
    /// The framework the collection's `source-resource` stands for.
    public var from: FrameworkID
    /// The framework the collection's `target-resource` stands for.
    public var to: FrameworkID
    /// Where the correspondence comes from, shown with every mapping; nil to name the file.
    public var source: LocalizedText?
    /// The entry in attest.yaml.
    public var position: SourcePosition
    /// Where `oscal:`, `from:` and `to:` were written, for findings about each.
    public var pathPosition: SourcePosition
    public var fromPosition: SourcePosition
    public var toPosition: SourcePosition

    public init(
        path: String, from: FrameworkID, to: FrameworkID, source: LocalizedText? = nil,
        position: SourcePosition, pathPosition: SourcePosition? = nil,
        fromPosition: SourcePosition? = nil, toPosition: SourcePosition? = nil
    ) {
        self.path = path
        self.from = from
        self.to = to
        self.source = source
        self.position = position
        self.pathPosition = pathPosition ?? position
        self.fromPosition = fromPosition ?? position
        self.toPosition = toPosition ?? position
    }
}
