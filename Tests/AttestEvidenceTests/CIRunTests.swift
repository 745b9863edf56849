import Foundation
import Testing

@testable import AttestEvidence

@Suite struct CIRunTests {
    @Test func gitHubActionsGivesTheRunURL() {
        let url = CIRun.url(environment: [
            "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "acme/trust-center",
            "GITHUB_RUN_ID": "1234567890",
        ])
        #expect(url == "https://github.com/acme/trust-center/actions/runs/1234567890")
    }

    @Test func gitLabGivesTheJobURL() {
        let url = CIRun.url(environment: ["CI_JOB_URL": "https://gitlab.example/acme/x/-/jobs/77"])
        #expect(url == "https://gitlab.example/acme/x/-/jobs/77")
    }

    @Test(arguments: [
        "javascript:alert(1)", "https://gitlab.example/a b", "ftp://gitlab.example/x",
        "https://user:secret@gitlab.example/x", "https://gitlab.example/\"><script>",
        "https://gitlab.example/" + String(repeating: "a", count: 600), "/relative/job",
    ])
    func anUnacceptableURLIsIgnored(_ text: String) {
        #expect(CIRun.url(environment: ["CI_JOB_URL": text]) == nil)
    }

    @Test func aMalformedRunIDOrRepositoryIsIgnored() {
        let base = ["GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "acme/x"]
        #expect(CIRun.url(environment: base.merging(["GITHUB_RUN_ID": "12x"]) { $1 }) == nil)
        #expect(
            CIRun.url(
                environment: base.merging([
                    "GITHUB_RUN_ID": "12", "GITHUB_REPOSITORY": "acme/x/../../evil",
                ]) { $1 }) == nil)
        #expect(CIRun.url(environment: [:]) == nil)
    }
}
