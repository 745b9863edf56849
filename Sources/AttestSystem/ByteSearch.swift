import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Data {
    /// Whether `needle` occurs in these bytes: `memchr` finds each candidate first byte and
    /// `memcmp` compares the rest (`memmem` is a GNU extension Swift does not see).
    ///
    /// `Data.range(of:)` goes through NSData one element at a time; on a large report it costs
    /// more than reading the file.
    public func containsBytes(_ needle: some StringProtocol) -> Bool {
        var needle = String(needle)
        return needle.withUTF8 { pattern in
            guard let start = pattern.baseAddress, let first = pattern.first else { return true }
            return withUnsafeBytes { haystack in
                guard let base = haystack.baseAddress, haystack.count >= pattern.count else {
                    return false
                }
                var offset = 0
                while haystack.count - offset >= pattern.count {
                    guard
                        let hit = memchr(
                            base + offset, Int32(first), haystack.count - offset - pattern.count + 1
                        )
                    else { return false }
                    if memcmp(hit, start, pattern.count) == 0 { return true }
                    offset = UnsafeRawPointer(hit) - base + 1
                }
                return false
            }
        }
    }
}
