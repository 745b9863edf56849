import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation

/// A temporary workspace whose `attest.yaml` names OSCAL frameworks, with NIST's files copied
/// in from `Tests/Fixtures/oscal`.
struct OSCALWorkspace {
    static let catalogJSON = "sp800-53-rev5-5.0.1/NIST_SP-800-53_rev5_catalog.json"
    static let catalogYAML = "sp800-53-rev5-5.0.1/NIST_SP-800-53_rev5_catalog.yaml"
    static let catalogXML = "sp800-53-rev5-5.0.1/NIST_SP-800-53_rev5_catalog.xml"
    static let moderateProfile =
        "sp800-53-rev5-5.1.1/NIST_SP-800-53_rev5_MODERATE-baseline_profile.json"
    static let moderateProfileXML =
        "sp800-53-rev5-5.1.1/NIST_SP-800-53_rev5_MODERATE-baseline_profile.xml"
    static let moderateResolved =
        "sp800-53-rev5-5.1.1/NIST_SP-800-53_rev5_MODERATE-baseline-resolved-profile_catalog.json"

    let folder: TemporaryWorkspace

    /// A workspace with `frameworks` as the items of `attest.yaml`'s `frameworks:` (YAML text,
    /// indented by the caller as list items) and `files` (workspace path → text).
    init(
        frameworks: String, files: [String: String] = [:], copies: [String: String] = [:]
    )
        throws
    {
        folder = try TemporaryWorkspace()
        try folder.write(
            "attest.yaml",
            "schema: 1\norganisation: { name: Test }\nframeworks:\n" + frameworks + "\n")
        for (path, text) in files { try folder.write(path, text) }
        for (path, fixture) in copies { try copy(fixture, to: path) }
    }

    /// Copies the OSCAL fixture `fixture` (relative to `Tests/Fixtures/oscal`) to `path`.
    func copy(_ fixture: String, to path: String) throws {
        try folder.write(path, try Data(contentsOf: Self.fixture(fixture)))
    }

    static func fixture(_ name: String) -> URL {
        Fixtures.root.appendingPathComponent("oscal").appendingPathComponent(name)
    }

    func load(limits: YAMLLimits = .default) throws -> LoadedWorkspace {
        try WorkspaceLoader(limits: limits, builtinCatalogs: nil).load(at: folder.root)
    }

    func validate() throws -> Validation {
        try WorkspaceLoader(builtinCatalogs: nil).validate(at: folder.root)
    }
}

extension LoadedWorkspace {
    func framework(_ id: String) -> Framework? {
        workspace.frameworks.first { $0.id.rawValue == id }
    }

    /// Diagnostics as `severity code file:line:col`.
    var findings: [String] {
        diagnostics.map {
            "\($0.severity.rawValue) \($0.code) \($0.position.map(\.description) ?? "-")"
        }
    }
}

extension Framework {
    /// Every requirement, depth first, with its parent's id.
    var flattened: [(requirement: Requirement, parent: String?)] {
        var result: [(Requirement, String?)] = []
        func walk(_ list: [Requirement], _ parent: String?) {
            for requirement in list {
                result.append((requirement, parent))
                walk(requirement.children, requirement.id.rawValue)
            }
        }
        walk(requirements, nil)
        return result
    }

    func requirement(_ id: String) -> Requirement? {
        flattened.first { $0.requirement.id.rawValue == id }?.requirement
    }
}
