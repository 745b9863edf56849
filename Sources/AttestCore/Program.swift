/// A compliance program shown on the trust center: a certification obtained, an assessment in
/// progress with its live percentage, or one planned for a target quarter.
public struct Program: Hashable, Sendable {
    /// Where a program stands.
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        case certified
        case inProgress = "in-progress"
        case planned
    }

    public var id: String
    public var title: LocalizedText
    /// The framework whose live score the program shows; `nil` for programs scored elsewhere
    /// (an external assessment, say).
    public var framework: FrameworkID?
    public var status: Status
    public var auditor: String?
    /// ISO dates (`YYYY-MM-DD`), kept as written.
    public var certifiedOn: String?
    public var expiresOn: String?
    /// A score given by an external assessor, such as `9.7/10`.
    public var externalScore: String?
    /// A target quarter such as `2027-Q2`, for planned programs.
    public var targetQuarter: String?
    /// Whether the report can be requested under NDA.
    public var reportUnderNDA: Bool
    /// Domains (requirement ids of `framework`) whose live % the trust center shows.
    public var domains: [RequirementReference]
    public var description: LocalizedText?
    public var visibility: Visibility
    /// The evidence proving a certified program; its facts replace typed ones.
    public var proof: ProgramProof?
    /// For a program without a framework: the controls it is measured by.
    public var measuredBy: ProgramMeasure?
    public var position: SourcePosition

    public init(
        id: String, title: LocalizedText, framework: FrameworkID?, status: Status,
        auditor: String? = nil, certifiedOn: String? = nil, expiresOn: String? = nil,
        externalScore: String? = nil, targetQuarter: String? = nil, reportUnderNDA: Bool = false,
        domains: [RequirementReference] = [], description: LocalizedText? = nil,
        visibility: Visibility = .public, proof: ProgramProof? = nil,
        measuredBy: ProgramMeasure? = nil, position: SourcePosition
    ) {
        self.proof = proof
        self.measuredBy = measuredBy
        self.id = id
        self.title = title
        self.framework = framework
        self.status = status
        self.auditor = auditor
        self.certifiedOn = certifiedOn
        self.expiresOn = expiresOn
        self.externalScore = externalScore
        self.targetQuarter = targetQuarter
        self.reportUnderNDA = reportUnderNDA
        self.domains = domains
        self.description = description
        self.visibility = visibility
        self.position = position
    }
}
