import AttestBundle
import Foundation

/// The fingerprint of the workspace's bundle-signing public key, published on the site.
enum SigningKeyFingerprint {
    static func of(_ session: WorkspaceSession) throws -> String? {
        guard let path = session.manifest.publicKey else { return nil }
        let url = session.root.appendingPathComponent(path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw UnreadableInput(description: "public_key '\(path)' cannot be read")
        }
        do { return try BundleKeys.fingerprint(ofPublicKeyFile: data) } catch {
            throw UnreadableInput(description: "public_key '\(path)': \(error)")
        }
    }
}
