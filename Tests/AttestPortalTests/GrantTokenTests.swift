import Foundation
import Testing

@testable import AttestPortal

@Suite struct GrantTokenTests {
    let secret = try! PortalSecret(TestSecret.text)
    let id = AccessRequestID(uncheckedBytes: Array(0..<16))
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    var token: GrantToken { GrantToken(id: id, expiresAt: now.addingTimeInterval(3600)) }

    @Test func aGenuineTokenNamesItsRequestAndExpiry() throws {
        let text = token.encoded(with: secret)
        let verified = try GrantToken.verify(text, secret: secret, now: now)
        #expect(verified.id == id)
        #expect(verified.expiresAt == Date(timeIntervalSince1970: 1_800_003_600))
        // The first part is base64url of "<id>.<expiry>".
        let payload = try #require(text.split(separator: ".").first)
        #expect(
            Base64URL.decode(payload).map { String(decoding: $0, as: UTF8.self) }
                == "\(id.rawValue).1800003600")
    }

    @Test func aTokenPastItsExpiryIsRefusedAsExpired() {
        let text = token.encoded(with: secret)
        #expect(throws: GrantToken.Refusal.expired) {
            try GrantToken.verify(text, secret: secret, now: now.addingTimeInterval(3600))
        }
    }

    @Test func aLaterExpiryWrittenIntoTheTokenIsRefusedAsTampered() throws {
        let text = token.encoded(with: secret)
        let mac = try #require(text.split(separator: ".").last)
        let extended = Base64URL.encode(Array("\(id.rawValue).1900000000".utf8)) + "." + mac
        #expect(throws: GrantToken.Refusal.tampered) {
            try GrantToken.verify(extended, secret: secret, now: now)
        }
    }

    @Test func aTokenMadeWithAnotherSecretIsRefusedAsTampered() throws {
        let other = try PortalSecret(String(TestSecret.text.reversed()))
        #expect(throws: GrantToken.Refusal.tampered) {
            try GrantToken.verify(token.encoded(with: other), secret: secret, now: now)
        }
    }

    @Test func aFlippedSignatureCharacterIsRefused() {
        var text = Array(token.encoded(with: secret))
        text[text.count - 3] = text[text.count - 3] == "A" ? "B" : "A"
        #expect(throws: GrantToken.Refusal.self) {
            try GrantToken.verify(String(text), secret: secret, now: now)
        }
    }

    @Test(arguments: [
        "", ".", "abc", "a.b.c", "%%%.abc", String(repeating: "A", count: 300) + ".x",
    ])
    func shapelessTextIsRefusedAsMalformed(text: String) {
        #expect(throws: GrantToken.Refusal.malformed) {
            try GrantToken.verify(text, secret: secret, now: now)
        }
    }

    @Test func aSignedPayloadWithoutAValidIdIsRefusedAsMalformed() {
        let payload = Base64URL.encode(Array("not-an-id.1900000000".utf8))
        let text =
            payload + "." + Base64URL.encode(secret.mac(Array(payload.utf8), purpose: "grant"))
        #expect(throws: GrantToken.Refusal.malformed) {
            try GrantToken.verify(text, secret: secret, now: now)
        }
    }
}

@Suite struct AccessRequestIDTests {
    @Test func idsAre26LowercaseBase32CharactersOf128Bits() {
        #expect(
            AccessRequestID(uncheckedBytes: Array(repeating: 0, count: 16)).rawValue
                == String(repeating: "a", count: 26))
        #expect(
            AccessRequestID(uncheckedBytes: Array(repeating: 0xff, count: 16)).rawValue
                == String(repeating: "7", count: 25) + "4")
    }

    @Test func randomIdsAreWellFormedAndDistinct() {
        let ids = (0..<1000).map { _ in AccessRequestID.random() }
        #expect(Set(ids).count == 1000)
        for id in ids { #expect(AccessRequestID(id.rawValue) == id) }
    }

    @Test(arguments: [
        "", "AAAAAAAAAAAAAAAAAAAAAAAAAA", String(repeating: "a", count: 25),
        String(repeating: "a", count: 25) + "b", String(repeating: "a", count: 25) + "1",
        String(repeating: "a", count: 27),
    ])
    func textNotMadeByRandomIsRefused(text: String) {
        #expect(AccessRequestID(text) == nil)
    }
}

@Suite struct GrantLinkTests {
    @Test func theLinkPathIsAccessFollowedByTheToken() throws {
        let secret = try PortalSecret(TestSecret.text)
        let token = GrantToken(
            id: AccessRequestID.random(), expiresAt: Date(timeIntervalSince1970: 1_900_000_000))
        let path = token.path(with: secret)
        #expect(path.hasPrefix("/access/"))
        let text = String(path.dropFirst("/access/".count))
        #expect(
            try GrantToken.verify(text, secret: secret, now: Date(timeIntervalSince1970: 0))
                == token)
    }
}
