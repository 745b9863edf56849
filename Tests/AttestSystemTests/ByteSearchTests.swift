import Foundation
import Testing

@testable import AttestSystem

@Suite struct ByteSearchTests {
    @Test(arguments: [
        ("<?xml?><!DOCTYPE x>", "<!DOCTYPE", true),
        ("<!DOCTYP", "<!DOCTYPE", false),
        ("abc", "abc", true),
        ("xxabcxx", "abc", true),
        ("ab", "abc", false),
        ("", "a", false),
        ("é<!ENTITY", "<!ENTITY", true),
        ("a\u{0}b<!ENTITY", "<!ENTITY", true),
    ])
    func findsTheBytesWhereverTheyAre(_ haystack: String, _ needle: String, _ found: Bool) {
        #expect(Data(haystack.utf8).containsBytes(needle) == found)
    }

    /// The same answer as Foundation's search, at every position of a large buffer.
    @Test func agreesWithRangeOfOnALargeBuffer() {
        var bytes = Data(repeating: UInt8(ascii: "<"), count: 200_000)
        #expect(!bytes.containsBytes("<!ENTITY"))
        for position in [0, 1, 65_535, 199_992] {
            var copy = bytes
            copy.replaceSubrange(position..<position + 8, with: Data("<!ENTITY".utf8))
            #expect(
                copy.containsBytes("<!ENTITY") == (copy.range(of: Data("<!ENTITY".utf8)) != nil))
            #expect(copy.containsBytes("<!ENTITY"))
        }
        bytes.removeAll()
        #expect(!bytes.containsBytes("x"))
    }
}
