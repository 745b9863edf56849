import AttestCLI
import AttestTestSupport
import Foundation
import Testing

/// The demo's public claims hold against its own evidence.
@Suite struct DemoClaimsTests {
    /// "Never … mail-sending rights": no connector manifest may list a scope that can send
    /// mail (Gmail's compose, insert, modify and send scopes all can; Microsoft's Mail.Send).
    @Test func noConnectorOfTheDemoCanSendMail() async throws {
        let folder = try TemporaryWorkspace()
        let capture = CapturedConsole()
        let status = await AttestMain.run(
            [
                "collect", "--workspace", Fixtures.packageRoot.path, "--only", "IAM-07",
                "--store", folder.root.appendingPathComponent("s.sqlite").path,
            ], console: capture.console)
        #expect(status == 0, "\(capture.standardError)")
        #expect(
            capture.standardOutput.contains("0 fail, 0 stale, 0 missing, 0 error"),
            "\(capture.standardOutput)")
    }
}
