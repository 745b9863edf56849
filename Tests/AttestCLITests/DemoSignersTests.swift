import AttestCatalog
import AttestCore
import AttestEvidence
import AttestTestSupport
import Foundation
import Testing

@testable import AttestCLI

/// The demo's attestations are each signed by their own signer (issue 12 §5).
@Suite struct DemoSignersTests {
    @Test func everyDemoAttestationVerifiesAgainstTheSignerItNames() async throws {
        let root = Fixtures.packageRoot
        let validation = try WorkspaceLoader().validate(at: root)
        let signers = validation.graph.manifest.signers
        let keyring = SignerKeyring.load(signers, root: root)
        #expect(keyring.diagnostics.isEmpty, "\(keyring.diagnostics)")
        let specs = validation.graph.evidence.values.filter { $0.collector == .attestation }
            .sorted { $0.id < $1.id }
        #expect(specs.count >= 15)
        let collector = try #require(WorkspaceSession.registry(root: root)[.attestation])
        var context = CollectionContext(workspaceRoot: root, now: Date())
        context.signers = keyring
        var signedBy: [String: Set<String>] = [:]
        var sshSigned = 0
        for spec in specs {
            let result = await collector.collect(spec, context: context)
            #expect(result.status == .pass, "\(spec.id): \(result.message)")
            let signer = try #require(result.signer, "\(spec.id) has no signer")
            signedBy[signer, default: []].insert(spec.id.rawValue)
            if result.message.contains("SSH signature") { sshSigned += 1 }
        }
        // Seven people, seven keys: no two signers share a key file's contents.
        #expect(signedBy.count >= 7, "\(signedBy.keys.sorted())")
        let keys = try signers.map {
            try Data(contentsOf: root.appendingPathComponent($0.publicKey))
        }
        #expect(Set(keys).count == signers.count)
        #expect(sshSigned >= 1)
    }

    @Test func noPrivateKeyOfTheDemoIsInTheRepository() throws {
        let root = Fixtures.packageRoot
        let files =
            FileManager.default.enumerator(atPath: root.appendingPathComponent("keys").path)?
            .compactMap { $0 as? String } ?? []
        for file in files {
            let text =
                (try? String(
                    contentsOf: root.appendingPathComponent("keys").appendingPathComponent(file),
                    encoding: .utf8)) ?? ""
            #expect(!text.contains("PRIVATE KEY"), "keys/\(file)")
        }
    }
}
