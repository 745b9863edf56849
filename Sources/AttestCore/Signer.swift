/// A registered signer's identifier, unique in a workspace (`amartin`); attestations name it
/// in `signer:`.
public struct SignerID: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    CustomStringConvertible, ExpressibleByStringLiteral
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A person allowed to sign attestations, with their own public key and the days it may be
/// used on (`signers:` in attest.yaml or an included file).
///
/// Each signer has exactly one key: a rotated key is a new signer entry (`jdoe-2027`) whose
/// `valid_from` follows the old one's `valid_until`, so statements signed before the rotation
/// keep verifying against the key they were signed with.
public struct Signer: Hashable, Sendable {
    public var id: SignerID
    /// The person's name, as statements write it in `who:`.
    public var name: String
    public var role: String
    /// Workspace-relative path of the public key file (read through the confinement function
    /// by the attestation collector and by `attest validate`).
    public var publicKey: String
    /// First day (`YYYY-MM-DD`, UTC) a statement may be dated and still verify.
    public var validFrom: String
    /// Last day (`YYYY-MM-DD`, UTC) a statement may be dated; nil while the key is in use.
    public var validUntil: String?
    /// The entry in its file.
    public var position: SourcePosition
    /// Where `public_key:` was written, so problems with the key file point at it.
    public var publicKeyPosition: SourcePosition

    public init(
        id: SignerID, name: String, role: String, publicKey: String, validFrom: String,
        validUntil: String? = nil, position: SourcePosition, publicKeyPosition: SourcePosition
    ) {
        self.id = id
        self.name = name
        self.role = role
        self.publicKey = publicKey
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.position = position
        self.publicKeyPosition = publicKeyPosition
    }

    /// Whether a statement dated `day` (`YYYY-MM-DD`) falls within the signer's validity;
    /// ISO days compare as text.
    public func isValid(on day: String) -> Bool {
        day >= validFrom && validUntil.map { day <= $0 } ?? true
    }
}
