import AttestCore
import Crypto
import Foundation

/// Checks a bundle without writing anything to disk, cheapest and most decisive checks first.
///
/// 1. The zip's headers alone (nothing inflated): paths, duplicates, entry kinds, local and
///    central headers agreeing, declared sizes and entry count within ``BundleLimits``.
/// 2. The signer and the signature over `manifest.json`, the only entries read so far (with
///    `manifest.sig` and `signer.pub`, all small and bounded).
/// 3. Only then, and only when 1 and 2 found nothing: the manifest against the zip (each path
///    listed once, present, with the zip's declared size), the expiry, and last each entry's
///    SHA-256, streamed, never inflating past its declared size.
///
/// So a forged or bomb-laden bundle is refused after reading its directory and a few small
/// entries, and an unverified manifest is never returned: ``Report/manifest`` is set only once
/// its signature verifies.
public struct BundleVerifier {
    /// The outcome: `problems` make the bundle invalid; `warnings` do not.
    public struct Report: Sendable {
        /// The manifest, once its signature has verified; nil before, so nothing unverified is
        /// ever shown.
        public var manifest: BundleManifest?
        /// The fingerprint of the key the signature verified with.
        public var signerFingerprint: String?
        /// True when that key is the trusted one (given, or with the published fingerprint);
        /// false when it is only the bundle's own.
        public var signerVerified = false
        public var problems: [BundleProblem] = []
        public var warnings: [String] = []

        /// Intact: signature, entries and expiry all check out (see `signerVerified` for who
        /// signed).
        public var isValid: Bool { problems.isEmpty && manifest != nil }
    }

    public var trust: BundleTrust
    public var limits: BundleLimits
    /// An expired bundle is valid, with a warning.
    public var allowExpired: Bool

    public init(trust: BundleTrust, limits: BundleLimits = .standard, allowExpired: Bool = false) {
        self.trust = trust
        self.limits = limits
        self.allowExpired = allowExpired
    }

    /// Verifies the zip in `data` as of `now`.
    ///
    /// - Throws: `BundleError.unreadable` when `data` is not a zip archive this reader accepts.
    public func verify(_ data: Data, now: Date) throws(BundleError) -> Report {
        try verify(DataZipSource(data), now: now)
    }

    /// Verifies the zip file at `url` as of `now`, reading only the parts it checks.
    ///
    /// - Throws: `BundleError.unreadable` when the file cannot be read or is not a zip archive
    ///   this reader accepts.
    public func verify(contentsOf url: URL, now: Date) throws(BundleError) -> Report {
        try verify(try FileZipSource(url), now: now)
    }

    func verify(_ source: any ZipSource, now: Date) throws(BundleError) -> Report {
        var report = Report()
        let directory: ZipDirectory
        do {
            directory = try ZipDirectory(source, maxEntries: limits.maxEntries)
        } catch {
            switch error {
            case .malformed(let detail):
                throw BundleError(code: .unreadable, detail: detail)
            case .tooManyEntries(let declared, let limit):
                report.problems.append(
                    BundleProblem(
                        .tooLarge, "the zip declares \(declared) entries; at most \(limit)"))
            case .directoryTooLarge(let bytes, let limit):
                report.problems.append(
                    BundleProblem(
                        .tooLarge,
                        "the zip's central directory is \(bytes) bytes; at most \(limit) for its "
                            + "entries"))
            }
            return report
        }
        let entries = structure(directory, into: &report)
        guard let manifest = signedManifest(directory, entries, into: &report),
            report.problems.isEmpty
        else { return report }
        let toHash = listing(manifest, entries, into: &report)
        checkExpiry(manifest, now: now, into: &report)
        guard report.problems.isEmpty else { return report }
        for (listed, entry) in toHash {
            hash(listed, entry, in: directory, into: &report)
        }
        return report
    }

    // MARK: - Signature

    /// The manifest, once the signer and signature check out; nil (with problems) otherwise.
    private func signedManifest(
        _ directory: ZipDirectory, _ entries: [[UInt8]: ZipEntry], into report: inout Report
    ) -> BundleManifest? {
        func small(_ path: String, limit: Int) -> Data? {
            guard let entry = entries[Array(path.utf8)] else { return nil }
            return read(entry, limit: limit, in: directory, into: &report)
        }
        guard let manifestData = small(BundleManifest.manifestPath, limit: limits.maxManifestBytes)
        else {
            report.problems.append(
                BundleProblem(
                    .manifestMissing, entry: BundleManifest.manifestPath,
                    "manifest.json is missing or unreadable"))
            return nil
        }
        guard
            let signature = small(
                BundleManifest.signaturePath, limit: BundleLimits.maxSmallFileBytes)
        else {
            report.problems.append(
                BundleProblem(
                    .manifestMissing, entry: BundleManifest.signaturePath,
                    "manifest.sig is missing or unreadable"))
            return nil
        }
        let embedded = small(BundleManifest.signerKeyPath, limit: BundleLimits.maxSmallFileBytes)
            .flatMap { try? BundleKeys.publicKey(pem: String(decoding: $0, as: UTF8.self)) }
        guard let key = signingKey(embedded, into: &report) else { return nil }
        guard Self.isCanonicalSignature(signature, by: key, over: manifestData) else {
            report.problems.append(
                BundleProblem(
                    .badSignature, entry: BundleManifest.signaturePath,
                    "the signature in manifest.sig does not match manifest.json and the key"))
            return nil
        }
        let manifest: BundleManifest
        do {
            manifest = try JSONDecoder().decode(BundleManifest.self, from: manifestData)
        } catch {
            report.problems.append(
                BundleProblem(
                    .invalidManifest, entry: BundleManifest.manifestPath,
                    "manifest.json is signed but is not a bundle manifest"))
            return nil
        }
        guard manifest.formatVersion == BundleManifest.currentFormatVersion else {
            report.problems.append(
                BundleProblem(
                    .invalidManifest, entry: BundleManifest.manifestPath,
                    "manifest format \(manifest.formatVersion) is not supported"))
            return nil
        }
        let fingerprint = BundleKeys.fingerprint(key)
        guard manifest.signerFingerprint == fingerprint else {
            report.problems.append(
                BundleProblem(
                    .invalidManifest, entry: BundleManifest.manifestPath,
                    "manifest.json names another signer than the key that signed it"))
            return nil
        }
        if let embedded, embedded.rawRepresentation != key.rawRepresentation {
            report.problems.append(
                BundleProblem(
                    .untrustedSigner, entry: BundleManifest.signerKeyPath,
                    "signer.pub is not the key that signed the bundle"))
        }
        report.manifest = manifest
        report.signerFingerprint = fingerprint
        report.signerVerified = trust.verifiesSigner
        return manifest
    }

    /// The key to check the signature with, per ``trust``.
    private func signingKey(
        _ embedded: Curve25519.Signing.PublicKey?, into report: inout Report
    ) -> Curve25519.Signing.PublicKey? {
        switch trust {
        case .publicKey(let key):
            return key
        case .fingerprint(let expected):
            guard let embedded else {
                report.problems.append(
                    BundleProblem(
                        .untrustedSigner, entry: BundleManifest.signerKeyPath,
                        "signer.pub is missing or not an Ed25519 public key, so the signer "
                            + "cannot be compared with the published fingerprint"))
                return nil
            }
            let actual = BundleKeys.fingerprint(embedded)
            guard actual == expected else {
                report.problems.append(
                    BundleProblem(
                        .untrustedSigner, entry: BundleManifest.signerKeyPath,
                        "the bundle is signed by the key with fingerprint \(actual), "
                            + "not the published \(expected)"))
                return nil
            }
            return embedded
        case .bundleKey:
            guard let embedded else {
                report.problems.append(
                    BundleProblem(
                        .badSignature, entry: BundleManifest.signerKeyPath,
                        "signer.pub is missing or not an Ed25519 public key"))
                return nil
            }
            report.warnings.append(
                "checked against the bundle's own key (fingerprint "
                    + "\(BundleKeys.fingerprint(embedded))), which proves the bundle is intact, "
                    + "not who made it; compare it with the fingerprint on the company's trust "
                    + "center (--fingerprint) or pass --public-key")
            return embedded
        }
    }

    /// `manifest.sig` must be exactly the canonical base64 of the signature and a newline: any
    /// other spelling of the same bytes is tampering too.
    static func isCanonicalSignature(
        _ text: Data, by key: Curve25519.Signing.PublicKey, over manifest: Data
    ) -> Bool {
        let text = String(decoding: text, as: UTF8.self)
        guard text.hasSuffix("\n"), let signature = Data(base64Encoded: String(text.dropLast())),
            signature.base64EncodedString() + "\n" == text
        else { return false }
        return key.isValidSignature(signature, for: manifest)
    }

    // MARK: - Expiry

    private func checkExpiry(_ manifest: BundleManifest, now: Date, into report: inout Report) {
        guard let expires = manifest.expires else { return }
        guard let date = Timestamp.instant(expires, zoneRequired: true, dayAllowed: false) else {
            report.problems.append(
                BundleProblem(
                    .invalidManifest, entry: BundleManifest.manifestPath,
                    "the manifest's expiry '\(expires)' is not an ISO 8601 time"))
            return
        }
        guard date < now else { return }
        if allowExpired {
            report.warnings.append("the bundle expired on \(expires)")
        } else {
            report.problems.append(
                BundleProblem(
                    .expired,
                    "the bundle expired on \(expires) (pass --allow-expired to accept it)"))
        }
    }
}
