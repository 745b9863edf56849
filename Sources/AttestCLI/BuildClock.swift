import ArgumentParser
import AttestCore
import AttestSystem
import Crypto
import Foundation

/// The build time and the build id, both reproducible.
enum BuildClock {
    /// `--build-time` (or the option `name`), else `SOURCE_DATE_EPOCH`, else now (to the second).
    ///
    /// - Throws: `ValidationError` for a time that is not a number of seconds or ISO 8601, or
    ///   that falls outside ``seconds`` (ids count whole seconds in an `Int`, outputs print a
    ///   four-digit year: `9223372036854775807` would trap).
    static func time(
        option: String?, environment: [String: String], name: String = "--build-time"
    ) throws -> Date {
        let time = try unchecked(option: option, environment: environment, name: name)
        guard seconds.contains(time.timeIntervalSince1970) else {
            throw ValidationError(
                "\(option == nil ? "SOURCE_DATE_EPOCH" : name) is outside 1970-01-01T00:00:00Z to "
                    + "9999-12-31T23:59:59Z (0 to 253402300799 seconds)")
        }
        return time
    }

    /// The times accepted, in seconds since 1970: 1970-01-01 to the end of 9999.
    static let seconds: ClosedRange<TimeInterval> = 0...253_402_300_799

    private static func unchecked(
        option: String?, environment: [String: String], name: String
    ) throws -> Date {
        if let option {
            if let seconds = Int(option) {
                return Date(timeIntervalSince1970: TimeInterval(seconds))
            }
            if let date = Timestamp.instant(option, zoneRequired: true, dayAllowed: false) {
                return date
            }
            throw ValidationError(
                "\(name) '\(option)' is neither ISO 8601 (2026-06-01T00:00:00Z) nor Unix seconds"
            )
        }
        if let epoch = environment["SOURCE_DATE_EPOCH"] {
            guard let seconds = Int(epoch) else {
                throw ValidationError("SOURCE_DATE_EPOCH '\(epoch)' is not a number of seconds")
            }
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        return Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    }

    /// First 12 hex digits of SHA-256 over the workspace fingerprint, the build time and every
    /// result: the same inputs give the same id.
    static func buildID(fingerprint: String, time: Date, results: [EvidenceResult]) -> String {
        var hasher = SHA256()
        hasher.update(data: Data("\(fingerprint)\n\(Int(time.timeIntervalSince1970))\n".utf8))
        // Each line is `[fields].joined(separator: "\u{1F}") + "\n"`. The lines of a batch of
        // results are gathered on every core, then hashed in order: the same bytes as hashing
        // one string per result, without building one.
        let batch = 4_096
        let starts = Array(stride(from: 0, to: results.count, by: batch))
        for group in stride(from: 0, to: starts.count, by: 16) {
            let ranges = starts[group..<min(group + 16, starts.count)].map {
                $0..<min($0 + batch, results.count)
            }
            for bytes in ranges.concurrentMap({ lineBytes(of: results[$0]) }) {
                hasher.update(data: bytes)
            }
        }
        return Hex.encode(hasher.finalize().prefix(6))
    }

    /// The build id's lines of `results`, as bytes.
    private static func lineBytes(of results: ArraySlice<EvidenceResult>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(results.count * 128)
        func add(_ text: String, then terminator: UInt8) {
            bytes.append(contentsOf: text.utf8)
            bytes.append(terminator)
        }
        for result in results {
            add(result.evidence.rawValue, then: 0x1F)
            add(result.status.name, then: 0x1F)
            add(String(result.status.score), then: 0x1F)
            add(String(result.observedAt.timeIntervalSince1970), then: 0x1F)
            add(result.sha256 ?? "", then: 0x1F)
            add(result.message, then: 0x0A)
        }
        return bytes
    }
}
