import AttestOSCAL
import Testing

@Suite("Stable UUIDs")
struct StableUUIDTests {
    @Test("A version 5 UUID matches the value other implementations compute for the same name")
    func matchesKnownVector() {
        // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
        #expect(
            StableUUID.name("python.org", in: .dns).text == "886313e1-3b8a-5372-9b90-0c9aee199e5d")
    }

    @Test("Attest's UUIDs are version 5, as OSCAL's uuid type requires, and depend on every part")
    func attestUUIDsAreVersion5AndDistinct() {
        let finding = StableUUID.attest("finding", "soc2", "CC6.1").text
        #expect(finding.count == 36)
        #expect(Array(finding)[14] == "5")
        #expect("89ab".contains(Array(finding)[19]))
        #expect(finding == StableUUID.attest("finding", "soc2", "CC6.1").text)
        #expect(finding != StableUUID.attest("finding", "soc2", "CC6.2").text)
        #expect(
            StableUUID.attest("a/b", "c").text != StableUUID.attest("a", "b/c").text)
    }
}
