import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestEvidence

/// Every file a collector reads — its `path:`, a review sidecar, an attestation's attachment
/// and key file — planted as a link to a secret outside the workspace: refused as an error,
/// and the secret appears in no result.
@Suite struct ConfinementTests {
    let outside: TemporaryWorkspace
    let workspace: TemporaryWorkspace
    let secret = "OUTSIDE-SECRET-\(UUID().uuidString)"
    var secretPath: String { outside.root.appendingPathComponent("secret").path }

    init() throws {
        outside = try TemporaryWorkspace()
        workspace = try TemporaryWorkspace()
        try outside.write("secret", "schema: 1\nsecret: \(secret)\n")
    }

    func collect(_ spec: EvidenceSpec) async -> EvidenceResult {
        guard let collector = Kit.registry[spec.collector] else {
            Issue.record("no collector for \(spec.collector)")
            return EvidenceResult(
                evidence: spec.id, control: spec.control, status: .error, observedAt: Kit.now,
                sha256: nil, message: "", artifacts: [])
        }
        return await collector.collect(spec, context: Kit.context(root: workspace.root))
    }

    func expectRefused(_ result: EvidenceResult) {
        #expect(result.status == .error)
        #expect(result.message.contains("refused: "), "\(result.message)")
        #expect(!result.message.contains(secret))
        #expect(result.sha256 == nil || result.artifacts.allSatisfy { !$0.path.contains("secret") })
    }

    @Test(arguments: [
        (CollectorKind.file, ""), (.json, "expect: { a: 1 }"), (.yaml, "expect: { a: 1 }"),
        (.junit, ""), (.sarif, ""), (.attestation, ""),
    ])
    func aPathLinkedOutOfTheWorkspaceIsRefused(
        _ kind: CollectorKind, _ options: String
    ) async throws {
        try workspace.link("evidence/linked", to: secretPath)
        expectRefused(await collect(Kit.spec(kind, path: "evidence/linked", options: options)))
    }

    @Test func aReviewSidecarLinkedOutOfTheWorkspaceIsRefused() async throws {
        try workspace.write("evidence/policy.md", "# Policy\n")
        try workspace.link("evidence/policy.md.reviewed", to: secretPath)
        let result = await collect(
            Kit.spec(.file, path: "evidence/policy.md", options: "reviewed_from: sidecar"))
        #expect(result.status == .error)
        #expect(result.message.contains("refused: "), "\(result.message)")
        #expect(!result.message.contains(secret))
    }

    @Test func anAttachmentLinkedOutOfTheWorkspaceIsRefused() async throws {
        try workspace.link("evidence/review.csv", to: secretPath)
        try workspace.write(
            "evidence/review.yaml",
            """
            schema: 1
            who: Jane Doe
            role: CISO
            date: 2026-05-02
            statement: Reviewed.
            attachment:
              path: evidence/review.csv
              sha256: \(String(repeating: "0", count: 64))
            """)
        let result = await collect(Kit.spec(.attestation, path: "evidence/review.yaml"))
        expectRefused(result)
    }

    @Test func aSignersKeyFileLinkedOutOfTheWorkspaceIsRefused() async throws {
        try workspace.link("keys/signers.pub", to: secretPath)
        let keyring = SignerKeyring.load(
            [Kit.signer("jdoe", "Jane Doe", key: "keys/signers.pub")], root: workspace.root)
        #expect(keyring.diagnostics.map(\.code) == [.workspaceUnsafePath])
        #expect(keyring.diagnostics.allSatisfy { !$0.message.contains(secret) })
        try workspace.write(
            "evidence/review.yaml",
            "schema: 1\nsigner: jdoe\nwho: Jane Doe\nrole: CISO\ndate: 2026-05-02\n"
                + "statement: Reviewed.\nsignature: AAAA\n")
        let result = await Kit.registry[.attestation]?.collect(
            Kit.spec(.attestation, path: "evidence/review.yaml"),
            context: Kit.context(root: workspace.root, signers: keyring))
        #expect(result?.status == .error)
        #expect(result?.message.contains("refused") == true, "\(result?.message ?? "")")
        #expect(result?.message.contains(secret) == false)
    }

    @Test func validateBlamesEveryNamedFileThatLeavesTheWorkspace() throws {
        try workspace.link("evidence/linked", to: secretPath)
        let specs = [
            Kit.spec(.json, path: "evidence/linked", options: "expect: { a: 1 }", id: "a"),
            Kit.spec(.attestation, path: "evidence/absent.yaml", id: "b"),
        ]
        let diagnostics = Kit.registry.checkNamedFiles(specs, root: workspace.root)
        #expect(
            diagnostics.map { "\($0.severity) \($0.code)" }.sorted() == [
                "error workspace.unsafe-path", "warning evidence.missing-file",
            ])
        #expect(diagnostics.allSatisfy { !$0.message.contains(secret) })
    }

    /// The YAML loader is handed the bytes that were checked and hashed, never a path to open
    /// again, so a link swapped after the check cannot change what is judged.
    @Test func theYAMLLoaderParsesExactlyTheBytesThatWereHashed() async throws {
        try workspace.write("evidence/lb.yaml", "tls: { min_version: \"1.3\" }\n")
        let seen = SeenBytes()
        let collector = YAMLCollector { data, display in
            seen.record(data, display)
            return try YAMLDocument.evidence(data, display: display)
        }
        let result = await collector.collect(
            Kit.spec(
                .yaml, path: "evidence/lb.yaml", options: "expect: { tls.min_version: \"1.3\" }"),
            context: Kit.context(root: workspace.root))
        #expect(result.status == .pass)
        let (data, display) = try #require(seen.value)
        #expect(display == "evidence/lb.yaml")
        #expect(ContentHash.sha256(data) == result.sha256)
    }
}

/// What a loader was called with, from a `@Sendable` closure.
final class SeenBytes: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: (Data, String)?

    func record(_ data: Data, _ display: String) {
        lock.withLock { recorded = (data, display) }
    }

    var value: (Data, String)? { lock.withLock { recorded } }
}
