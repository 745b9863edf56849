import AttestCore
import AttestEvidence
import AttestTestSupport
import Foundation
import Testing

/// The GitHub, Google Workspace and Okta recipes through the http collector, against a local
/// server replaying API answers written for these tests (Tests/Fixtures/recipes/*.json, in the
/// shape the providers document). The server refuses a request without the expected
/// `Authorization` header, so each test also proves the token is sent from the variable the
/// recipe names.
@Suite struct APIRecipeTests {
    static let token = "ghp_replayedTokenForTests0123456789abcdef"

    static func github() async throws -> (LocalServer, RecipeHarness) {
        let server = try await LocalServer.replaying(
            "github.json", authorization: "Bearer \(token)")
        return (server, try RecipeHarness(environment: ["GITHUB_TOKEN": token]))
    }

    static func judge(
        _ harness: RecipeHarness, _ recipe: String, _ parameters: String
    ) async throws -> EvidenceResult {
        let result = try await harness.run(recipe, with: parameters)
        #expect(!result.message.contains(token))
        return result
    }

    @Test(.enabled(if: LocalService.available("python3")))
    func replayedGitHubBranchProtectionNeedsEnoughRequiredReviews() async throws {
        let (server, harness) = try await Self.github()
        defer { server.stop() }
        let api = "base_url: \"\(server.baseURL)\""
        let reviewed = try await Self.judge(
            harness, "github.branch-protection",
            "{ owner: acme, repo: web-app, min_reviews: 2, \(api) }")
        #expect(reviewed.status == .pass, "\(reviewed.message)")
        let noReviews = try await Self.judge(
            harness, "github.branch-protection", "{ owner: acme, repo: prototype, \(api) }")
        #expect(noReviews.status == .fail)
        #expect(
            noReviews.message.contains(
                "required_pull_request_reviews.required_approving_review_count: not found"))
        let unprotected = try await Self.judge(
            harness, "github.branch-protection", "{ owner: acme, repo: legacy, \(api) }")
        #expect(unprotected.status == .fail)
        #expect(unprotected.message.contains("status: expected 2xx, found 404"))
    }

    @Test(.enabled(if: LocalService.available("python3")))
    func replayedGitHubOrganisationMustRequireTwoFactor() async throws {
        let (server, harness) = try await Self.github()
        defer { server.stop() }
        let api = "base_url: \"\(server.baseURL)\""
        let acme = try await Self.judge(harness, "github.org-2fa", "{ org: acme, \(api) }")
        #expect(acme.status == .pass, "\(acme.message)")
        let hobby = try await Self.judge(harness, "github.org-2fa", "{ org: hobby, \(api) }")
        #expect(hobby.status == .fail)
        #expect(
            hobby.message.contains("two_factor_requirement_enabled: expected true, found false"))
    }

    @Test(.enabled(if: LocalService.available("python3")))
    func replayedGitHubSecretScanningMustBeEnabled() async throws {
        let (server, harness) = try await Self.github()
        defer { server.stop() }
        let api = "base_url: \"\(server.baseURL)\""
        let on = try await Self.judge(
            harness, "github.secret-scanning", "{ owner: acme, repo: web-app, \(api) }")
        #expect(on.status == .pass, "\(on.message)")
        let off = try await Self.judge(
            harness, "github.secret-scanning", "{ owner: acme, repo: legacy, \(api) }")
        #expect(off.status == .fail)
        #expect(off.message.contains(#"expected "enabled", found "disabled""#))
    }

    @Test(.enabled(if: LocalService.available("python3")))
    func replayedGitHubDependabotAlertsAreCountedAgainstTheMaximum() async throws {
        let (server, harness) = try await Self.github()
        defer { server.stop() }
        let api = "base_url: \"\(server.baseURL)\""
        let clean = try await Self.judge(
            harness, "github.dependabot-alerts", "{ owner: acme, repo: web-app, \(api) }")
        #expect(clean.status == .pass, "\(clean.message)")
        let open = try await Self.judge(
            harness, "github.dependabot-alerts", "{ owner: acme, repo: legacy, \(api) }")
        #expect(open.status == .fail)
        #expect(open.message.contains("(document): expected a count <= 0, found 2 items"))
        let tolerated = try await Self.judge(
            harness, "github.dependabot-alerts", "{ owner: acme, repo: legacy, max: 2, \(api) }")
        #expect(tolerated.status == .pass, "\(tolerated.message)")
    }

    @Test(.enabled(if: LocalService.available("python3")))
    func replayedGitHubRequestWithoutTheTokenIsRefusedAndTheMissingVariableIsAnError()
        async throws
    {
        let (server, _) = try await Self.github()
        defer { server.stop() }
        let api = "base_url: \"\(server.baseURL)\""
        let wrongToken = try RecipeHarness(environment: ["GITHUB_TOKEN": "ghp_not-the-right-one"])
        let refused = try await wrongToken.run("github.org-2fa", with: "{ org: acme, \(api) }")
        #expect(refused.status == .fail)
        #expect(refused.message.contains("status: expected 2xx, found 401"))
        let unset = try await RecipeHarness().run("github.org-2fa", with: "{ org: acme, \(api) }")
        #expect(unset.status == .error)
        #expect(
            unset.message == "the environment variable GITHUB_TOKEN (auth.token_env) is not set")
    }

    @Test(.enabled(if: LocalService.available("python3")))
    func replayedGoogleWorkspaceNeedsTwoStepVerificationForEveryActiveUser() async throws {
        let token = "ya29.replayed-access-token"
        let server = try await LocalServer.replaying(
            "google-workspace.json", authorization: "Bearer \(token)")
        defer { server.stop() }
        let harness = try RecipeHarness(environment: ["WORKSPACE_TOKEN": token])
        let common = "base_url: \"\(server.baseURL)\", token_env: WORKSPACE_TOKEN"
        for recipe in ["google-workspace.2sv-enforced", "google-workspace.2sv-enrolled"] {
            let everyone = try await harness.run(recipe, with: "{ \(common) }")
            #expect(everyone.status == .pass, "\(recipe): \(everyone.message)")
            let mixed = try await harness.run(recipe, with: "{ customer: C0mixed01, \(common) }")
            #expect(mixed.status == .fail, "\(recipe)")
            #expect(mixed.message.contains("users[1].isEn"), "\(mixed.message)")
            let paged = try await harness.run(recipe, with: "{ customer: C0paged001, \(common) }")
            #expect(paged.status == .fail, "\(recipe)")
            #expect(paged.message.contains(#"nextPageToken: expected to be absent"#))
            #expect(!mixed.message.contains(token) && !paged.message.contains(token))
        }
    }

    @Test(.enabled(if: LocalService.available("python3")))
    func replayedOktaNeedsAnActiveEnrollmentPolicyBeyondThePassword() async throws {
        let token = "00replayedOktaApiToken0123456789"
        let server = try await LocalServer.replaying("okta.json", authorization: "SSWS \(token)")
        defer { server.stop() }
        let harness = try RecipeHarness(environment: ["OKTA_API_TOKEN": token])
        let strict = try await harness.run(
            "okta.mfa-enrollment-policy", with: "{ org_url: \"\(server.baseURL)/strict\" }")
        #expect(strict.status == .pass, "\(strict.message)")
        let lax = try await harness.run(
            "okta.mfa-enrollment-policy", with: "{ org_url: \"\(server.baseURL)/lax\" }")
        #expect(lax.status == .fail)
        #expect(lax.message.contains("(document): no item matches"))
    }

    @Test(.enabled(if: LocalService.available("python3")))
    func replayedOktaUserNeedsAnActiveFactor() async throws {
        let token = "00replayedOktaApiToken0123456789"
        let server = try await LocalServer.replaying("okta.json", authorization: "SSWS \(token)")
        defer { server.stop() }
        let harness = try RecipeHarness(environment: ["OKTA_API_TOKEN": token])
        let org = "org_url: \"\(server.baseURL)/strict\""
        let ana = try await harness.run("okta.user-mfa-factors", with: "{ user: 00u1ana, \(org) }")
        #expect(ana.status == .pass, "\(ana.message)")
        let ben = try await harness.run("okta.user-mfa-factors", with: "{ user: 00u2ben, \(org) }")
        #expect(ben.status == .fail)
        #expect(ben.message.contains("no item matches {status: \"ACTIVE\"}"))
    }
}
