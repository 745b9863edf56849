import AttestCore
import Foundation

extension ConfigReader {
    /// The keys of one `applicability:` entry.
    static let applicabilityKeys: Set<String> = ["reasons", "note"]

    /// Reads `applicability:`, a mapping from Annex A controls (`iso27001/A.5.7`) to the stated
    /// reasons for including them:
    ///
    /// ```yaml
    /// applicability:
    ///   iso27001/A.5.7:
    ///     reasons: [risk, contract]
    ///     note: { en: "…", fr: "…" }
    /// ```
    ///
    /// Shapes, reasons and notes are checked here; whether the requirement exists, is in
    /// Annex A, is not excluded and is stated once is checked by the graph.
    mutating func readApplicability(_ value: ConfigValue) -> [ApplicabilityStatement] {
        guard let entries = value.mapping else {
            error(
                .schemaWrongType,
                "expected a mapping from Annex A controls to reasons for applicability, found "
                    + value.shapeName, at: value.position)
            return []
        }
        return entries.compactMap { readApplicabilityEntry($0) }
    }

    private mutating func readApplicabilityEntry(
        _ entry: ConfigEntry
    ) -> ApplicabilityStatement? {
        guard let key = RequirementKey(parsing: entry.key) else {
            error(
                .schemaInvalidValue,
                "'\(entry.key)' is not a requirement reference such as iso27001/A.5.7",
                at: entry.keyPosition)
            return nil
        }
        let what = "the applicability of \(key)"
        guard
            let fields = fields(
                entry.value, what, allowed: Self.applicabilityKeys, suggesting: true)
        else { return nil }
        guard fields["reasons"] != nil || fields["note"] != nil else {
            error(
                .schemaMissingKey, "\(what) needs 'reasons', 'note' or both",
                at: entry.value.position)
            return nil
        }
        var reasons: [InclusionReason] = []
        var valid = true
        if let list = fields["reasons"] {
            let items = sequence(list, "reasons") ?? []
            if items.isEmpty, list.sequence != nil {
                error(.schemaInvalidValue, "reasons needs at least one reason", at: list.position)
                valid = false
            }
            for item in items {
                guard let reason = readReason(item) else {
                    valid = false
                    continue
                }
                if reasons.contains(reason) {
                    error(
                        .schemaInvalidValue, "reason '\(reason.rawValue)' is listed twice",
                        at: item.position)
                    valid = false
                }
                reasons.append(reason)
            }
            if list.sequence == nil { valid = false }
        }
        var note: LocalizedText?
        if let value = fields["note"] {
            note = text(value, "note")
            if let text = note,
                text.values.values.contains(where: {
                    $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                })
            {
                error(.schemaInvalidValue, "a note needs text", at: value.position)
                note = nil
            }
            if note == nil { valid = false }
        }
        guard valid else { return nil }
        return ApplicabilityStatement(
            requirement: RequirementReference(key, at: entry.keyPosition), reasons: reasons,
            note: note, position: entry.value.position)
    }

    /// One reason, with a "did you mean" hint for a misspelt one.
    private mutating func readReason(_ value: ConfigValue) -> InclusionReason? {
        guard let text = string(value, "a reason") else { return nil }
        if let reason = InclusionReason(rawValue: text) { return reason }
        let names = InclusionReason.allCases.map(\.rawValue)
        report(
            .error(
                .schemaInvalidValue, "'\(text)' is not a reason for applicability",
                at: value.position,
                notes: [.init("expected one of: " + names.joined(separator: ", "))],
                hint: Spelling.closest(to: text, among: names, maxEdits: 3).map {
                    "did you mean '\($0)'?"
                }))
        return nil
    }
}
