import AttestCore
import Foundation

/// Copies of AttestStore's internal column formatting (`StoredDate.text`, `ArtifactsColumn.encode`
/// in AttestStore/StoredColumns.swift), call for call, so the raw baseline pays the same
/// formatting cost per row as `SQLiteStore.record` (and writes the same text).
public enum StoredText {
    /// `StoredDate.text`: ISO 8601 in UTC with milliseconds, through `Date.formatted`.
    @inline(never)
    public static func date(_ date: Date) -> String {
        date.formatted(
            .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(
                separator: .omitted))
    }

    /// `ArtifactsColumn.encode`: a new `JSONEncoder` per call, sorted keys, slashes unescaped.
    @inline(never)
    public static func artifacts(_ artifacts: [Artifact]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(artifacts)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }
}
