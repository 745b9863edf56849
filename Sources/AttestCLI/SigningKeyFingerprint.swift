import AttestBundle
import AttestSystem
import Foundation

/// The fingerprint of the workspace's bundle-signing public key, published on the site.
enum SigningKeyFingerprint {
    /// Public keys are small; anything larger is not one.
    static let maxKeyBytes = 64 * 1024

    /// The fingerprint of `public_key:`, read through the workspace's confinement function.
    static func of(_ session: WorkspaceSession) throws -> String? {
        guard let path = session.manifest.publicKey else { return nil }
        let data: Data
        do {
            data = try WorkspaceRoot(session.root).read(path, limit: maxKeyBytes).data
        } catch {
            throw UnreadableInput(description: "public_key '\(path)': \(error)")
        }
        do { return try BundleKeys.fingerprint(ofPublicKeyFile: data) } catch {
            throw UnreadableInput(description: "public_key '\(path)': \(error)")
        }
    }
}
