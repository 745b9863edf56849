import Foundation
import Testing

@testable import AttestSystem

@Suite struct HexTests {
    @Test(arguments: [
        ([UInt8](), ""), ([0x00, 0x0f, 0xf0, 0xff], "000ff0ff"),
        ([0xde, 0xad, 0xbe, 0xef], "deadbeef"),
    ])
    func bytesBecomeTwoLowerCaseDigitsEach(_ bytes: [UInt8], _ text: String) {
        #expect(Hex.encode(bytes) == text)
    }

    /// Every byte value, at every position, in every kind of sequence the callers pass (an
    /// array, `Data`, a slice, a sequence with no storage of its own): two lower-case digits
    /// per byte, as `printf`'s `%02x` writes them.
    @Test func everyByteIsTwoLowerCaseDigitsAsPrintfWritesThem() {
        let all = [UInt8](0...255)
        let expected = all.map { String(format: "%02x", $0) }.joined()
        #expect(Hex.encode(all) == expected)
        #expect(Hex.encode(Data(all)) == expected)
        #expect(Hex.encode(all[0...]) == expected)
        #expect(Hex.encode(AnySequence(all)) == expected)
        #expect(Hex.encode(all.lazy.map { $0 }) == expected)
        #expect(Hex.encode([UInt8]()) == "")
        for length in [1, 2, 31, 32, 33, 64] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            #expect(
                Hex.encode(Data(bytes)) == bytes.map { String(format: "%02x", $0) }.joined())
        }
    }
}
