import AttestBundle
import AttestCLI
import AttestTestSupport
import Foundation
import Testing
import ZIPFoundation

/// `attest verify` in process: origin needs a key or a published fingerprint, an expired
/// bundle fails, and nothing from a bundle reaches the terminal unverified or raw.
@Suite struct VerifyCommandTests: InProcessCommands {

    static let companyPEM = BundleKeys.generate()
    static var companyKey: String { companyPEM.privateKey }

    /// A bundle signed with `privateKey` (PEM), valid until 2026-08-30.
    static func bundle(
        privateKey: String = companyKey, recipient: String = "Acme Corp",
        ndaReference: String = "NDA-2026-041", frameworks: [String] = ["demo"]
    ) throws -> Data {
        let manifest = BundleManifest(
            formatVersion: 1, bundleID: "b-0123456789ab", recipient: recipient,
            ndaReference: ndaReference, frameworks: frameworks,
            created: "2026-06-01T00:00:00Z", expires: "2026-08-30T00:00:00Z", runID: 7,
            workspaceFingerprint: "fp", toolVersion: "test", signerFingerprint: "", entries: [])
        return try BundleWriter(signingKey: try BundleKeys.privateKey(pem: privateKey))
            .write(
                manifest: manifest,
                files: ["reports/demo/readiness.csv": Data("Confidential\nrow\n".utf8)])
    }

    static var companyFingerprint: String {
        get throws {
            try BundleKeys.fingerprint(ofPublicKeyFile: Data(companyPEM.publicKey.utf8))
        }
    }

    /// A fresh folder per test, removed with the suite instance.
    let scratch: TemporaryWorkspace

    init() throws { scratch = try TemporaryWorkspace() }

    /// Writes `data` into the scratch folder.
    func file(_ data: Data, _ name: String = "bundle.zip") throws -> URL {
        try scratch.write(name, data)
    }

    /// Entries of a zip, in order.
    func entries(_ data: Data) throws -> [(String, Data)] {
        let archive = try Archive(data: data, accessMode: .read)
        return try archive.map { entry in
            var buffer = Data()
            _ = try archive.extract(entry) { buffer.append($0) }
            return (entry.path, buffer)
        }
    }

    /// A zip holding exactly `files`, in order.
    func zip(_ files: [(String, Data)]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, data) in files {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count),
                modificationDate: Date(timeIntervalSince1970: 1_577_836_800)
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data ?? Data()
    }

    /// True when `text` holds a control character a terminal would act on.
    func hasRawControl(_ text: String) -> Bool {
        text.unicodeScalars.contains {
            ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7f...0x9f).contains($0.value)
                || [0x200e, 0x200f, 0x061c].contains($0.value)
                || (0x202a...0x202e).contains($0.value) || (0x2066...0x2069).contains($0.value)
        }
    }

    // MARK: - Origin

    @Test func theFingerprintPublishedOnTheTrustCenterVerifiesTheSigner() async throws {
        let url = try file(try Self.bundle())
        let result = await run([
            "verify", url.path, "--fingerprint", try Self.companyFingerprint,
            "--check-time", "2026-07-01T00:00:00Z",
        ])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.split(separator: "\n").last == "valid")
    }

    @Test func theFingerprintIsAcceptedAsTheTrustCenterShowsIt() async throws {
        let url = try file(try Self.bundle())
        let shown = "ed25519 " + (try Self.companyFingerprint).uppercased()
        let result = await run([
            "verify", url.path, "--fingerprint", shown, "--check-time", "2026-07-01T00:00:00Z",
        ])
        #expect(result.status == 0, "\(result.err)")
    }

    @Test func aBundleSignedByAnotherKeyFailsAgainstThePublishedFingerprint() async throws {
        let forger = BundleKeys.generate().privateKey
        let url = try file(try Self.bundle(privateKey: forger))
        let result = await run([
            "verify", url.path, "--fingerprint", try Self.companyFingerprint,
            "--check-time", "2026-07-01T00:00:00Z",
        ])
        #expect(result.status == 1)
        #expect(result.err.contains("[bundle.untrusted-signer]"), "\(result.err)")
        #expect(!result.out.contains("Acme"))
        #expect(!result.out.contains("valid"))
    }

    @Test func withoutAKeyOrFingerprintOnlyIntegrityIsClaimedAndTheExitIsOne() async throws {
        let url = try file(try Self.bundle())
        let result = await run(["verify", url.path, "--check-time", "2026-07-01T00:00:00Z"])
        #expect(result.status == 1)
        let lines = result.out.split(separator: "\n")
        #expect(lines.last == "integrity ok — signer NOT verified")
        #expect(!lines.contains("valid"))
    }

    @Test func integrityOnlyAcceptsTheBundlesOwnKeyAndSaysSo() async throws {
        let url = try file(try Self.bundle())
        let result = await run([
            "verify", url.path, "--integrity-only", "--check-time", "2026-07-01T00:00:00Z",
        ])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.split(separator: "\n").last == "integrity ok — signer NOT verified")
    }

    @Test func anExpiredBundleFailsUnlessExpiryIsAllowed() async throws {
        let url = try file(try Self.bundle())
        let fingerprint = try Self.companyFingerprint
        let late = ["verify", url.path, "--fingerprint", fingerprint, "--check-time", "2026-09-01"]
        let expired = await run(late)
        #expect(expired.status == 1)
        #expect(expired.err.contains("[bundle.expired]"), "\(expired.err)")
        let allowed = await run(late + ["--allow-expired"])
        #expect(allowed.status == 0, "\(allowed.err)")
        #expect(allowed.err.contains("expired"))
        let inTime = await run([
            "verify", url.path, "--fingerprint", fingerprint, "--check-time", "2026-08-29",
        ])
        #expect(inTime.status == 0, "\(inTime.err)")
    }

    // MARK: - What is printed

    @Test func aManifestWhoseSignatureFailsIsNeverPrinted() async throws {
        let original = try entries(try Self.bundle())
        let forged = original.map { name, data -> (String, Data) in
            guard name == "manifest.json" else { return (name, data) }
            let text = String(decoding: data, as: UTF8.self)
                .replacingOccurrences(of: "Acme Corp", with: "Mallory Inc")
            #expect(text.contains("Mallory Inc"))
            return (name, Data(text.utf8))
        }
        let publicKey = try scratch.write("company.pub", Self.companyPEM.publicKey)
        let url = try file(try zip(forged))
        let result = await run(["verify", url.path, "--public-key", publicKey.path])
        #expect(result.status == 1)
        #expect(!result.out.contains("Mallory") && !result.err.contains("Mallory"))
        #expect(!result.out.contains("recipient"))
        #expect(result.err.contains("[bundle.bad-signature]"), "\(result.err)")
    }

    @Test func controlCharactersInManifestFieldsArePrintedInert() async throws {
        // A forger's own key: the signature verifies, so the fields are shown; an escape
        // sequence tries to erase the line and print the company's fingerprint and "valid".
        let company = try Self.companyFingerprint
        let recipient =
            "Acme Corp\u{1B}[2K\r\u{1B}[1Asigner:      \(company)\u{1B}[0m\u{07}\nvalid\u{202E}"
        let url = try file(
            try Self.bundle(
                privateKey: BundleKeys.generate().privateKey, recipient: recipient,
                ndaReference: "NDA\u{9B}31m-1\u{2066}", frameworks: ["demo\u{1B}]0;title\u{07}"])
        )
        let result = await run(["verify", url.path])
        #expect(result.status == 1)
        #expect(!hasRawControl(result.out), "\(result.out.debugDescription)")
        #expect(!hasRawControl(result.err), "\(result.err.debugDescription)")
        #expect(result.out.contains("Acme Corp\\u{1b}[2K\\u{d}\\u{1b}[1Asigner:"))
        #expect(!result.out.split(separator: "\n").contains("valid"))
        #expect(!result.out.contains("signer:      \(company)\n"))
    }

    @Test func controlCharactersInEntryNamesArePrintedInert() async throws {
        let names = [
            "reports/\u{1B}[2Kvalid.html", "reports/invoice\u{202E}lmth.exe",
            "reports/\u{9B}0m.csv", "reports/\u{2067}x.md",
        ]
        let crafted = try entries(try Self.bundle()) + names.map { ($0, Data("x".utf8)) }
        let url = try file(try zip(crafted))
        let publicKey = try scratch.write("company.pub", Self.companyPEM.publicKey)
        let result = await run(["verify", url.path, "--public-key", publicKey.path])
        #expect(result.status == 1)
        #expect(!hasRawControl(result.out), "\(result.out.debugDescription)")
        #expect(!hasRawControl(result.err), "\(result.err.debugDescription)")
        #expect(result.err.contains("reports/\\u{1b}[2Kvalid.html"), "\(result.err)")
        #expect(result.err.contains("reports/invoice\\u{202e}lmth.exe"), "\(result.err)")
    }
}
