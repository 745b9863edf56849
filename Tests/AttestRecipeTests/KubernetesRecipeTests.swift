import AttestCore
import AttestEvidence
import AttestTestSupport
import Foundation
import Testing

/// The Kubernetes recipes run the real `kubectl` (Debian's kubernetes-client, or the machine's
/// own) against a local server replaying written API answers: discovery, then the lists.
/// kubectl sends no bearer token over plain http, so this server asks for none.
@Suite struct KubernetesRecipeTests {
    static func cluster() async throws -> (LocalServer, RecipeHarness) {
        let server = try await LocalServer.replaying("kubernetes.json")
        var harness = try RecipeHarness()
        let config = try harness.workspace.write(
            ".kube/replay.yaml",
            """
            apiVersion: v1
            kind: Config
            clusters:
              - name: replay
                cluster: { server: "\(server.baseURL)" }
            contexts:
              - name: replay
                context: { cluster: replay, user: replay, namespace: default }
            users:
              - name: replay
                user: {}
            current-context: replay
            """)
        harness.environment["KUBECONFIG"] = config.path
        return (server, harness)
    }

    @Test(.enabled(if: LocalService.available("kubectl", "python3")))
    func replayedClusterWithAPrivilegedInitContainerFailsAndAPlainNamespacePasses() async throws {
        let (server, harness) = try await Self.cluster()
        defer { server.stop() }
        let payments = try await harness.run(
            "kubernetes.no-privileged-pods", with: "{ namespace: payments }")
        #expect(payments.status == .pass, "\(payments.message)")
        let monitoring = try await harness.run(
            "kubernetes.no-privileged-pods", with: "{ namespace: monitoring }")
        #expect(monitoring.status == .fail)
        #expect(monitoring.message.contains("items[1]: expected no item to match"))
    }

    @Test(.enabled(if: LocalService.available("kubectl", "python3")))
    func replayedClusterNeedsADefaultDenyPolicyNotAnAllowAll() async throws {
        let (server, harness) = try await Self.cluster()
        defer { server.stop() }
        let payments = try await harness.run(
            "kubernetes.namespace-default-deny", with: "{ namespace: payments }")
        #expect(payments.status == .pass, "\(payments.message)")
        let monitoring = try await harness.run(
            "kubernetes.namespace-default-deny", with: "{ namespace: monitoring }")
        #expect(monitoring.status == .fail)
        #expect(monitoring.message.contains("items: no item matches"))
    }
}
