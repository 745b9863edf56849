/// A string identifier typed by what it names, so a control id can never be passed where a
/// framework id is expected, with one implementation for every kind.
///
/// Encoded as the plain string; ordered by the string.
public struct Identifier<Kind: IdentifierKind>: RawRepresentable, Hashable, Comparable, Sendable,
    Codable, CustomStringConvertible, ExpressibleByStringLiteral
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What an `Identifier` names; the kinds are empty enums, used only as type tags.
public protocol IdentifierKind: Sendable {}

/// Tags of the identifier kinds.
public enum IdentifierKinds {
    public enum Framework: IdentifierKind {}
    public enum Requirement: IdentifierKind {}
    public enum Control: IdentifierKind {}
    public enum Evidence: IdentifierKind {}
}

/// A framework's identifier, such as `soc2` or `iso27001`.
public typealias FrameworkID = Identifier<IdentifierKinds.Framework>

/// A requirement's identifier within its framework, following the official numbering
/// (`CC6.1`, `A.8.24`, `164.312(a)(2)(iv)`, `Art.32`).
public typealias RequirementID = Identifier<IdentifierKinds.Requirement>

/// A control's identifier, unique in a workspace (`ENC-01`).
public typealias ControlID = Identifier<IdentifierKinds.Control>

/// An evidence specification's identifier, unique in a workspace (`lb-tls-policy`).
public typealias EvidenceID = Identifier<IdentifierKinds.Evidence>

/// A requirement named across frameworks: `soc2/CC6.1`.
public struct RequirementKey: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var framework: FrameworkID
    public var requirement: RequirementID

    public init(_ framework: FrameworkID, _ requirement: RequirementID) {
        self.framework = framework
        self.requirement = requirement
    }

    /// Parses `framework/requirement`; the requirement part may itself contain `/`.
    public init?(parsing text: String) {
        guard let slash = text.firstIndex(of: "/") else { return nil }
        let framework = text[..<slash]
        let requirement = text[text.index(after: slash)...]
        guard !framework.isEmpty, !requirement.isEmpty else { return nil }
        self.init(FrameworkID(String(framework)), RequirementID(String(requirement)))
    }

    public var description: String { "\(framework)/\(requirement)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.framework, lhs.requirement) < (rhs.framework, rhs.requirement)
    }
}
