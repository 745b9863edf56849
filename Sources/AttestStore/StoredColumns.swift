import AttestCore
import Foundation

/// Dates as stored: ISO 8601 in UTC with milliseconds, readable by people and sortable as text.
enum StoredDate {
    static func text(_ date: Date) -> String { Timestamp.formatMilliseconds(date) }

    /// Parses what `text` wrote; an unreadable value (never written by Attest) becomes the epoch.
    static func date(_ text: String) -> Date {
        Timestamp.instant(text, zoneRequired: true, dayAllowed: false)
            ?? Date(timeIntervalSince1970: 0)
    }
}

/// The `artifacts` column: a JSON array of `{path, sha256}`.
enum ArtifactsColumn {
    static func encode(_ artifacts: [Artifact]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(artifacts)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    static func decode(_ text: String) -> [Artifact] {
        (try? JSONDecoder().decode([Artifact].self, from: Data(text.utf8))) ?? []
    }
}

/// The `frameworks` column of disclosures: a JSON array of ids.
enum FrameworksColumn {
    static func encode(_ frameworks: [FrameworkID]) -> String {
        let data = (try? JSONEncoder().encode(frameworks.map(\.rawValue))) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ text: String) -> [FrameworkID] {
        ((try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []).map {
            FrameworkID($0)
        }
    }
}
