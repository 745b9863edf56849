import Crypto
import Foundation

/// What a bundle's signer is checked against.
///
/// A bundle carries its signer's public key (`signer.pub`), but anyone can sign a bundle with a
/// key of their own and put that key inside: checking against it proves the bundle is intact,
/// not who made it. Origin needs a key or a fingerprint from a source the company controls,
/// such as its trust center.
public enum BundleTrust: Sendable {
    /// The signer's public key, obtained from the company.
    case publicKey(Curve25519.Signing.PublicKey)
    /// The fingerprint the company publishes (lower-case hex SHA-256 of the raw key): the
    /// bundle's own `signer.pub` must have it. See ``BundleKeys/fingerprint(parsing:)``.
    case fingerprint(String)
    /// The bundle's own `signer.pub`: integrity only, the signer is not verified.
    case bundleKey

    /// True when a signature that verifies also proves who signed.
    public var verifiesSigner: Bool {
        if case .bundleKey = self { return false }
        return true
    }
}
