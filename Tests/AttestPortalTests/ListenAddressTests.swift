import Testing

@testable import AttestPortal

@Suite struct ListenAddressTests {
    @Test(arguments: [
        ("127.0.0.1:8080", "127.0.0.1", 8080), ("[::1]:0", "::1", 0),
        ("localhost:65535", "localhost", 65535),
    ])
    func hostAndPortAreRead(text: String, host: String, port: Int) throws {
        let address = try ListenAddress(parsing: text)
        #expect(address.host == host)
        #expect(address.port == port)
    }

    @Test(arguments: [
        "8080", "127.0.0.1", ":8080", "127.0.0.1:70000", "127.0.0.1:-1", "a b:80", "h:8o",
    ])
    func malformedAddressesAreRefusedWithTheirCode(text: String) {
        let error = #expect(throws: PortalError.self) { try ListenAddress(parsing: text) }
        #expect(error?.code == .invalidListenAddress)
    }
}
