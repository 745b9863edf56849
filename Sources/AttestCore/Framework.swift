/// A framework catalog: a standard, regulation or attestation scheme and its requirement tree.
public struct Framework: Hashable, Sendable {
    /// What kind of scheme a framework is; it decides how a program around it is described.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case certification, attestation, regulation, standard
    }

    public var id: FrameworkID
    public var name: LocalizedText
    public var kind: Kind
    public var issuer: String
    public var version: String?
    public var url: String?
    /// Facts that are not scored, such as application dates.
    public var metadata: [String: String]
    /// How its requirements combine their controls unless a requirement says otherwise; nil
    /// leaves it to the workspace.
    public var aggregate: Aggregate?
    /// Top-level requirements in catalog order.
    public var requirements: [Requirement]
    public var position: SourcePosition

    public init(
        id: FrameworkID, name: LocalizedText, kind: Kind, issuer: String, version: String? = nil,
        url: String? = nil, metadata: [String: String] = [:], aggregate: Aggregate? = nil,
        requirements: [Requirement], position: SourcePosition
    ) {
        self.aggregate = aggregate
        self.id = id
        self.name = name
        self.kind = kind
        self.issuer = issuer
        self.version = version
        self.url = url
        self.metadata = metadata
        self.requirements = requirements
        self.position = position
    }
}

/// A node of a framework's requirement tree: a clause, criterion, article or control objective.
public struct Requirement: Hashable, Sendable {
    public var id: RequirementID
    public var title: LocalizedText
    /// A short summary in our own words (standards' full texts are copyrighted).
    public var summary: LocalizedText?
    public var tags: [String]
    /// Relative weight among siblings when scores are aggregated; greater than zero.
    public var weight: Double
    /// Whether controls satisfy this node and scoring counts it. Defaults to "is a leaf".
    public var isAssessable: Bool
    /// How its controls combine; nil leaves it to the framework, then the workspace.
    public var aggregate: Aggregate?
    public var metadata: [String: String]
    /// Values the organisation chooses for the requirement's text (OSCAL `params`): kept so a
    /// catalog imported from OSCAL goes back out with them.
    public var parameters: [RequirementParameter]
    public var children: [Requirement]
    public var position: SourcePosition

    public init(
        id: RequirementID, title: LocalizedText, summary: LocalizedText? = nil, tags: [String] = [],
        weight: Double = 1, isAssessable: Bool? = nil, aggregate: Aggregate? = nil,
        metadata: [String: String] = [:], parameters: [RequirementParameter] = [],
        children: [Requirement] = [], position: SourcePosition
    ) {
        self.parameters = parameters
        self.aggregate = aggregate
        self.id = id
        self.title = title
        self.summary = summary
        self.tags = tags
        self.weight = weight
        self.isAssessable = isAssessable ?? children.isEmpty
        self.metadata = metadata
        self.children = children
        self.position = position
    }
}
