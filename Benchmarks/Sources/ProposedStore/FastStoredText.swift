import AttestCore
import Foundation

/// The column formatting proposed in /tmp/attest-store-perf.patch for AttestStore's
/// StoredColumns.swift, kept here so the benchmarks measure it and the tests check that it writes
/// exactly what `StoredDate.text` and `ArtifactsColumn.encode` write today.
public enum FastStoredText {
    /// `yyyy-MM-ddTHH:mm:ss.SSSZ` in UTC, by hand. Same text as the ISO 8601 format style, which
    /// truncates to the millisecond from the nanoseconds since 2001-01-01; dates outside
    /// 2001–9999 go through that style.
    public static func date(_ date: Date) -> String {
        let sinceReference = date.timeIntervalSinceReferenceDate
        // 2001-01-01T00:00:00Z ..< 10000-01-01T00:00:00Z
        guard sinceReference >= 0, sinceReference < 252_423_993_600 else {
            return foundationDate(date)
        }
        let whole = sinceReference.rounded(.down)
        let milliseconds = Int((sinceReference - whole) * 1e9) / 1_000_000
        let seconds = Int(whole) + 978_307_200  // since 1970
        let days = seconds / 86_400
        let secondOfDay = seconds - days * 86_400
        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm; days ≥ 0 here).
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
            buffer[4] = 45  // -
            put(month, 2, at: 5)
            buffer[7] = 45
            put(day, 2, at: 8)
            buffer[10] = 84  // T
            put(secondOfDay / 3_600, 2, at: 11)
            buffer[13] = 58  // :
            put(secondOfDay / 60 % 60, 2, at: 14)
            buffer[16] = 58
            put(secondOfDay % 60, 2, at: 17)
            buffer[19] = 46  // .
            put(milliseconds, 3, at: 20)
            buffer[23] = 90  // Z
            return 24
        }
    }

    /// What `StoredDate.text` does today.
    public static func foundationDate(_ date: Date) -> String {
        date.formatted(
            .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(
                separator: .omitted))
    }

    /// `[{"path":…,"sha256":…},…]` by hand: the bytes `JSONEncoder` writes with `.sortedKeys` and
    /// `.withoutEscapingSlashes` (`"` and `\` escaped, `\b \f \n \r \t`, other controls as
    /// `\u00xx`, everything else as is). Text with nothing to escape (every path and hash seen
    /// in practice) is copied into a string of the exact size.
    public static func artifacts(_ artifacts: [Artifact]) -> String {
        guard !artifacts.isEmpty else { return "[]" }
        // `[` `]`, a comma between objects, and `{"path":"` `","sha256":"` `"}` per object.
        var size = 1 + artifacts.count
        for artifact in artifacts {
            guard isPlain(artifact.path), isPlain(artifact.sha256) else {
                return escapedArtifacts(artifacts)
            }
            size += 23 + artifact.path.utf8.count + artifact.sha256.utf8.count
        }
        return String(unsafeUninitializedCapacity: size) { buffer in
            var offset = 0
            copy("[", into: buffer, at: &offset)
            for (index, artifact) in artifacts.enumerated() {
                copy(
                    index == 0 ? "{\"path\":\"" as StaticString : ",{\"path\":\"", into: buffer,
                    at: &offset)
                copy(artifact.path, into: buffer, at: &offset)
                copy("\",\"sha256\":\"", into: buffer, at: &offset)
                copy(artifact.sha256, into: buffer, at: &offset)
                copy("\"}", into: buffer, at: &offset)
            }
            copy("]", into: buffer, at: &offset)
            return offset
        }
    }

    private static func copy(
        _ text: StaticString, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: inout Int
    ) {
        let count = text.utf8CodeUnitCount
        UnsafeMutableRawPointer(buffer.baseAddress! + offset).copyMemory(
            from: text.utf8Start, byteCount: count)
        offset += count
    }

    private static func copy(
        _ text: String, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: inout Int
    ) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            UnsafeMutableRawPointer(buffer.baseAddress! + offset).copyMemory(
                from: base, byteCount: bytes.count)
            offset += bytes.count
        }
    }

    /// Whether `text` has no byte JSON escapes: no control character, `"` or `\`.
    private static func isPlain(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for byte in bytes where byte < 0x20 || byte == 0x22 || byte == 0x5C { return false }
            return true
        }
    }

    private static func escapedArtifacts(_ artifacts: [Artifact]) -> String {
        var json = "["
        for (index, artifact) in artifacts.enumerated() {
            json += index == 0 ? "{\"path\":" : ",{\"path\":"
            appendQuoted(artifact.path, to: &json)
            json += ",\"sha256\":"
            appendQuoted(artifact.sha256, to: &json)
            json += "}"
        }
        json += "]"
        return json
    }

    private static func appendQuoted(_ text: String, to json: inout String) {
        json += "\""
        if isPlain(text) {
            json += text
        } else {
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
        }
        json += "\""
    }
}
