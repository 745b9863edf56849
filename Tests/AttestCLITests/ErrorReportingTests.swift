import AttestBundle
import AttestCLI
import AttestCatalog
import AttestCore
import AttestRender
import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// Every command reports a failure the same way: one `error: ` line on standard error and the
/// exit status the error itself declares, whichever layer it came from.
@Suite struct ErrorReportingTests: InProcessCommands {

    static let workspace = Fixtures.workspace("canary").path

    static let failures: [(name: String, arguments: [String], status: Int32)] = [
        ("an unknown option", ["score", "--frobnicate"], 2),
        ("a missing argument", ["verify"], 2),
        ("a workspace that does not exist", ["validate", "--workspace", "/nonexistent/ws"], 2),
        (
            "a store that is not a store",
            ["score", "--workspace", workspace, "--store", "/dev/null"], 2
        ),
        ("a run that is not recorded", ["score", "--workspace", workspace, "--run", "999999"], 2),
    ]

    @Test(arguments: failures)
    func aFailureIsOneErrorLineWithTheDeclaredStatus(
        _ failure: (name: String, arguments: [String], status: Int32)
    ) async {
        let (status, out, err) = await run(failure.arguments)
        #expect(status == failure.status, "\(failure.name)")
        #expect(err.hasPrefix("error: "), "\(failure.name): \(err)")
        #expect(!err.contains("Error: "), "\(failure.name): \(err)")
        #expect(out.isEmpty, "\(failure.name)")
    }

    @Test func eachLibraryErrorDeclaresHowACommandEndsOnIt() {
        let declared: [(any CommandFailure, FailureKind)] = [
            (StoreError(code: .foreign, path: "/s", detail: "not an Attest store"), .unusable),
            (WorkspaceError(code: .manifestMissing, path: "/ws"), .unusable),
            (RenderError(code: .missingTemplate, detail: "site/index.html"), .unusable),
            (BundleError(code: .unreadable, detail: "truncated"), .unusable),
        ]
        for (error, kind) in declared {
            #expect(error.failureKind == kind, "\(error)")
            #expect(!error.description.isEmpty)
        }
    }
}
