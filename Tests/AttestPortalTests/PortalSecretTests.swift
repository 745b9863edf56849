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

/// The CSRF pair and the form decoding, below the pages that use them.
@Suite struct CSRFGuardTests {
    let guardian = CSRFGuard(secret: try! PortalSecret(TestSecret.text))

    @Test func aTokenFitsOnlyItsOwnCookie() {
        let cookie = CSRFGuard.newCookie()
        let other = CSRFGuard.newCookie()
        #expect(cookie != other)
        #expect(guardian.isValid(token: guardian.token(for: cookie), cookie: cookie))
        #expect(!guardian.isValid(token: guardian.token(for: other), cookie: cookie))
        #expect(!guardian.isValid(token: nil, cookie: cookie))
        #expect(!guardian.isValid(token: guardian.token(for: cookie), cookie: nil))
        #expect(!guardian.isValid(token: "", cookie: cookie))
    }

    @Test func aCookieNotMadeByTheGuardIsRefused() {
        for cookie in ["", "short", String(repeating: "A", count: 44), "a b"] {
            #expect(CSRFGuard.validCookie(cookie) == nil)
            #expect(!guardian.isValid(token: guardian.token(for: cookie), cookie: cookie))
        }
    }

    @Test func formsDecodeStrictly() throws {
        let form = try #require(FormData(Array("a=1+2&b=%C3%A9&a=x&empty=&flag".utf8)))
        #expect(form["a"] == "1 2")
        #expect(form.all("a") == ["1 2", "x"])
        #expect(form["b"] == "é")
        #expect(form["empty"] == "")
        #expect(form["flag"] == "")
        for broken in ["a=%zz", "a=%4", "a=%ff", "a=%"] {
            #expect(FormData(Array(broken.utf8)) == nil)
        }
        let many = (0...FormData.maxFields).map { "f\($0)=1" }.joined(separator: "&")
        #expect(FormData(Array(many.utf8)) == nil)
    }
}
