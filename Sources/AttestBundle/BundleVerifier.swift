import Crypto
import Foundation
import ZIPFoundation

/// Checks a bundle without writing anything to disk: paths, signature, hashes, sizes,
/// completeness, and expiry.
public struct BundleVerifier {
    /// The outcome: `problems` make the bundle invalid; `warnings` do not.
    public struct Report: Sendable {
        public var manifest: BundleManifest?
        public var problems: [String]
        public var warnings: [String]
        public var isValid: Bool { problems.isEmpty && manifest != nil }
    }

    /// The key to check against; nil to use the bundle's own `signer.pub` (then the caller
    /// must compare its fingerprint with the published one).
    public var trustedKey: Curve25519.Signing.PublicKey?
    /// Entries larger than this are refused (a zip bomb cannot exhaust memory).
    public var maxEntryBytes: Int

    public init(trustedKey: Curve25519.Signing.PublicKey?, maxEntryBytes: Int = 512 << 20) {
        self.trustedKey = trustedKey
        self.maxEntryBytes = maxEntryBytes
    }

    /// Verifies `data` as of `now`.
    ///
    /// - Throws: `BundleError.unreadable` when `data` is not a zip archive at all.
    public func verify(_ data: Data, now: Date) throws(BundleError) -> Report {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw BundleError(code: .unreadable, detail: "not a zip archive")
        }
        var report = Report(manifest: nil, problems: [], warnings: [])
        var contents: [String: Data] = [:]
        var seen: Set<String> = []
        for entry in archive {
            let path = entry.path
            guard BundlePath.isSafe(path) else {
                report.problems.append(
                    "entry '\(path)' has an unsafe path (absolute, '..', or special characters)")
                continue
            }
            guard seen.insert(path).inserted else {
                report.problems.append("entry '\(path)' appears twice")
                continue
            }
            guard entry.type == .file else {
                report.problems.append(
                    "entry '\(path)' is a \(entry.type == .symlink ? "symbolic link" : "directory"), not a file"
                )
                continue
            }
            guard entry.uncompressedSize <= UInt64(maxEntryBytes) else {
                report.problems.append("entry '\(path)' is larger than \(maxEntryBytes) bytes")
                continue
            }
            var buffer = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    buffer.append(chunk)
                    if buffer.count > maxEntryBytes {
                        throw BundleError(code: .unreadable, detail: "entry too large")
                    }
                }
            } catch {
                report.problems.append("entry '\(path)' cannot be read: \(error)")
                continue
            }
            contents[path] = buffer
        }
        guard report.problems.isEmpty else { return report }
        guard let manifestData = contents[BundleManifest.manifestPath] else {
            report.problems.append("manifest.json is missing")
            return report
        }
        guard let signatureText = contents[BundleManifest.signaturePath] else {
            report.problems.append("manifest.sig is missing")
            return report
        }
        let manifest: BundleManifest
        do {
            manifest = try JSONDecoder().decode(BundleManifest.self, from: manifestData)
        } catch {
            report.problems.append("manifest.json is not a bundle manifest: \(error)")
            return report
        }
        report.manifest = manifest
        guard manifest.formatVersion == BundleManifest.currentFormatVersion else {
            report.problems.append("manifest format \(manifest.formatVersion) is not supported")
            return report
        }
        checkSignature(
            manifestData, signatureText, contents: contents, manifest: manifest, into: &report)
        checkEntries(manifest, contents: contents, into: &report)
        if let expires = manifest.expires, let date = try? Date.ISO8601FormatStyle().parse(expires),
            date < now
        {
            report.warnings.append("the bundle expired on \(expires)")
        }
        return report
    }

    private func checkSignature(
        _ manifestData: Data, _ signatureText: Data, contents: [String: Data],
        manifest: BundleManifest,
        into report: inout Report
    ) {
        var key = trustedKey
        if key == nil {
            guard let pem = contents[BundleManifest.signerKeyPath],
                let embedded = try? BundleKeys.publicKey(pem: String(decoding: pem, as: UTF8.self))
            else {
                report.problems.append("signer.pub is missing or not an Ed25519 public key")
                return
            }
            key = embedded
            report.warnings.append(
                "checked against the bundle's own key (fingerprint \(BundleKeys.fingerprint(embedded))); "
                    + "compare it with the fingerprint on the company's trust center, or pass --public-key"
            )
        }
        guard let key else { return }
        // manifest.sig must be exactly the canonical base64 of the signature and a newline:
        // any other spelling of the same bytes is tampering too.
        let text = String(decoding: signatureText, as: UTF8.self)
        guard text.hasSuffix("\n"), let signature = Data(base64Encoded: String(text.dropLast())),
            signature.base64EncodedString() + "\n" == text,
            key.isValidSignature(signature, for: manifestData)
        else {
            report.problems.append(
                "the signature in manifest.sig does not match manifest.json and the key")
            return
        }
        if BundleKeys.fingerprint(key) != manifest.signerFingerprint {
            report.problems.append(
                "manifest.json names signer \(manifest.signerFingerprint), not the key used")
        }
    }

    private func checkEntries(
        _ manifest: BundleManifest, contents: [String: Data], into report: inout Report
    ) {
        var listed: Set<String> = []
        for entry in manifest.entries {
            listed.insert(entry.path)
            guard BundlePath.isSafe(entry.path) else {
                report.problems.append("manifest lists the unsafe path '\(entry.path)'")
                continue
            }
            guard let data = contents[entry.path] else {
                report.problems.append("entry '\(entry.path)' is listed but missing")
                continue
            }
            if data.count != entry.size {
                report.problems.append(
                    "entry '\(entry.path)' has \(data.count) bytes, the manifest says \(entry.size)"
                )
            }
            if SHA256.hash(data: data).hex != entry.sha256 {
                report.problems.append(
                    "entry '\(entry.path)' does not match its SHA-256 in the manifest")
            }
        }
        let own: Set<String> = [BundleManifest.manifestPath, BundleManifest.signaturePath]
        for path in contents.keys.sorted() where !listed.contains(path) && !own.contains(path) {
            report.problems.append("entry '\(path)' is not listed in the manifest")
        }
    }
}
