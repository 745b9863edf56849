import AttestCore

/// Where a framework read from OSCAL came from and what it holds, for `attest catalog list`.
///
/// Read back from the framework's `oscal.*` metadata and requirement tree, so it describes
/// any framework imported from OSCAL, whoever loaded it.
public struct OSCALFrameworkSummary: Hashable, Sendable, Encodable {
    /// `catalog` or `profile`.
    public var model: String
    /// The workspace file `attest.yaml` names.
    public var file: String
    /// The document's `oscal-version`.
    public var oscalVersion: String
    /// For a profile, the catalog files its controls came from.
    public var resolvedFrom: [String]
    /// For a profile, how many controls those catalogs hold.
    public var sourceControls: Int?
    public var groups = 0
    /// Controls at the top of their group (or catalog).
    public var controls = 0
    /// Controls inside controls (SP 800-53's enhancements).
    public var enhancements = 0
    public var withdrawn = 0
    public var params = 0

    /// Nil for a framework not read from OSCAL.
    public init?(_ framework: Framework) {
        let facts = framework.metadata
        guard let model = facts["oscal.model"], let file = facts["oscal.source"] else {
            return nil
        }
        self.model = model
        self.file = file
        oscalVersion = facts["oscal.version"] ?? ""
        resolvedFrom = (facts["oscal.resolved-from"] ?? "").split(separator: ",").map(String.init)
        sourceControls = facts["oscal.resolved-from-controls"].flatMap { Int($0) }
        count(framework.requirements, insideControl: false)
    }

    /// Every control, enhancements included.
    public var allControls: Int { controls + enhancements }

    /// One line: `profile P (OSCAL 1.1.2), resolved from C — 287 controls (of 1189)`.
    public var origin: String {
        var text = "OSCAL \(model) \(file) (OSCAL \(oscalVersion))"
        if model == "profile" {
            text +=
                ", resolved from \(resolvedFrom.joined(separator: ", ")) — \(allControls) controls"
            if let sourceControls { text += " (of \(sourceControls))" }
        }
        return text
    }

    /// `18 groups, 149 controls, 138 enhancements, 0 withdrawn, 900 params`.
    public var counts: String {
        "\(groups) groups, \(controls) controls, \(enhancements) enhancements, "
            + "\(withdrawn) withdrawn, \(params) params"
    }

    private mutating func count(_ requirements: [Requirement], insideControl: Bool) {
        for requirement in requirements {
            let isGroup = requirement.metadata["oscal.kind"] == "group"
            if isGroup {
                groups += 1
            } else if insideControl {
                enhancements += 1
            } else {
                controls += 1
            }
            if requirement.metadata["oscal.status"] == "withdrawn" { withdrawn += 1 }
            params += requirement.parameters.count
            count(requirement.children, insideControl: !isGroup)
        }
    }
}
