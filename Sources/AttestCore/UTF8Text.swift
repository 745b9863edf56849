import Foundation

/// Text made from UTF-8 bytes, refusing bytes that are not UTF-8.
///
/// The standard library's `String(validating:as:)` is generic over the encoding and the
/// collection and is not specialised for byte buffers: each call looks up generic metadata at
/// run time. Called once per JSON string, that lookup was a sixth of the JSON and SARIF
/// evidence collectors' time. `String(decoding:as:)` is specialised and fast; it replaces each
/// invalid sequence with U+FFFD, so its bytes equal the input exactly when the input was
/// valid UTF-8.
public enum UTF8Text {
    /// The text of `bytes`, or nil when they are not valid UTF-8.
    public static func string(validating bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var text = String(decoding: bytes, as: UTF8.self)
        let unchanged = text.withUTF8 { decoded in
            guard decoded.count == bytes.count else { return false }
            guard let decodedStart = decoded.baseAddress, let start = bytes.baseAddress else {
                return true  // both empty
            }
            return memcmp(decodedStart, start, bytes.count) == 0
        }
        return unchanged ? text : nil
    }

    /// The text of `bytes`, or nil when they are not valid UTF-8.
    public static func string(validating bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { string(validating: $0) }
    }
}
