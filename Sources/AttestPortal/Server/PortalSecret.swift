import Crypto
import Foundation

/// The server's secret: the key of every HMAC the portal makes (CSRF tokens, the signed form
/// fields, grant links).
///
/// It comes from the environment (`ATTEST_PORTAL_SECRET`), never from `attest.yaml`: the
/// workspace is a repository many people read, and whoever holds the secret can forge grant
/// links. Its description never shows it.
public struct PortalSecret: Sendable, CustomStringConvertible {
    /// The environment variable the secret is read from.
    public static let environmentVariable = "ATTEST_PORTAL_SECRET"
    /// The shortest secret accepted, in bytes: the size of an HMAC-SHA256 key.
    public static let minimumBytes = 32

    let key: SymmetricKey

    /// Takes `text` as the secret (its UTF-8 bytes).
    ///
    /// - Throws: `PortalError` (`portal.weak-secret`) when it is shorter than 32 bytes.
    public init(_ text: String) throws(PortalError) {
        let bytes = Array(text.utf8)
        guard bytes.count >= Self.minimumBytes else {
            throw PortalError(
                .weakSecret, Self.environmentVariable,
                "\(Self.environmentVariable) must hold at least \(Self.minimumBytes) bytes "
                    + "(it has \(bytes.count)); generate one with `openssl rand -base64 48`")
        }
        key = SymmetricKey(data: bytes)
    }

    /// Reads the secret from `environment` (the process's by default).
    ///
    /// - Throws: `PortalError` (`portal.weak-secret`) when it is unset or too short.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(PortalError) -> PortalSecret {
        guard let text = environment[environmentVariable], !text.isEmpty else {
            throw PortalError(
                .weakSecret, environmentVariable,
                "attest serve needs a secret of at least \(minimumBytes) bytes in "
                    + "\(environmentVariable) (never in attest.yaml); generate one with "
                    + "`openssl rand -base64 48`")
        }
        return try PortalSecret(text)
    }

    /// HMAC-SHA256 of `message` under this secret, with a purpose label first so a MAC made
    /// for one use (a CSRF token) is never valid for another (a grant link).
    func mac(_ message: some DataProtocol, purpose: String) -> [UInt8] {
        var hmac = HMAC<SHA256>(key: key)
        hmac.update(data: Array(purpose.utf8) + [0])
        hmac.update(data: message)
        return Array(hmac.finalize())
    }

    /// Whether `candidate` is the MAC of `message` for `purpose`, compared in constant time.
    func isValid(
        mac candidate: some DataProtocol, of message: some DataProtocol, purpose: String
    )
        -> Bool
    {
        let expected = mac(message, purpose: purpose)
        let given = Array(candidate)
        guard given.count == expected.count else { return false }
        var difference: UInt8 = 0
        for index in 0..<expected.count { difference |= expected[index] ^ given[index] }
        return difference == 0
    }

    public var description: String { "PortalSecret(redacted)" }
}
