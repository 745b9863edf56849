import AttestCore
import Foundation
import Testing

/// `LocalizedText.english` is kept beside `values`: it must follow every change of them, and
/// equality, hashing and coding must still see only the values.
@Suite struct LocalizedTextTests {
    @Test func englishFollowsTheValuesThroughEveryChange() {
        var text = LocalizedText(["fr": "Chiffrement"])
        #expect(text.english == "")
        text.values["en"] = "Encryption"
        #expect(text.english == "Encryption")
        text.values["en"]?.append(" at rest")
        #expect(text.english == "Encryption at rest")
        text.values.removeValue(forKey: "en")
        #expect(text.english == "")
        text.values = ["en": "Backups", "de": "Sicherungen"]
        #expect(text.english == "Backups")
        #expect(text.text(for: "de") == "Sicherungen")
        #expect(text.text(for: "it") == "Backups")
        #expect(LocalizedText(english: "Logging").english == "Logging")
        #expect(("Logging" as LocalizedText).values == ["en": "Logging"])
    }

    @Test func equalityAndHashingAreByTheValues() {
        var changed = LocalizedText(["en": "Old"])
        changed.values["en"] = "New"
        let built = LocalizedText(["en": "New"])
        #expect(changed == built)
        #expect(Set([changed, built]).count == 1)
        #expect(LocalizedText(["en": "New", "fr": "Neuf"]) != built)
    }

    /// The coded form is `{"values": {…}}`, as before `english` was kept: stores and bundles
    /// written earlier still decode.
    @Test func codingKeepsOnlyTheValues() throws {
        let text = LocalizedText(["en": "Access", "fr": "Accès"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(text)
        let coded = String(decoding: data, as: UTF8.self)
        #expect(coded == #"{"values":{"en":"Access","fr":"Accès"}}"#)
        let decoded = try JSONDecoder().decode(
            LocalizedText.self, from: Data(#"{"values":{"en":"Gone","de":"Weg"}}"#.utf8))
        #expect(decoded.english == "Gone")
        #expect(decoded == LocalizedText(["en": "Gone", "de": "Weg"]))
    }
}
