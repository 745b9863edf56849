import AttestCore
import Foundation

extension ConfigReader {
    /// The keys of one `exceptions:` entry.
    static let exceptionKeys: Set<String> = [
        "id", "control", "evidence", "period", "description", "owner", "management_response",
        "remediation_date", "approved_by", "expires", "visibility",
    ]

    /// Reads an `exceptions:` list. Each entry's shape and days are checked here; ids shared
    /// across files and references to controls, evidence and signers are checked by the graph
    /// once everything is read.
    mutating func readExceptions(_ value: ConfigValue) -> [Exception] {
        guard let items = sequence(value, "exceptions") else { return [] }
        return items.compactMap { readException($0) }
    }

    private mutating func readException(_ value: ConfigValue) -> Exception? {
        guard
            let fields = fields(
                value, "an exception", allowed: Self.exceptionKeys,
                required: [
                    "id", "period", "description", "owner", "management_response",
                    "remediation_date", "approved_by", "expires",
                ], suggesting: true)
        else { return nil }
        let id = fields["id"].flatMap { plainString($0, "exception id") }
        if let id, id.isEmpty || id.contains(where: { $0.isWhitespace }) {
            error(
                .schemaInvalidValue,
                "exception id '\(id)' must be a non-empty word without spaces",
                at: fields["id"]?.position ?? value.position)
            return nil
        }
        let control = fields["control"].flatMap { item in
            plainString(item, "control").map { ControlReference(ControlID($0), at: item.position) }
        }
        let evidence = fields["evidence"].flatMap { item in
            plainString(item, "evidence").map {
                EvidenceReference(EvidenceID($0), at: item.position)
            }
        }
        if fields["control"] == nil, fields["evidence"] == nil {
            report(
                .error(
                    .exceptionNoTarget,
                    "exception '\(id ?? "?")' names neither a control nor an evidence item",
                    at: value.position,
                    hint: "add 'control:', 'evidence:' or both (the evidence of that control)"))
        }
        let period = fields["period"].flatMap { readPeriod($0) }
        let description = fields["description"].flatMap { text($0, "description") }
        let owner = fields["owner"].flatMap { string($0, "owner") }
        let response = fields["management_response"].flatMap { text($0, "management_response") }
        let remediation = fields["remediation_date"].flatMap { day($0, "remediation_date") }
        let approver = fields["approved_by"].flatMap { plainString($0, "approved_by") }
        let expires = fields["expires"].flatMap { day($0, "expires") }
        let visibility =
            fields["visibility"].flatMap {
                choice($0, "visibility", as: Visibility.self, code: .controlInvalidVisibility)
            } ?? .internal
        guard let id, control != nil || evidence != nil, let period, let description, let owner,
            let response, let remediation, let approver, let expires
        else { return nil }
        return Exception(
            id: ExceptionID(id), control: control, evidence: evidence, from: period.from,
            to: period.to, description: description, owner: owner, managementResponse: response,
            remediationDate: remediation, approvedBy: SignerID(approver), expires: expires,
            visibility: visibility, position: value.position,
            approvedByPosition: fields["approved_by"]?.position,
            expiresPosition: fields["expires"]?.position)
    }

    /// `period: { from: YYYY-MM-DD, to: YYYY-MM-DD }`, `to` not before `from`.
    private mutating func readPeriod(_ value: ConfigValue) -> (from: String, to: String)? {
        guard
            let fields = fields(
                value, "period", allowed: ["from", "to"], required: ["from", "to"],
                suggesting: true),
            let from = fields["from"].flatMap({ day($0, "period.from") }),
            let to = fields["to"].flatMap({ day($0, "period.to") })
        else { return nil }
        guard from <= to else {
            report(
                .error(
                    .exceptionInvalidPeriod,
                    "the period ends on \(to), before it starts on \(from)",
                    at: fields["to"]?.position ?? value.position,
                    notes: [.init("from", at: fields["from"]?.position)]))
            return nil
        }
        return (from, to)
    }

    /// A day `YYYY-MM-DD` that exists, checked by ``Timestamp/day(_:)`` (the one date parser),
    /// kept as written so days compare as text.
    private mutating func day(_ value: ConfigValue, _ what: String) -> String? {
        guard let text = string(value, what) else { return nil }
        guard Timestamp.day(text) != nil else {
            report(
                .error(
                    .schemaInvalidValue, "'\(text)' is not a day (YYYY-MM-DD) for \(what)",
                    at: value.position,
                    hint: "write an existing day such as 2027-03-31"))
            return nil
        }
        return text
    }
}
