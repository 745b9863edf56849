import AttestCore
import AttestRender
import AttestSystem
import Crypto
import Foundation
import ZIPFoundation

/// Writes a deterministic, signed bundle: sorted entries, fixed timestamps and permissions,
/// `manifest.json` listing every entry's SHA-256 and size, and `manifest.sig`.
public struct BundleWriter {
    /// Entries written with this date, so the same content gives the same bytes.
    static let entryDate = Date(timeIntervalSince1970: 1_577_836_800)  // 2020-01-01T00:00:00Z

    public var signingKey: Curve25519.Signing.PrivateKey
    /// A bundle the verifier would refuse for its size is not written.
    public var limits: BundleLimits

    public init(signingKey: Curve25519.Signing.PrivateKey, limits: BundleLimits = .standard) {
        self.signingKey = signingKey
        self.limits = limits
    }

    /// A README written into a bundle: its path and its text, made from the manifest (whose
    /// signer fingerprint is already filled in) so it can quote what the recipient checks.
    public typealias Readme = (BundleManifest) -> (path: String, text: String)

    /// The bundle's bytes. `manifest.signerFingerprint` and `manifest.entries` are filled in
    /// from the key and `files` (and the README and signer key this adds).
    ///
    /// - Parameters:
    ///   - readme: the README to add; nil for an NDA bundle's `README.txt`.
    /// - Throws: `BundleError.io` for an unsafe path or a bundle larger than ``limits``.
    public func write(
        manifest: BundleManifest, files: [String: Data], readme: Readme? = nil
    ) throws(BundleError) -> Data {
        var files = files
        for path in files.keys where !BundlePath.isSafe(path) {
            throw BundleError(code: .io, detail: "refusing to write the unsafe path '\(path)'")
        }
        var manifest = manifest
        // The fingerprint first: the README quotes it.
        manifest.signerFingerprint = BundleKeys.fingerprint(signingKey.publicKey)
        files[BundleManifest.signerKeyPath] = Data(BundleKeys.pem(signingKey.publicKey).utf8)
        let written: (path: String, text: String) =
            readme?(manifest) ?? (BundleManifest.readmePath, BundleReadme.text(manifest))
        guard BundlePath.isSafe(written.path), files[written.path] == nil else {
            throw BundleError(code: .io, detail: "cannot write the README at '\(written.path)'")
        }
        files[written.path] = Data(written.text.utf8)
        manifest.entries = files.keys.sorted().map { path in
            let data = files[path] ?? Data()
            return .init(path: path, sha256: SHA256.hash(data: data).hex, size: data.count)
        }
        do {
            let manifestData = try manifest.encoded()
            let signature = try signingKey.signature(for: manifestData)
            files[BundleManifest.manifestPath] = manifestData
            files[BundleManifest.signaturePath] = Data(
                (signature.base64EncodedString() + "\n").utf8)
            try checkLimits(files)
            let archive = try Archive(accessMode: .create)
            for path in files.keys.sorted() {
                let data = files[path] ?? Data()
                try archive.addEntry(
                    with: path, type: .file, uncompressedSize: Int64(data.count),
                    modificationDate: Self.entryDate,
                    permissions: 0o644, compressionMethod: .deflate
                ) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let bytes = archive.data else {
                throw BundleError(code: .io, detail: "the in-memory archive has no data")
            }
            return bytes
        } catch let error as BundleError {
            throw error
        } catch {
            throw BundleError(code: .io, detail: "cannot write the bundle: \(error)")
        }
    }

    private func checkLimits(_ files: [String: Data]) throws(BundleError) {
        let total = files.values.reduce(0) { $0 + $1.count }
        if files.count > limits.maxEntries || total > limits.maxTotalBytes {
            throw BundleError(
                code: .io,
                detail: "the bundle would hold \(files.count) entries and \(total) bytes; at "
                    + "most \(limits.maxEntries) and \(limits.maxTotalBytes)")
        }
        if let (path, data) = files.first(where: { $0.value.count > limits.maxEntryBytes }) {
            throw BundleError(
                code: .io,
                detail: "'\(path)' has \(data.count) bytes; a bundle entry has at most "
                    + "\(limits.maxEntryBytes)")
        }
        if let manifest = files[BundleManifest.manifestPath],
            manifest.count > limits.maxManifestBytes
        {
            throw BundleError(
                code: .io,
                detail: "manifest.json would have \(manifest.count) bytes; at most "
                    + "\(limits.maxManifestBytes)")
        }
    }

    /// True when `url` is an Attest bundle: a zip holding `manifest.json`, `manifest.sig` and
    /// `signer.pub`, whose manifest reads as a bundle manifest. Only such a file may be
    /// replaced by a new bundle without `--force`: Attest replaces nothing it did not create.
    public static func isBundle(at url: URL) -> Bool {
        guard let source = try? FileZipSource(url),
            let directory = try? ZipDirectory(source, maxEntries: BundleLimits.standard.maxEntries)
        else { return false }
        let byName = Dictionary(
            directory.entries.compactMap { entry in entry.name.map { ($0, entry) } },
            uniquingKeysWith: { first, _ in first })
        guard byName[BundleManifest.signaturePath] != nil,
            byName[BundleManifest.signerKeyPath] != nil,
            let manifestEntry = byName[BundleManifest.manifestPath],
            manifestEntry.uncompressedSize <= UInt64(BundleLimits.standard.maxManifestBytes)
        else { return false }
        var data = Data()
        guard (try? directory.stream(manifestEntry, into: { data.append($0) })) != nil else {
            return false
        }
        return (try? JSONDecoder().decode(BundleManifest.self, from: data)) != nil
    }
}

extension Digest {
    var hex: String { Hex.encode(self) }
}

/// `README.txt`: how a recipient checks the bundle, and what was withheld.
enum BundleReadme {
    static func text(_ manifest: BundleManifest) -> String {
        """
        Confidential — provided to \(manifest.recipient) under \(manifest.ndaReference) — bundle \(manifest.bundleID)

        This bundle holds compliance reports for: \(manifest.frameworks.joined(separator: ", ")).
        Created \(manifest.created)\(manifest.expires.map { ", valid until \($0)" } ?? "").
        \(withheldControls(manifest.withheldControls ?? []))\(withheld(manifest.withheld ?? []))
        How to verify it
        ----------------
        1. With Attest:  attest verify THIS-FILE.zip --fingerprint FINGERPRINT
           where FINGERPRINT is the signing-key fingerprint the company publishes on its trust
           center (or --public-key KEY.pub with a key obtained from the company). It checks that
           signer.pub has that fingerprint, the Ed25519 signature in manifest.sig over the
           exact bytes of manifest.json, then the SHA-256 and size of every entry manifest.json
           lists, that no entry is missing or extra, that no path is absolute, contains "..",
           or is a link, and that the bundle has not expired.
        2. By hand:
           - the signer's public key is signer.pub; its SHA-256 fingerprint (of the raw 32-byte
             key) is \(manifest.signerFingerprint),
             and must equal the fingerprint the company publishes on its trust center
             (trust-center.xml, signingKey);
           - openssl pkeyutl -verify -pubin -inkey signer.pub -rawin -in manifest.json \\
               -sigfile <(base64 -d manifest.sig)
           - sha256sum each file and compare with manifest.json.

        """
    }

    /// Per framework, the internal controls withheld and their share of the score, or nothing.
    private static func withheldControls(_ shares: [BundleManifest.WithheldControls]) -> String {
        guard !shares.isEmpty else { return "" }
        let lines = shares.map { share in
            "  - \(share.framework): "
                + ReportModel.WithheldShare(
                    framework: FrameworkID(share.framework), controls: share.controls,
                    points: share.points, percent: share.percent
                ).sentence
        }
        return """

            Internal controls withheld
            --------------------------
            The scores count every control; internal ones are not in this bundle. Per framework,
            what they carry of the score (the score minus the score with them at 0):
            \(lines.joined(separator: "\n"))

            """
    }

    /// The withheld evidence files, one per line, or nothing.
    private static func withheld(_ files: [WithheldFile]) -> String {
        guard !files.isEmpty else { return "" }
        let lines = files.map { "  - \($0.path): \(reasonText($0.reason))" }
        return """

            Evidence withheld
            -----------------
            These evidence files were not packed: only files read inside the workspace whose
            SHA-256 equals the one recorded when the evidence was collected are.
            \(lines.joined(separator: "\n"))

            """
    }

    private static func reasonText(_ reason: WithheldFile.Reason) -> String {
        switch reason {
        case .notRecorded: "no hash was recorded when it was collected"
        case .refused: "refused (outside the workspace, a link, not a regular file, or missing)"
        case .changed: "changed since it was collected"
        case .tooLarge: "too large for the bundle"
        }
    }
}
