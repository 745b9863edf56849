import AttestCore
import Foundation

/// Dates as stored: ISO 8601 in UTC with milliseconds, readable by people and sortable as text.
///
/// `@_spi(Benchmarks)`: the raw SQLite baseline of Benchmarks/ formats its rows with the very
/// same calls, and the PostgreSQL store (AttestStorePostgres) stores the same text; not part of
/// the store's interface.
@_spi(Benchmarks) public enum StoredDate {
    /// `Timestamp.formatMilliseconds(date)`, byte for byte: the nearest millisecond, then the
    /// civil date and time of the whole second in UTC. Written by hand for 1900–9999 (a run
    /// formats about two dates per evidence row, and the calendar's components cost ten times
    /// this); any other date, and anything not finite, goes through `Timestamp` itself.
    @_spi(Benchmarks) public static func text(_ date: Date) -> String {
        let total = (date.timeIntervalSince1970 * 1_000).rounded()
        let whole = (total / 1_000).rounded(.down)
        // 1900-01-01T00:00:00Z ..< 10000-01-01T00:00:00Z; NaN fails both tests.
        guard whole >= -2_208_988_800, whole < 253_402_300_800 else {
            return Timestamp.formatMilliseconds(date)
        }
        let milliseconds = Int(total - whole * 1_000)
        let seconds = Int(whole)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm; z ≥ 0 from 1900 on).
        let z = days + 719_468
        let era = z / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return String(unsafeUninitializedCapacity: 24) { buffer in
            func put(_ value: Int, _ width: Int, at offset: Int) {
                var value = value
                for index in stride(from: offset + width - 1, through: offset, by: -1) {
                    buffer[index] = UInt8(truncatingIfNeeded: 48 + value % 10)
                    value /= 10
                }
            }
            put(year, 4, at: 0)
            buffer[4] = UInt8(ascii: "-")
            put(month, 2, at: 5)
            buffer[7] = UInt8(ascii: "-")
            put(day, 2, at: 8)
            buffer[10] = UInt8(ascii: "T")
            put(secondOfDay / 3_600, 2, at: 11)
            buffer[13] = UInt8(ascii: ":")
            put(secondOfDay / 60 % 60, 2, at: 14)
            buffer[16] = UInt8(ascii: ":")
            put(secondOfDay % 60, 2, at: 17)
            buffer[19] = UInt8(ascii: ".")
            put(milliseconds, 3, at: 20)
            buffer[23] = UInt8(ascii: "Z")
            return 24
        }
    }

    /// Parses what `text` wrote; an unreadable value (never written by Attest) becomes the epoch.
    @_spi(Benchmarks) public static func date(_ text: String) -> Date {
        Timestamp.instant(text, zoneRequired: true, dayAllowed: false)
            ?? Date(timeIntervalSince1970: 0)
    }
}

/// The `artifacts` column: a JSON array of `{path, sha256}` (`@_spi(Benchmarks)` as
/// `StoredDate`).
@_spi(Benchmarks) public enum ArtifactsColumn {
    /// The bytes `JSONEncoder` writes for `artifacts` with `.sortedKeys` and
    /// `.withoutEscapingSlashes`, written by hand (a run encodes one list per evidence row, and
    /// an encoder per row cost nearly a third of the write): `"` and `\` escaped, `\b \f \n \r
    /// \t`, other control characters as `\u00xx`, everything else as it is. Text with nothing to
    /// escape (every path and hash seen in practice) is copied into a string of the exact size.
    @_spi(Benchmarks) public static func encode(_ artifacts: [Artifact]) -> String {
        guard !artifacts.isEmpty else { return "[]" }
        // `[` `]`, a comma between objects, and `{"path":"` `","sha256":"` `"}` per object.
        var size = 1 + artifacts.count
        for artifact in artifacts {
            guard isPlain(artifact.path), isPlain(artifact.sha256) else {
                return escaped(artifacts)
            }
            size += 23 + artifact.path.utf8.count + artifact.sha256.utf8.count
        }
        return String(unsafeUninitializedCapacity: size) { buffer in
            var offset = 0
            func copy(_ text: StaticString) {
                text.withUTF8Buffer { bytes in
                    for byte in bytes {
                        buffer[offset] = byte
                        offset += 1
                    }
                }
            }
            func copy(_ text: String) {
                var text = text
                text.withUTF8 { bytes in
                    for byte in bytes {
                        buffer[offset] = byte
                        offset += 1
                    }
                }
            }
            copy("[")
            for (index, artifact) in artifacts.enumerated() {
                copy(index == 0 ? "{\"path\":\"" : ",{\"path\":\"")
                copy(artifact.path)
                copy("\",\"sha256\":\"")
                copy(artifact.sha256)
                copy("\"}")
            }
            copy("]")
            return offset
        }
    }

    /// Whether `text` has no byte JSON escapes: no control character, `"` or `\`.
    private static func isPlain(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C }
    }

    private static func escaped(_ artifacts: [Artifact]) -> String {
        var json = "["
        for (index, artifact) in artifacts.enumerated() {
            json += index == 0 ? "{\"path\":" : ",{\"path\":"
            appendQuoted(artifact.path, to: &json)
            json += ",\"sha256\":"
            appendQuoted(artifact.sha256, to: &json)
            json += "}"
        }
        return json + "]"
    }

    private static func appendQuoted(_ text: String, to json: inout String) {
        json += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case "\u{8}": json += "\\b"
            case "\u{C}": json += "\\f"
            case "\n": json += "\\n"
            case "\r": json += "\\r"
            case "\t": json += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                json += (hex.count == 1 ? "\\u000" : "\\u00") + hex
            default: json.unicodeScalars.append(scalar)
            }
        }
        json += "\""
    }

    @_spi(Benchmarks) public static func decode(_ text: String) -> [Artifact] {
        (try? JSONDecoder().decode([Artifact].self, from: Data(text.utf8))) ?? []
    }
}

/// The `frameworks` column of disclosures: a JSON array of ids (`@_spi(Benchmarks)` as
/// `StoredDate`).
@_spi(Benchmarks) public enum FrameworksColumn {
    @_spi(Benchmarks) public static func encode(_ frameworks: [FrameworkID]) -> String {
        let data = (try? JSONEncoder().encode(frameworks.map(\.rawValue))) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    @_spi(Benchmarks) public static func decode(_ text: String) -> [FrameworkID] {
        ((try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []).map {
            FrameworkID($0)
        }
    }
}

/// A list of plain strings (document ids) as a JSON array in one text column.
@_spi(Benchmarks) public enum StringListColumn {
    @_spi(Benchmarks) public static func encode(_ values: [String]) -> String {
        let data = (try? JSONEncoder().encode(values)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    @_spi(Benchmarks) public static func decode(_ text: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }
}
