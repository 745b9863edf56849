import AttestBundle
import AttestCore
import AttestRender
import AttestTestSupport
import Crypto
import Foundation
import Testing
import ZIPFoundation

/// Bundles: round trip, tampering of every kind fails verification, deterministic bytes, and
/// no `internal` content inside.
@Suite struct BundleTests {
    typealias F = GraphFactory

    static let internalCanary = "CANARY-INTERNAL-7f3a"
    static let now = Date(timeIntervalSince1970: 1_780_272_000)

    static func scores() -> Scores {
        let framework = F.framework(
            "demo", [F.requirement("D1", [F.requirement("D1.1"), F.requirement("D1.2")])])
        var secret = F.control(
            "SEC-1", satisfies: ["demo/D1.1"], evidence: ["secret-ev"], visibility: .internal)
        secret.title = LocalizedText(english: "Secret \(internalCanary)")
        secret.owner = "owner-\(internalCanary)"
        var shared = F.control(
            "NDA-1", satisfies: ["demo/D1.1", "demo/D1.2"], evidence: ["nda-ev"], visibility: .nda)
        shared.owner = "security"
        shared.evidence[0].visibility = .nda
        let graph = ControlGraph(
            workspace: F.workspace(frameworks: [framework], controls: [secret, shared]))
        let results: [EvidenceID: EvidenceResult] = [
            "secret-ev": EvidenceResult(
                evidence: "secret-ev", control: "SEC-1", status: .fail, observedAt: now,
                sha256: String(repeating: "1", count: 64),
                message: "failure \(internalCanary)"),
            "nda-ev": EvidenceResult(
                evidence: "nda-ev", control: "NDA-1", status: .pass, observedAt: now,
                sha256: String(repeating: "2", count: 64),
                message: "ok"),
        ]
        return Scores(graph: graph, results: results, now: now, expiringWithin: .days(30))
    }

    static let key = try! BundleKeys.privateKey(pem: BundleKeys.generate().privateKey)

    static func make(
        key: Curve25519.Signing.PrivateKey = key, recipient: String = "Acme Corp"
    ) throws -> Data {
        let scores = scores()
        let build = BuildInfo(id: "build-1", time: now, toolVersion: "test")
        let contents = BundleContents(
            graph: scores.graph, scores: scores, build: build,
            templates: TemplateSet(workspaceRoot: nil))
        let id = BundleContents.bundleID(
            recipient: recipient, ndaReference: "NDA-2026-041", frameworks: ["demo"], created: now,
            runID: 7,
            workspaceFingerprint: "fp")
        var files = try contents.reportFiles(
            frameworks: ["demo"],
            watermark: BundleContents.watermark(
                recipient: recipient, ndaReference: "NDA-2026-041", bundleID: id))
        files["evidence/evidence/nda-ev"] = Data("artifact bytes".utf8)
        let manifest = BundleManifest(
            formatVersion: 1, bundleID: id, recipient: recipient, ndaReference: "NDA-2026-041",
            frameworks: ["demo"],
            created: "2026-06-01T00:00:00Z", expires: "2026-08-30T00:00:00Z", runID: 7,
            workspaceFingerprint: "fp",
            toolVersion: "test", signerFingerprint: "", entries: [])
        return try BundleWriter(signingKey: key).write(manifest: manifest, files: files)
    }

    static var publicKey: Curve25519.Signing.PublicKey { key.publicKey }

    func verify(
        _ data: Data, key: Curve25519.Signing.PublicKey? = BundleTests.publicKey,
        limits: BundleLimits = .standard
    ) throws -> BundleVerifier.Report {
        try BundleVerifier(trust: key.map { .publicKey($0) } ?? .bundleKey, limits: limits)
            .verify(data, now: Self.now)
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

    /// A zip holding exactly `files` (in order).
    func zip(_ files: [(String, Data)]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, data) in files {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count),
                modificationDate: Self.now
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data ?? Data()
    }

    /// demo: D1.1 by INT-A (pass) and NDA-1 (pass), D1.2 by INT-B alone (half), D1.3 by
    /// NDA-2 (pass): 2.5 / 3 = 83.3 % with the internal controls, 1.5 / 3 without them.
    static func withheldScores(dropping dropped: Set<EvidenceID> = []) -> Scores {
        let framework = F.framework(
            "demo",
            [
                F.requirement(
                    "D1", [F.requirement("D1.1"), F.requirement("D1.2"), F.requirement("D1.3")])
            ])
        var controls = [
            F.control(
                "INT-A", satisfies: ["demo/D1.1"], evidence: ["int-a"], visibility: .internal),
            F.control(
                "INT-B", satisfies: ["demo/D1.2"], evidence: ["int-b"], visibility: .internal),
            F.control("NDA-1", satisfies: ["demo/D1.1"], evidence: ["nda-1"], visibility: .nda),
            F.control("NDA-2", satisfies: ["demo/D1.3"], evidence: ["nda-2"], visibility: .nda),
        ]
        for index in controls.indices where controls[index].visibility == .nda {
            controls[index].evidence[0].visibility = .nda
        }
        let graph = ControlGraph(
            workspace: F.workspace(frameworks: [framework], controls: controls))
        let statuses: [(EvidenceID, ControlID, EvidenceStatus)] = [
            ("int-a", "INT-A", .pass), ("int-b", "INT-B", .partial(0.5)),
            ("nda-1", "NDA-1", .pass), ("nda-2", "NDA-2", .pass),
        ]
        var results: [EvidenceID: EvidenceResult] = [:]
        for (evidence, control, status) in statuses where !dropped.contains(evidence) {
            results[evidence] = EvidenceResult(
                evidence: evidence, control: control, status: status, observedAt: now,
                message: "")
        }
        return Scores(graph: graph, results: results, now: now, expiringWithin: .days(30))
    }

    @Test func aBundleStatesTheShareOfTheScoreItsWithheldInternalControlsCarry() throws {
        let scores = Self.withheldScores()
        let build = BuildInfo(id: "build-1", time: Self.now, toolVersion: "test")
        let contents = BundleContents(
            graph: scores.graph, scores: scores, build: build,
            templates: TemplateSet(workspaceRoot: nil))
        let withheld = contents.withheldControls(frameworks: ["demo"])
        let share = try #require(withheld.first)
        #expect(withheld.count == 1)
        #expect(share.framework == "demo")
        #expect(share.controls == 2)
        #expect(share.percent == 83.3)
        // The stated share is the difference with the score recomputed without them.
        let without = Self.withheldScores(dropping: ["int-a", "int-b"])
            .score(of: .framework("demo")).percent
        #expect(without == 50)
        #expect(abs(share.points - (share.percent - without)) < 1e-9)
        #expect(share.points == 33.3)

        let sentence = "2 internal controls withheld; they carry 33.3 points of 83.3%"
        var files = try contents.reportFiles(frameworks: ["demo"], watermark: "Confidential")
        files["placeholder.txt"] = Data()
        let manifest = BundleManifest(
            formatVersion: 1, bundleID: "b-000000000000", recipient: "Acme Corp",
            ndaReference: "NDA-1", frameworks: ["demo"], created: "2026-06-01T00:00:00Z",
            expires: nil, runID: 7, workspaceFingerprint: "fp", toolVersion: "test",
            signerFingerprint: "", entries: [], withheldControls: withheld)
        let bundle = try BundleWriter(signingKey: Self.key).write(manifest: manifest, files: files)
        let byPath = Dictionary(uniqueKeysWithValues: try entries(bundle))
        let readme = String(decoding: try #require(byPath["README.txt"]), as: UTF8.self)
        #expect(readme.contains("demo: \(sentence)"))
        let report = String(
            decoding: try #require(byPath["reports/demo/readiness.html"]), as: UTF8.self)
        #expect(report.contains(sentence))
        let decoded = try JSONDecoder().decode(
            BundleManifest.self, from: try #require(byPath["manifest.json"]))
        #expect(decoded.withheldControls == withheld)
    }

    @Test func aBundleVerifiesAndNamesItsRecipient() throws {
        let report = try verify(try Self.make())
        #expect(report.isValid, "\(report.problems)")
        #expect(report.manifest?.recipient == "Acme Corp")
        #expect(report.manifest?.ndaReference == "NDA-2026-041")
        #expect(report.manifest?.frameworks == ["demo"])
        #expect(report.warnings.isEmpty)
        #expect(report.signerVerified)
        #expect(report.signerFingerprint == BundleKeys.fingerprint(Self.publicKey))
        let paths = try entries(try Self.make()).map(\.0)
        #expect(paths == paths.sorted())
        for expected in [
            "README.txt", "manifest.json", "manifest.sig", "signer.pub",
            "reports/demo/readiness.html",
            "reports/demo/readiness.csv", "reports/audit/traceability.html",
            "reports/audit/evidence-index.csv",
        ] {
            #expect(paths.contains(expected), "\(expected)")
        }
    }

    @Test func everyPageAndCSVCarriesTheWatermark() throws {
        for (path, data) in try entries(try Self.make()) {
            let text = String(decoding: data, as: UTF8.self)
            if path.hasSuffix(".html") {
                #expect(
                    text.contains(
                        "Confidential — provided to Acme Corp under NDA-2026-041 — bundle b-"),
                    "\(path)")
            }
            if path.hasSuffix(".csv") {
                #expect(
                    text.contains(
                        "Confidential — provided to Acme Corp under NDA-2026-041 — bundle b-"),
                    "\(path)")
            }
        }
    }

    /// Every CSV of a bundle reads with a standard CSV reader (Python's `csv`): the header
    /// first, every row as wide as the header, and the confidentiality notice in a column of
    /// its own on every row — never a stray line before the header.
    @Test func everyCSVParsesWithAStandardReaderHeaderFirst() throws {
        let notice = "Confidential — provided to Acme Corp under NDA-2026-041 — bundle b-"
        var checked = 0
        for (path, data) in try entries(try Self.make()) where path.hasSuffix(".csv") {
            let script = """
                import csv, io, json, sys
                rows = list(csv.reader(io.StringIO(sys.stdin.read(), newline="")))
                print(json.dumps(rows))
                """
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script]
            let input = Pipe()
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            input.fileHandleForWriting.write(data)
            try input.fileHandleForWriting.close()
            let json = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let rows = try JSONDecoder().decode([[String]].self, from: json)
            let header = try #require(rows.first, "\(path) is empty")
            #expect(header.last == "notice", "\(path): \(header)")
            #expect(!header.contains { $0.hasPrefix("Confidential") }, "\(path)")
            for row in rows.dropFirst() {
                #expect(row.count == header.count, "\(path): \(row)")
                #expect(row.last?.hasPrefix(notice) == true, "\(path): \(row)")
            }
            checked += 1
        }
        #expect(checked >= 2)
    }

    @Test func internalContentNeverReachesABundle() throws {
        for (path, data) in try entries(try Self.make()) {
            #expect(!String(decoding: data, as: UTF8.self).contains(Self.internalCanary), "\(path)")
        }
    }

    @Test func theSameInputsGiveTheSameBytes() throws {
        #expect(try Self.make() == Self.make())
    }

    @Test func flippingAByteAnywhereInAnEntryFailsVerification() throws {
        let original = try entries(try Self.make())
        var generator = SystemRandomNumberGenerator()
        for (index, (path, data)) in original.enumerated() where !data.isEmpty {
            var positions = Set([0, data.count - 1, data.count / 2])
            for _ in 0..<12 { positions.insert(Int.random(in: 0..<data.count, using: &generator)) }
            for position in positions {
                var tampered = original
                var bytes = data
                bytes[position] ^= 0x01
                tampered[index] = (path, bytes)
                let report = try verify(try zip(tampered))
                #expect(
                    !report.isValid,
                    "\(path) byte \(position) flipped but the bundle still verifies")
            }
        }
    }

    @Test func anEntryAddedRemovedOrRenamedFailsVerification() throws {
        let original = try entries(try Self.make())
        let added = original + [("extra.txt", Data("hello".utf8))]
        #expect(
            try verify(try zip(added)).problems.contains {
                $0.code == .unlistedEntry && $0.entry == "extra.txt"
            })
        let removed = original.filter { $0.0 != "reports/demo/readiness.csv" }
        #expect(
            try verify(try zip(removed)).problems.contains {
                $0.code == .missingEntry && $0.entry == "reports/demo/readiness.csv"
            })
        let renamed = original.map {
            $0.0 == "reports/demo/readiness.csv" ? ("reports/demo/readiness2.csv", $0.1) : $0
        }
        #expect(!(try verify(try zip(renamed)).isValid))
    }

    @Test func theWrongKeyFailsVerification() throws {
        let other = try BundleKeys.privateKey(pem: BundleKeys.generate().privateKey)
        let report = try verify(try Self.make(), key: other.publicKey)
        #expect(report.problems.map(\.code) == [.badSignature])
        #expect(report.manifest == nil)
        // A bundle re-signed with another key fails against the trusted one too.
        #expect(!(try verify(try Self.make(key: other))).isValid)
    }

    @Test func withoutATrustedKeyTheEmbeddedKeyProvesIntegrityButNotTheSigner() throws {
        let report = try verify(try Self.make(), key: nil)
        #expect(report.isValid)
        #expect(!report.signerVerified)
        #expect(report.warnings.contains { $0.contains(BundleKeys.fingerprint(Self.publicKey)) })
    }

    @Test func thePublishedFingerprintVerifiesTheSignerAndAnotherIsRefused() throws {
        let published = BundleKeys.fingerprint(Self.publicKey)
        let good = try BundleVerifier(trust: .fingerprint(published))
            .verify(try Self.make(), now: Self.now)
        #expect(good.isValid, "\(good.problems)")
        #expect(good.signerVerified)
        let other = try BundleKeys.privateKey(pem: BundleKeys.generate().privateKey)
        let forged = try BundleVerifier(trust: .fingerprint(published))
            .verify(try Self.make(key: other), now: Self.now)
        #expect(forged.problems.map(\.code) == [.untrustedSigner])
        #expect(forged.manifest == nil)
    }

    @Test(arguments: [
        ("%@", true), ("ed25519 %@", true), ("SHA256:%@", true), ("  %@\n", true),
        ("%@0", false), ("ed25519", false), ("", false), ("xyz%@", false),
    ])
    func fingerprintsAreReadAsTheTrustCenterShowsThem(_ form: String, _ accepted: Bool) throws {
        let fingerprint = BundleKeys.fingerprint(Self.publicKey)
        let upper = form.contains("SHA256") ? fingerprint.uppercased() : fingerprint
        let text = form.replacingOccurrences(of: "%@", with: upper)
        if accepted {
            #expect(try BundleKeys.fingerprint(parsing: text) == fingerprint)
        } else {
            #expect(throws: BundleError.self) { try BundleKeys.fingerprint(parsing: text) }
        }
    }

    @Test(arguments: ["../escape.txt", "/etc/passwd", "reports/../../x", "a//b", "./a", "a\\b"])
    func unsafePathsAreRefusedWithoutWritingAnything(_ path: String) async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-verify-\(UUID().uuidString)/inner")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch.deletingLastPathComponent()) }
        let crafted = try entries(try Self.make()) + [(path, Data("payload".utf8))]
        let bundle = scratch.appendingPathComponent("bundle.zip")
        try zip(crafted).write(to: bundle)
        #expect(
            try verify(try zip(crafted)).problems.contains {
                $0.code == .unsafePath && $0.entry == path
            })
        // The real command, run inside the scratch folder: refused, and nothing written there
        // or next to it.
        let result = try await AttestBinary.run(["verify", bundle.path], in: scratch)
        #expect(result.status == 1)
        #expect(result.standardError.contains("[bundle.unsafe-path]"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["bundle.zip"])
        #expect(
            try FileManager.default.contentsOfDirectory(
                atPath: scratch.deletingLastPathComponent().path)
                == ["inner"])
    }

    @Test func anExpiredBundleIsInvalidUnlessExpiryIsAllowed() throws {
        let later = Self.now.addingTimeInterval(86_400 * 365)
        let refused = try BundleVerifier(trust: .publicKey(Self.publicKey))
            .verify(try Self.make(), now: later)
        #expect(refused.problems.map(\.code) == [.expired])
        let allowed = try BundleVerifier(trust: .publicKey(Self.publicKey), allowExpired: true)
            .verify(try Self.make(), now: later)
        #expect(allowed.isValid)
        #expect(allowed.warnings.contains { $0.contains("expired") })
    }

    @Test func somethingThatIsNotAZipIsUnreadable() {
        #expect(throws: BundleError.self) { try verify(Data("not a zip".utf8)) }
    }

    @Test func keysRoundTripThroughPEMAndMatchOpenSSLsDERLayout() throws {
        let pair = BundleKeys.generate()
        #expect(pair.privateKey.hasPrefix("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI"))
        #expect(pair.publicKey.hasPrefix("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA"))
        let key = try BundleKeys.privateKey(pem: pair.privateKey)
        #expect(
            try BundleKeys.publicKey(pem: pair.publicKey).rawRepresentation
                == key.publicKey.rawRepresentation)
        #expect(throws: BundleError.self) { try BundleKeys.publicKey(pem: pair.privateKey) }
        #expect(throws: BundleError.self) { try BundleKeys.privateKey(pem: "garbage") }
    }
}
