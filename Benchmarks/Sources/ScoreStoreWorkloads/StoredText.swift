import AttestCore
@_spi(Benchmarks) import AttestStore
import Foundation

/// AttestStore's own column formatting (`StoredDate.text`, `ArtifactsColumn.encode`, through
/// its `Benchmarks` SPI), so the raw baseline pays the same formatting cost per row as
/// `SQLiteStore.record` and writes the same text.
public enum StoredText {
    /// `StoredDate.text`: ISO 8601 in UTC to the millisecond.
    @inline(never)
    public static func date(_ date: Date) -> String { StoredDate.text(date) }

    /// `ArtifactsColumn.encode`: the JSON array of `{path, sha256}`.
    @inline(never)
    public static func artifacts(_ artifacts: [Artifact]) -> String {
        ArtifactsColumn.encode(artifacts)
    }

    /// What the store formatted with before it wrote its columns by hand (the same text):
    /// `Timestamp.formatMilliseconds`, and a `JSONEncoder` per row. For the report's cost lines.
    @inline(never)
    public static func formerDate(_ date: Date) -> String { Timestamp.formatMilliseconds(date) }

    @inline(never)
    public static func formerArtifacts(_ artifacts: [Artifact]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(artifacts)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }
}
