import AttestBundle
import AttestCLI
import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing
import ZIPFoundation

/// `attest audit-package` in process: a signed package `attest verify` accepts, whose packed
/// artifacts hash to what the evidence index says, identical when made twice from one run,
/// that packs internal content (its audience) but nothing from outside the workspace.
@Suite struct AuditPackageCommandTests: InProcessCommands {

    static let canary = "CANARY-OUTSIDE-7f2a90"
    /// `printf '# Policy\n' | sha256sum`.
    static let policySHA256 = "906634d4c84299d734a3b62d9a4ba6cf36931982688a06e654c705158ad62884"
    /// `printf '# Runbook\nInternal only.\n' | sha256sum`.
    static let runbookSHA256 = "8aa71ae577119e7742956d2dda91627c660251105d039999b9c81ec70a8021bc"

    static let leavers = "id,last_day\r\nE-1,2026-01-31\r\nE-2,2026-02-28\r\n"
    /// `printf 'id,last_day\r\nE-1,2026-01-31\r\nE-2,2026-02-28\r\n' | sha256sum`.
    static let leaversSHA256 = "c4fd40095ec9dda668087b91bb3c11b26c8de29b91911167cfeb5b1d5a1e90ab"
    static let changes = #"{"changes": [{"id": "CH-1"}, {"id": "CH-2"}, {"id": "CH-3"}]}"# + "\n"
    /// `sha256sum` of ``changes``.
    static let changesSHA256 = "3fda39d17bd45c7b6f4c3fd923b9a526a05eeb675cc1248a218c3a6023fe6f76"

    /// `printf 'CANARY-OUTSIDE-7f2a90\n' | sha256sum`.
    static let secretSHA256 = "571eded54b5d1fc8724ce0c58458a78d1b37edd4ed1da872f7c2680c4affd635"

    /// A workspace with a public control (a policy), an internal control (a runbook and an
    /// attestation with an attachment) and an internal exclusion, collected into a store
    /// outside it. After collection the attachment `evidence/secret.csv` is swapped for a link
    /// to a file outside the workspace with the very bytes collected, so only the confinement
    /// function can keep it out (`attest validate` refuses an evidence `path:` that is such a
    /// link, so the link is an attachment, where it cannot look).
    struct Fixture {
        let workspace: TemporaryWorkspace
        let outside: TemporaryWorkspace
        var store: URL { outside.root.appendingPathComponent("store.sqlite") }
        var key: URL { outside.root.appendingPathComponent("keys/attest-bundle.key") }
        var publicKey: URL { outside.root.appendingPathComponent("keys/attest-bundle.pub") }
        var package: URL { outside.root.appendingPathComponent("out/package.zip") }
    }

    func workspace() throws -> Fixture {
        let fixture = Fixture(
            workspace: try TemporaryWorkspace(), outside: try TemporaryWorkspace())
        let workspace = fixture.workspace
        try workspace.write(
            "attest.yaml",
            """
            schema: 1
            organisation: { name: Fixture Org }
            frameworks: [demo]
            include: [controls/library/*.yaml]
            exclusions:
              - requirement: demo/D1.2
                justification: Not offered; an internal reason.
                visibility: internal
            """)
        try workspace.write(
            "controls/frameworks/demo.yaml",
            try String(
                contentsOf: Fixtures.workspace("valid/minimal")
                    .appendingPathComponent("controls/frameworks/demo.yaml"), encoding: .utf8))
        try workspace.write(
            "controls/library/controls.yaml",
            """
            schema: 1
            controls:
              - id: C-PUBLIC
                title: Public control
                visibility: public
                satisfies: { demo: [D1.1] }
                evidence:
                  - { id: policy, collector: file, path: evidence/policy.md }
                  - { id: leavers, collector: file, path: evidence/leavers.csv }
                  - { id: changes, collector: file, path: evidence/changes.json }
              - id: C-INTERNAL
                title: Internal control
                visibility: internal
                satisfies: { demo: [D1.1] }
                evidence:
                  - { id: runbook, collector: file, path: evidence/runbook.md }
                  - { id: review, collector: attestation, path: evidence/review.yaml }
            """)
        try workspace.write("evidence/policy.md", "# Policy\n")
        try workspace.write("evidence/runbook.md", "# Runbook\nInternal only.\n")
        try workspace.write("evidence/leavers.csv", Self.leavers)
        try workspace.write("evidence/changes.json", Self.changes)
        try workspace.write("evidence/secret.csv", "\(Self.canary)\n")
        try workspace.write(
            "evidence/review.yaml",
            """
            who: Jane Doe
            role: CISO
            date: 2026-01-02
            statement: Access review completed.
            attachment:
              path: evidence/secret.csv
              sha256: \(Self.secretSHA256)
            """)
        return fixture
    }

    func collected() async throws -> Fixture {
        let fixture = try workspace()
        let collect = await run([
            "collect", "--workspace", fixture.workspace.root.path, "--store", fixture.store.path,
            "--quiet",
        ])
        #expect(collect.status == 0, "\(collect.err)")
        let keygen = await run([
            "keygen", "--out", fixture.outside.root.appendingPathComponent("keys").path,
        ])
        #expect(keygen.status == 0, "\(keygen.err)")
        // The same bytes, now outside the workspace, behind a link.
        let outsideCopy = try fixture.outside.write("canary.txt", "\(Self.canary)\n")
        try FileManager.default.removeItem(
            at: fixture.workspace.root.appendingPathComponent("evidence/secret.csv"))
        try fixture.workspace.link("evidence/secret.csv", to: outsideCopy.path)
        return fixture
    }

    func package(
        _ fixture: Fixture, framework: String = "demo", out: URL? = nil, key: URL? = nil,
        extra: [String] = []
    ) async -> (status: Int32, out: String, err: String) {
        await run(
            [
                "audit-package", "--workspace", fixture.workspace.root.path, "--store",
                fixture.store.path, "--framework", framework, "--key", (key ?? fixture.key).path,
                "--out", (out ?? fixture.package).path,
            ] + extra)
    }

    func verify(
        _ fixture: Fixture, _ zip: URL
    ) async throws -> (
        status: Int32, out: String, err: String
    ) {
        let fingerprint = try BundleKeys.fingerprint(
            ofPublicKeyFile: try Data(contentsOf: fixture.publicKey))
        return await run(["verify", zip.path, "--fingerprint", fingerprint])
    }

    /// Every entry of the zip at `url`, in order.
    func entries(_ url: URL) throws -> [(path: String, data: Data)] {
        let archive = try Archive(url: url, accessMode: .read)
        return try archive.map { entry in
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return (entry.path, data)
        }
    }

    func files(_ url: URL) throws -> [String: Data] {
        Dictionary(try entries(url).map { ($0.path, $0.data) }, uniquingKeysWith: { $1 })
    }

    /// `/usr/bin/sha256sum` of `data`: a hash not computed by the code under test.
    func sha256sum(_ data: Data, in folder: TemporaryWorkspace) throws -> String {
        let file = try folder.write("hash-input-\(UUID().uuidString)", data)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: output, as: UTF8.self).prefix(64))
    }

    struct Manifest: Decodable {
        struct Withheld: Decodable { var path: String; var reason: String }
        var kind: String?
        var audience: String?
        var frameworks: [String]
        var withheld: [Withheld]?
    }

    // MARK: - Verification and hashes

    @Test func verifySucceedsOnAnAuditorPackage() async throws {
        let fixture = try await collected()
        let made = await package(fixture)
        #expect(made.status == 0, "\(made.err)")
        let verified = try await verify(fixture, fixture.package)
        #expect(verified.status == 0, "\(verified.err)")
        #expect(verified.out.split(separator: "\n").last == "valid")
        #expect(verified.out.contains("kind:        auditor package"))
        #expect(verified.out.contains("audience:    internal"))
    }

    @Test func tamperingOneByteOfAnArtifactMakesVerifyFailNamingIt() async throws {
        let fixture = try await collected()
        #expect(await package(fixture).status == 0)
        let tampered = fixture.outside.root.appendingPathComponent("tampered.zip")
        let archive = try Archive(url: tampered, accessMode: .create)
        for (path, original) in try entries(fixture.package) {
            var data = original
            if path == "evidence/evidence/policy.md" { data[0] ^= 0x01 }
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count),
                modificationDate: Date(timeIntervalSince1970: 1_577_836_800),
                compressionMethod: .deflate
            ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
        }
        let verified = try await verify(fixture, tampered)
        #expect(verified.status == 1)
        let problems = verified.err.split(separator: "\n").filter { $0.hasPrefix("invalid: ") }
        #expect(problems.count == 1, "\(verified.err)")
        #expect(problems.first?.contains("evidence/evidence/policy.md") == true)
        #expect(problems.first?.hasSuffix("[bundle.hash-mismatch]") == true)
    }

    @Test func eachPackedArtifactHashesToTheSHA256TheEvidenceIndexRecords() async throws {
        let fixture = try await collected()
        #expect(await package(fixture).status == 0)
        let files = try files(fixture.package)
        #expect(files["evidence/evidence/policy.md"] == Data("# Policy\n".utf8))
        let index = String(decoding: try #require(files["evidence-index.csv"]), as: UTF8.self)
        let packed = files.filter { $0.key.hasPrefix("evidence/") }
        #expect(packed.count == 5, "\(packed.keys.sorted())")
        for (path, data) in packed {
            let workspacePath = String(path.dropFirst("evidence/".count))
            let hash = try sha256sum(data, in: fixture.outside)
            #expect(index.contains("\(workspacePath)@\(hash)"), "\(path) hashes to \(hash)")
        }
        #expect(index.contains("evidence/policy.md@\(Self.policySHA256)"))
        #expect(index.contains("evidence/runbook.md@\(Self.runbookSHA256)"))
        let artifacts = String(decoding: try #require(files["artifacts.csv"]), as: UTF8.self)
        #expect(
            artifacts.contains(
                "evidence/policy.md,evidence/evidence/policy.md,\(Self.policySHA256),9,policy,"
                    + "packed"))
    }

    @Test func twoPackagesOfTheSameRunAreByteIdentical() async throws {
        let fixture = try await collected()
        let second = fixture.outside.root.appendingPathComponent("again/package.zip")
        #expect(await package(fixture).status == 0)
        #expect(await package(fixture, out: second).status == 0)
        #expect(try Data(contentsOf: fixture.package) == Data(contentsOf: second))
    }

    @Test func theReadmeNamesEveryFileOfThePackage() async throws {
        let fixture = try await collected()
        #expect(await package(fixture).status == 0)
        let files = try files(fixture.package)
        let readme = String(decoding: try #require(files["README.md"]), as: UTF8.self)
        for path in files.keys where !path.hasPrefix("evidence/") {
            #expect(readme.contains("- `\(path)`: "), "README.md does not describe \(path)")
        }
        #expect(readme.contains("- `evidence/<workspace path>`: "))
        #expect(files["README.txt"] == nil)
    }

    /// A workspace whose D1.1 has a failing key control (C-KEY), a passing one (C-OK) and a
    /// failing stricter target (C-STRICT), with an open exception EX-1 on C-KEY approved by a
    /// signer, collected; `frameworks` and `extra` (YAML) change its scope.
    func scoredWorkspace(
        frameworks: String = "[demo]", satisfies: String = "demo: [D1.1]", extra: String = ""
    ) async throws -> Fixture {
        let fixture = Fixture(
            workspace: try TemporaryWorkspace(), outside: try TemporaryWorkspace())
        try fixture.workspace.write(
            "attest.yaml",
            """
            schema: 1
            organisation: { name: Fixture Org }
            frameworks: \(frameworks)
            include: [controls/library/*.yaml]
            signers:
              - id: jdoe
                name: Jane Doe
                role: CISO
                public_key: keys/jdoe.pub
                valid_from: 2026-01-01
            exceptions:
              - id: EX-1
                control: C-KEY
                period: { from: 2026-01-01, to: 2099-12-31 }
                description: The key check fails until the migration ends
                owner: security
                management_response: Migration booked for Q1
                remediation_date: 2099-03-31
                approved_by: jdoe
                expires: 2099-12-31
            \(extra)
            """)
        try fixture.workspace.write(
            "keys/jdoe.pub",
            try Data(
                contentsOf: Fixtures.workspace("invalid/exception-expired")
                    .appendingPathComponent("keys/jdoe.pub")))
        try fixture.workspace.write(
            "controls/frameworks/demo.yaml",
            try String(
                contentsOf: Fixtures.workspace("valid/minimal")
                    .appendingPathComponent("controls/frameworks/demo.yaml"), encoding: .utf8))
        try fixture.workspace.write(
            "controls/library/controls.yaml",
            """
            schema: 1
            controls:
              - id: C-KEY
                title: Key control, failing
                key: true
                satisfies: { \(satisfies) }
                evidence:
                  - { id: key-check, collector: command, command: 'false' }
              - id: C-OK
                title: Passing control
                satisfies: { \(satisfies) }
                evidence:
                  - { id: policy, collector: file, path: evidence/policy.md }
              - id: C-STRICT
                title: Stricter internal target, failing
                satisfies: { demo: [{ id: D1.1, level: exceeds }] }
                evidence:
                  - { id: strict-check, collector: command, command: 'false' }
            """)
        try fixture.workspace.write("evidence/policy.md", "# Policy\n")
        let collect = await run([
            "collect", "--workspace", fixture.workspace.root.path, "--store", fixture.store.path,
            "--quiet",
        ])
        #expect(collect.status <= 1, "\(collect.err)")
        #expect(
            await run([
                "keygen", "--out", fixture.outside.root.appendingPathComponent("keys").path,
            ]).status == 0)
        return fixture
    }

    @Test func theScoringRulesShowTheAggregateTheKeyCapAndTheMissedTargets() async throws {
        let fixture = try await scoredWorkspace()
        let made = await package(fixture)
        #expect(made.status == 0, "\(made.err)")
        let rules = String(
            decoding: try #require(try files(fixture.package)["scoring-rules.csv"]), as: UTF8.self)
        let lines = rules.components(separatedBy: "\r\n")
        // D1.1: the mean of C-KEY (0) and C-OK (1) is 0.5, capped at 0 by the key control;
        // C-STRICT exceeds it, so it is left out, a missed target. D1.2 has no control.
        #expect(
            lines.contains {
                $0.hasPrefix(
                    "demo,D1.1,1,0,direct,demo/D1.1,mean,C-KEY@0 C-OK@1,C-KEY@0,C-KEY@0,"
                        + "C-STRICT@0,C-STRICT@0,0.5,0,")
            }, "\(rules)")
        #expect(lines.contains { $0.hasPrefix("demo,D1.2,1,0,gap,,,,,,,,,,") }, "\(rules)")
    }

    @Test func theFrameworksExceptionsAreInThePackageWithWhatTheyCover() async throws {
        let fixture = try await scoredWorkspace()
        let made = await package(fixture)
        #expect(made.status == 0, "\(made.err)")
        let files = try files(fixture.package)
        let register = String(
            decoding: try #require(files["exceptions.csv"]), as: UTF8.self)
        let lines = register.components(separatedBy: "\r\n")
        #expect(
            lines.first?.hasPrefix(
                "id,control,evidence,state,from,to,description,owner,managementResponse,"
                    + "remediationDate,approvedBy,expires,visibility,covers") == true)
        let row = try #require(lines.first { $0.hasPrefix("EX-1,") }, "\(register)")
        #expect(row.hasPrefix("EX-1,C-KEY,,open,2026-01-01,2099-12-31,"), "\(row)")
        #expect(row.contains(",jdoe,2099-12-31,internal,key-check (fail),"), "\(row)")
        #expect(files.keys.filter { $0.hasPrefix("soa/") }.isEmpty)
    }

    @Test func anISO27001PackageHoldsTheStatementOfApplicabilityWithItsExclusions()
        async throws
    {
        let fixture = try await scoredWorkspace(
            frameworks: "[demo, iso27001]", satisfies: "demo: [D1.1], iso27001: [A.5.1]",
            extra: """
                exclusions:
                  - requirement: iso27001/A.7.1
                    justification: No office; physical perimeters are the providers'.
                """)
        let made = await package(fixture, framework: "iso27001")
        #expect(made.status == 0, "\(made.err)")
        let files = try files(fixture.package)
        let csv = String(
            decoding: try #require(files["soa/statement-of-applicability.en.csv"]),
            as: UTF8.self)
        let rows = csv.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        #expect(rows.count == 93)
        let excluded = try #require(rows.first { $0.hasPrefix("A.7.1,") })
        #expect(excluded.contains("No office; physical perimeters are the providers'."))
        #expect(files["soa/statement-of-applicability.en.html"] != nil)
        let readme = String(decoding: try #require(files["README.md"]), as: UTF8.self)
        #expect(readme.contains("- `soa/statement-of-applicability.en.csv`: "))
    }

    @Test func eachPackedPopulationIsListedWithItsRowsHashAndSampleCommand() async throws {
        let fixture = try await collected()
        #expect(await package(fixture).status == 0)
        let files = try files(fixture.package)
        let populations = String(
            decoding: try #require(files["populations.csv"]), as: UTF8.self)
        let lines = populations.components(separatedBy: "\r\n")
        #expect(
            lines.contains {
                $0.hasPrefix(
                    "leavers,C-PUBLIC,evidence/leavers.csv,evidence/evidence/leavers.csv,,2,"
                        + "id; last_day,\(Self.leaversSHA256),"
                        + "attest sample --evidence leavers --size N --seed S,")
            }, "\(populations)")
        #expect(
            lines.contains {
                $0.hasPrefix(
                    "changes,C-PUBLIC,evidence/changes.json,evidence/evidence/changes.json,"
                        + "changes,3,id,\(Self.changesSHA256),"
                        + "attest sample --evidence changes --rows changes --size N --seed S,")
            }, "\(populations)")
        // A Markdown file and an attestation hold no list: not populations.
        #expect(lines.count == 4, "\(populations)")
    }

    /// With `--period`, operating effectiveness over it, from three hand-made runs of the
    /// canary workspace, counted by hand (as in `PeriodCommandTests`):
    ///
    /// | run | PUB-1 | NDA-1 | INT-1 |
    /// | --- | --- | --- | --- |
    /// | 2026-03-01 06:00 | 1 | 1 | 0 |
    /// | 2026-03-04 06:00 | 0 | 1 | 0 |
    /// | 2026-03-08 06:00 | 1 | 1 | 1 |
    ///
    /// Over 2026-03-01..2026-03-08 (8 days): PUB-1 operated on 4 (failing 03-04 to 03-07),
    /// INT-1 on 1 (failing 03-01 to 03-07), NDA-1 on all 8.
    @Test func aPeriodAddsOperatingEffectivenessCountedByDay() async throws {
        let scratch = try TemporaryWorkspace()
        let store = scratch.root.appendingPathComponent("store.sqlite").path
        let writer = try SQLiteStore(path: store)
        for (day, scores) in [
            ("2026-03-01", [1.0, 1, 0]), ("2026-03-04", [0, 1, 0]), ("2026-03-08", [1, 1, 1]),
        ] {
            let time = try #require(Timestamp.instant("\(day)T06:00:00Z", zoneRequired: true))
            _ = try writer.record(
                RunRecord(
                    kind: "collect", state: .collected, startedAt: time, finishedAt: time,
                    toolVersion: "test", workspaceFingerprint: "fp", results: [], scores: [],
                    controls: zip(["PUB-1", "NDA-1", "INT-1"], scores).map {
                        ControlSnapshot(
                            id: ControlID($0), title: "Stored \($0)", visibility: .internal,
                            score: $1)
                    }))
        }
        let keys = scratch.root.appendingPathComponent("keys")
        #expect(await run(["keygen", "--out", keys.path]).status == 0)
        func package(
            _ out: URL, _ extra: [String]
        ) async -> (
            status: Int32, out: String, err: String
        ) {
            await run(
                [
                    "audit-package", "--workspace", Fixtures.workspace("canary").path,
                    "--store", store, "--framework", "demo", "--key",
                    keys.appendingPathComponent("attest-bundle.key").path, "--out", out.path,
                ] + extra)
        }
        let withPeriod = scratch.root.appendingPathComponent("period.zip")
        let made = await package(withPeriod, ["--period", "2026-03-01..2026-03-08"])
        #expect(made.status == 0, "\(made.err)")
        let files = try files(withPeriod)
        let controls = String(
            decoding: try #require(files["period/controls.csv"]), as: UTF8.self
        ).components(separatedBy: "\r\n")
        for (control, figures) in [
            ("PUB-1", ",4,8,50.0,4,0,1,"), ("NDA-1", ",8,8,100.0,0,0,0,"),
            ("INT-1", ",1,8,12.5,7,0,1,"),
        ] {
            let row = try #require(controls.first { $0.hasPrefix(control + ",") }, "\(controls)")
            #expect(row.contains(figures), "\(row)")
        }
        let failures = String(
            decoding: try #require(files["period/failures.csv"]), as: UTF8.self)
        #expect(failures.contains("PUB-1,2026-03-04,2026-03-07,4,false,false,0,"), "\(failures)")
        #expect(failures.contains("INT-1,2026-03-01,2026-03-07,7,false,false,0,"), "\(failures)")
        #expect(files["period/readiness.html"] != nil)
        let readme = String(decoding: try #require(files["README.md"]), as: UTF8.self)
        #expect(readme.contains("### Operating effectiveness over 2026-03-01..2026-03-08"))

        let without = scratch.root.appendingPathComponent("without.zip")
        #expect(await package(without, []).status == 0)
        #expect(try self.files(without).keys.filter { $0.hasPrefix("period/") }.isEmpty)
    }

    // MARK: - What goes in

    @Test func anArtifactLinkedOutsideTheWorkspaceIsRefusedAndNamed() async throws {
        let fixture = try await collected()
        let made = await package(fixture)
        #expect(made.status == 0, "\(made.err)")
        #expect(
            made.err.split(separator: "\n").contains {
                $0.hasPrefix("warning: evidence/secret.csv withheld")
                    && $0.hasSuffix("[bundle.evidence-refused]")
            }, "\(made.err)")
        let files = try files(fixture.package)
        #expect(files["evidence/evidence/secret.csv"] == nil)
        #expect(files["evidence/evidence/review.yaml"] != nil)
        for (path, data) in files {
            #expect(
                !String(decoding: data, as: UTF8.self).contains(Self.canary),
                "\(path) holds the canary")
        }
        let manifest = try JSONDecoder().decode(
            Manifest.self, from: try #require(files["manifest.json"]))
        #expect(
            manifest.withheld?.map { "\($0.path) \($0.reason)" } == [
                "evidence/secret.csv bundle.evidence-refused"
            ])
    }

    @Test func internalContentIsInTheAuditorPackageAndNeverInAnNDABundle() async throws {
        let fixture = try await collected()
        #expect(await package(fixture).status == 0)
        let files = try files(fixture.package)
        let manifest = try JSONDecoder().decode(
            Manifest.self, from: try #require(files["manifest.json"]))
        #expect(manifest.kind == "auditor-package")
        #expect(manifest.audience == "internal")
        #expect(manifest.frameworks == ["demo"])
        #expect(files["evidence/evidence/runbook.md"] != nil)
        let matrix = String(decoding: try #require(files["traceability.csv"]), as: UTF8.self)
        #expect(matrix.contains("C-INTERNAL"))
        let exclusions = String(decoding: try #require(files["exclusions.csv"]), as: UTF8.self)
        #expect(exclusions.contains("D1.2"))
        #expect(exclusions.contains("Not offered; an internal reason."))
        let readme = String(decoding: try #require(files["README.md"]), as: UTF8.self)
        #expect(readme.contains("**Audience: internal.**"))

        // The same workspace in an NDA bundle: no internal control, evidence or exclusion.
        let bundle = fixture.outside.root.appendingPathComponent("nda.zip")
        let made = await run([
            "bundle", "--workspace", fixture.workspace.root.path, "--store", fixture.store.path,
            "--recipient", "Acme", "--nda-ref", "NDA-1", "--framework", "demo",
            "--include-evidence", "--key", fixture.key.path, "--out", bundle.path,
        ])
        #expect(made.status == 0, "\(made.err)")
        for (path, data) in try entries(bundle) {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("C-INTERNAL"), "\(path) names the internal control")
            #expect(!text.contains("an internal reason"), "\(path) holds the internal exclusion")
            #expect(!path.contains("runbook"), "\(path) was packed")
        }
    }

    @Test func anArtifactOverTheSizeLimitStopsThePackageNamingIt() async throws {
        let fixture = try workspace()
        try fixture.workspace.write(
            "evidence/runbook.md", Data(repeating: UInt8(ascii: "a"), count: (1 << 20) + 1))
        #expect(
            await run([
                "collect", "--workspace", fixture.workspace.root.path, "--store",
                fixture.store.path, "--quiet",
            ]).status == 0)
        #expect(
            await run([
                "keygen", "--out", fixture.outside.root.appendingPathComponent("keys").path,
            ]).status == 0)
        let refused = await package(fixture, extra: ["--max-artifact-mib", "1"])
        #expect(refused.status == 2)
        #expect(refused.err.contains("evidence/runbook.md"), "\(refused.err)")
        #expect(refused.err.contains("[audit-package.evidence-too-large]"), "\(refused.err)")
        #expect(!FileManager.default.fileExists(atPath: fixture.package.path))
        #expect(await package(fixture, extra: ["--max-artifact-mib", "2"]).status == 0)
    }

    // MARK: - Errors

    @Test func anUnknownFrameworkIsRefusedWithTheNameItMostLikelyMeant() async throws {
        let fixture = try await collected()
        let refused = await package(fixture, framework: "dmeo")
        #expect(refused.status == 2)
        #expect(refused.err.contains("did you mean 'demo'?"), "\(refused.err)")
        #expect(!FileManager.default.fileExists(atPath: fixture.package.path))
    }

    @Test func aFrameworkOutOfScopeIsRefused() async throws {
        let fixture = try await collected()
        // soc2 is a bundled catalog, loaded but not selected by attest.yaml.
        let refused = await package(fixture, framework: "soc2")
        #expect(refused.status == 2)
        #expect(refused.err.contains("'soc2' is not in scope"), "\(refused.err)")
        #expect(!FileManager.default.fileExists(atPath: fixture.package.path))
    }

    @Test func aMissingOrInvalidKeyIsRefused() async throws {
        let fixture = try await collected()
        let missing = fixture.outside.root.appendingPathComponent("keys/none.key")
        let absent = await package(fixture, key: missing)
        #expect(absent.status == 2)
        #expect(absent.err.contains(missing.path))
        let invalid = try fixture.outside.write("keys/invalid.key", "not a key\n")
        let refused = await package(fixture, key: invalid)
        #expect(refused.status == 2)
        #expect(refused.err.contains(invalid.path))
        #expect(!FileManager.default.fileExists(atPath: fixture.package.path))
        #expect(
            await run([
                "audit-package", "--workspace", fixture.workspace.root.path, "--framework",
                "demo", "--out", fixture.package.path,
            ]).status == 2)
    }

    @Test func aStoreWithoutARunIsRefusedNamingTheCommandToRunFirst() async throws {
        let fixture = try workspace()
        #expect(
            await run([
                "keygen", "--out", fixture.outside.root.appendingPathComponent("keys").path,
            ]).status == 0)
        let refused = await package(fixture)
        #expect(refused.status == 2)
        #expect(refused.err.contains("attest collect"), "\(refused.err)")
        #expect(!FileManager.default.fileExists(atPath: fixture.package.path))
    }

    @Test func outNeverReplacesAFileAttestDidNotCreate() async throws {
        let fixture = try await collected()
        let manifest = fixture.workspace.root.appendingPathComponent("attest.yaml")
        let before = try Data(contentsOf: manifest)
        let refused = await package(fixture, out: manifest)
        #expect(refused.status == 2)
        #expect(try Data(contentsOf: manifest) == before)
        // A package (an Attest bundle) is replaced.
        #expect(await package(fixture).status == 0)
        #expect(await package(fixture).status == 0)
        let folder = fixture.outside.root.appendingPathComponent("a-folder")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        #expect(await package(fixture, out: folder).status == 2)
    }

    @Test func outNeverReplacesAFileTheWorkspaceReadsEvenWhenItIsAPackage() async throws {
        let fixture = try await collected()
        #expect(await package(fixture).status == 0)
        // Last year's package, kept as evidence.
        let evidence = fixture.workspace.root.appendingPathComponent("evidence/leavers.csv")
        try FileManager.default.removeItem(at: evidence)
        try FileManager.default.copyItem(at: fixture.package, to: evidence)
        let before = try Data(contentsOf: evidence)
        let refused = await package(fixture, out: evidence)
        #expect(refused.status == 2, "\(refused.err)")
        #expect(refused.err.contains("evidence/leavers.csv"), "\(refused.err)")
        #expect(try Data(contentsOf: evidence) == before)
    }
}
