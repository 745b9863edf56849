import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// The evidence cache in the CI workflows `attest init` writes (docs/publishing.md): on only
/// with its key from a secret, kept outside the checkout, and carried from one job to the next.
/// The shell parts run here for real, with the built `attest`; GitHub's and GitLab's own steps
/// (restoring and saving a cache) are checked by what they name.
@Suite struct CIWorkflowEvidenceCacheTests {
    static let folder = "/var/cache/attest-evidence"
    static let key = String(repeating: "ci-k3y-", count: 6)

    static func workflow(_ name: String) throws -> ConfigValue {
        let url = Fixtures.packageRoot.appendingPathComponent("templates/init/" + name)
        return try YAMLDocument.evidence(try Data(contentsOf: url), display: name)
    }

    /// Runs `script` with bash in `directory`, as a CI job's shell would.
    static func bash(
        _ script: String, in directory: URL, environment: [String: String]
    ) async throws -> AttestBinary.Output {
        try await AttestBinary.run(
            program: URL(fileURLWithPath: "/bin/bash"), ["-c", "set -euo pipefail\n" + script],
            in: directory, environment: environment)
    }

    static func mode(_ path: String) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    }

    @Test func gitHubTurnsTheCacheOnOnlyWithTheSecretAndKeepsItOutsideTheCheckout() throws {
        let job = try #require(
            try Self.workflow("github-trust-center.yml")["jobs"]?["trust-center"])
        let env = try #require(job["env"])
        #expect(
            env["ATTEST_EVIDENCE_CACHE_KEY"]?.scalar == "${{ secrets.ATTEST_EVIDENCE_CACHE_KEY }}")
        #expect(
            env["ATTEST_EVIDENCE_CACHE"]?.scalar
                == "${{ secrets.ATTEST_EVIDENCE_CACHE_KEY != '' && '\(Self.folder)' || '' }}")
        let steps = try #require(job["steps"]?.sequence)
        func index(_ name: String) throws -> Int {
            try #require(
                steps.firstIndex { $0["name"]?.scalar?.hasPrefix(name) == true }, "\(name)")
        }
        let restore = try index("Restore the evidence cache")
        let save = try index("Save the evidence cache")
        let digest = try index("Name the evidence cache")
        let validate = try index("Validate")
        let build = try index("Build the trust center")
        #expect(restore < validate && restore < build)
        #expect(build < digest && digest < save)
        #expect(steps[restore]["with"]?["path"]?.scalar == Self.folder)
        #expect(steps[save]["with"]?["path"]?.scalar == Self.folder)
        // Saved even when the gate fails, as the store is; never without the secret.
        #expect(steps[save]["if"]?.scalar == "always() && env.ATTEST_EVIDENCE_CACHE != ''")
        #expect(steps[restore]["if"]?.scalar == "env.ATTEST_EVIDENCE_CACHE != ''")
        #expect(
            steps[save]["with"]?["key"]?.scalar
                == "attest-evidence-${{ vars.ATTEST_REF }}-${{ steps.evidence-cache.outputs.digest }}"
        )
    }

    @Test func gitHubNamesAnUnchangedPackAlikeSoItIsNotUploadedAgain() async throws {
        let steps = try #require(
            try Self.workflow("github-trust-center.yml")["jobs"]?["trust-center"]?["steps"]?
                .sequence)
        let run = try #require(
            steps.first { $0["id"]?.scalar == "evidence-cache" }?["run"]?.scalar)
        let scratch = try TemporaryWorkspace()
        let cache = scratch.root.appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        let script = run.replacingOccurrences(of: Self.folder, with: cache.path)
        func digest() async throws -> String {
            let output = scratch.root.appendingPathComponent("github-output")
            try Data().write(to: output)
            let result = try await Self.bash(
                script, in: scratch.root, environment: ["GITHUB_OUTPUT": output.path])
            #expect(result.status == 0, "\(result.standardError)")
            let line = try String(contentsOf: output, encoding: .utf8)
            #expect(line.hasPrefix("digest=") && line.count == "digest=".count + 16 + 1, "\(line)")
            return line
        }
        try Data("pack one".utf8).write(to: cache.appendingPathComponent("evidence-a.pack"))
        let first = try await digest()
        #expect(try await digest() == first)
        try Data("pack two".utf8).write(to: cache.appendingPathComponent("evidence-a.pack"))
        #expect(try await digest() != first)
    }

    /// GitLab caches only folders in the project, and Attest refuses a cache folder inside the
    /// workspace: the job moves the cached copy out before Attest runs and back in after.
    @Test func gitLabCarriesTheCacheFromOneJobToTheNext() async throws {
        let workflow = try Self.workflow("gitlab-ci.yml")
        let definition = try #require(workflow["trust-center"])
        let before = try #require(
            definition["before_script"]?.sequence?.compactMap(\.scalar).first {
                $0.contains("ATTEST_EVIDENCE_CACHE=")
            })
        let after = try #require(definition["after_script"]?.sequence?.first?.scalar)
        let caches = try #require(definition["cache"]?.sequence)
        let entry = try #require(
            caches.first { $0["key"]?.scalar == "attest-evidence-$ATTEST_REF" })
        #expect(entry["paths"]?.sequence?.first?.scalar == ".attest-evidence/")
        #expect(entry["when"]?.scalar == "always")

        let scratch = try TemporaryWorkspace()
        let project = scratch.root.appendingPathComponent("project")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        // The job's /var/cache, here in the scratch folder.
        let varCache = scratch.root.appendingPathComponent("var-cache").path
        func relocated(_ text: String) -> String {
            text.replacingOccurrences(of: "/var/cache", with: varCache)
        }
        let attest = try AttestBinary.url().path
        let workspace = Fixtures.packageRoot.path
        var run = 0
        func job(_ environment: [String: String]) async throws -> String {
            run += 1
            let build = """
                "\(attest)" build --workspace "\(workspace)" --out "\(scratch.root.path)/out-\(run)" \
                --store "\(scratch.root.path)/store-\(run).sqlite" --build-time 2026-06-01T00:00:00Z
                """
            let environment = ["CI": "true", "ATTEST_EVIDENCE_CACHE": ""].merging(environment) {
                $1
            }
            let main = try await Self.bash(
                relocated(before) + "\n" + build, in: project, environment: environment)
            #expect(main.status == 0, "\(main.standardError)")
            // after_script runs in a shell of its own.
            let end = try await Self.bash(relocated(after), in: project, environment: environment)
            #expect(end.status == 0, "\(end.standardError)")
            return main.standardError
        }
        func counts(_ errors: String) -> [Int]? {
            errors.split(separator: "\n").first { $0.hasPrefix("evidence cache: ") }.map {
                $0.split(separator: " ").compactMap { Int($0) }
            }
        }
        let kept = project.appendingPathComponent(".attest-evidence").path

        let first = try await job(["ATTEST_EVIDENCE_CACHE_KEY": Self.key])
        let made = try #require(counts(first)?.last)
        #expect(made > 50, "\(first)")
        let packs = try FileManager.default.contentsOfDirectory(atPath: kept).filter {
            $0.hasSuffix(".pack")
        }
        #expect(packs.count == 1, "\(packs)")
        #expect(!FileManager.default.fileExists(atPath: varCache + "/attest-evidence"))

        // GitLab's cache may restore wider modes than the private folder allows.
        for pack in packs { chmod(kept + "/" + pack, 0o644) }
        chmod(kept, 0o755)
        let second = try await job(["ATTEST_EVIDENCE_CACHE_KEY": Self.key])
        #expect(counts(second) == [made, 0], "\(second)")
        #expect(try Self.mode(kept) == 0o700)

        // Without the key the job neither moves nor uses the cache.
        let third = try await job(["ATTEST_EVIDENCE_CACHE_KEY": ""])
        #expect(counts(third) == nil, "\(third)")
        #expect(!third.contains("warning: evidence cache"), "\(third)")
        #expect(FileManager.default.fileExists(atPath: kept))
    }
}
