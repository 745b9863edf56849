import Testing

@testable import AttestPortal

@Suite struct PortalSecretTests {
    @Test func aSecretShorterThan32BytesIsRefused() {
        let error = #expect(throws: PortalError.self) {
            try PortalSecret(String(repeating: "x", count: 31))
        }
        #expect(error?.code == .weakSecret)
        #expect(error?.detail.contains("31") == true)
    }

    @Test func aMissingVariableIsRefusedNamingIt() {
        let error = #expect(throws: PortalError.self) {
            try PortalSecret.fromEnvironment([:])
        }
        #expect(error?.code == .weakSecret)
        #expect(error?.subject == "ATTEST_PORTAL_SECRET")
    }

    @Test func theSecretNeverShowsInItsDescription() throws {
        let secret = try PortalSecret.fromEnvironment(["ATTEST_PORTAL_SECRET": TestSecret.text])
        #expect(!"\(secret)".contains(TestSecret.text))
    }

    @Test func macsOfDifferentPurposesDiffer() throws {
        let secret = try PortalSecret(TestSecret.text)
        let message = Array("same".utf8)
        #expect(secret.mac(message, purpose: "a") != secret.mac(message, purpose: "b"))
        #expect(secret.isValid(mac: secret.mac(message, purpose: "a"), of: message, purpose: "a"))
        #expect(!secret.isValid(mac: secret.mac(message, purpose: "a"), of: message, purpose: "b"))
    }
}
