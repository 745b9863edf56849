import AttestCore
import Foundation
import Mustache

/// Renders a ``StatementOfApplicability`` as a standalone HTML page and a CSV table per
/// locale, with the words of `templates/locales/<locale>.yaml` (`soa_*` labels).
///
/// Every value goes through `{{ }}` (HTML-escaped, bidi-isolated); the CSV cells go through
/// ``CSVTable`` (RFC 4180, formula-safe). The output is a function of its inputs only.
public struct SoARenderer: Sendable {
    public var templates: TemplateSet
    /// UI labels by locale, then key, as the site renderer takes them.
    public var labels: [String: [String: String]]
    /// A line printed on every page and in every CSV row (NDA bundles), or nil.
    public var watermark: String?

    public init(
        templates: TemplateSet, labels: [String: [String: String]], watermark: String? = nil
    ) {
        self.templates = templates
        self.labels = labels
        self.watermark = watermark
    }

    /// The file name of the statement in `locale` with `extension` (`html`, `csv`).
    public static func fileName(locale: String, extension: String) -> String {
        "statement-of-applicability.\(locale).\(`extension`)"
    }

    private static func isLocaleByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            || byte == 0x2D
    }

    /// The HTML and CSV files for each of `locales`, keyed by ``fileName(locale:extension:)``.
    public func files(
        _ statement: StatementOfApplicability, heading: SoAHeading, locales: [String]
    ) throws(RenderError) -> [String: Data] {
        var files: [String: Data] = [:]
        for locale in locales {
            // The locale is part of a file name: letters, digits and `-` only (`fr-CA`).
            guard !locale.isEmpty, locale.utf8.allSatisfy(Self.isLocaleByte) else {
                throw RenderError(
                    code: .io, detail: "'\(locale)' is not a locale such as en or fr-CA")
            }
            files[Self.fileName(locale: locale, extension: "html")] = Data(
                try html(statement, heading: heading, locale: locale).utf8)
            files[Self.fileName(locale: locale, extension: "csv")] = Data(
                csv(statement, locale: locale).text.utf8)
        }
        return files
    }

    /// The page in `locale`.
    public func html(
        _ statement: StatementOfApplicability, heading: SoAHeading, locale: String
    ) throws(RenderError) -> String {
        let words = Words(locale: locale, labels: SiteContext.labels(for: locale, in: labels))
        let page = SoAPage(statement, heading: heading, words: words, watermark: watermark)
        // Parsed once per template set, however many locales are rendered.
        let library = try ReportRenderer(templates: templates).styleLibrary()
        return try templates.template("reports/soa.html.mustache").render(
            ReflectedContext.tree(page) ?? page, library: library)
    }

    /// The table in `locale`: one row per Annex A control, in order.
    public func csv(_ statement: StatementOfApplicability, locale: String) -> CSVTable {
        let words = Words(locale: locale, labels: SiteContext.labels(for: locale, in: labels))
        let header = [
            "control", "title", "applicable", "justification", "status", "status_text",
            "score_percent",
            "implementing_controls", "evidence", "exceptions", "reasons",
        ]
        let rows = statement.rows.map { row -> [String] in
            [
                row.key.requirement.rawValue, row.title.text(for: locale),
                row.isApplicable ? "yes" : "no",
                words.justification(row, locale: locale).joined(separator: " "),
                row.status.rawValue, words.status(row.status),
                row.score.map { ReportContext.oneDecimal(NodeScore.percent($0)) } ?? "",
                row.implementers.map(\.id.rawValue).joined(separator: " "),
                row.implementers.flatMap(\.evidence).map {
                    "\($0.id)=\($0.status.name)" + ($0.sha256.map { ":sha256:\($0)" } ?? "")
                }.joined(separator: " "),
                row.exceptions.map(words.exception).joined(separator: " "),
                (row.stated?.reasons ?? []).map(\.rawValue).joined(separator: " "),
            ]
        }
        return CSVTable(header: header, rows: rows, notice: watermark)
    }
}

/// What the page header names: the organisation and the build or run the scores come from.
public struct SoAHeading: Hashable, Sendable {
    public var organisation: String
    /// When the scores were taken (the build time, or the run's start).
    public var asOf: Date
    /// The build id or the store run the statement is drawn from, e.g. `run 12`.
    public var source: String

    public init(organisation: String, asOf: Date, source: String) {
        self.organisation = organisation
        self.asOf = asOf
        self.source = source
    }
}

/// The labels of one locale, with the sentences built from them.
struct Words {
    let locale: String
    let labels: [String: String]
    var format: SiteFormatter { SiteFormatter(locale: locale) }

    subscript(_ key: String) -> String { labels[key] ?? key }

    func fill(_ key: String, _ values: [String: String]) -> String {
        var text = self[key]
        for name in values.keys.sorted() {
            text = text.replacingOccurrences(of: "{\(name)}", with: values[name] ?? "")
        }
        return text
    }

    func status(_ status: StatementOfApplicability.Status) -> String {
        switch status {
        case .implemented: self["soa_status_implemented"]
        case .partiallyImplemented: self["soa_status_partially_implemented"]
        case .notImplemented: self["soa_status_not_implemented"]
        case .inherited: self["soa_status_inherited"]
        case .notApplicable: self["soa_status_not_applicable"]
        }
    }

    /// "Exception EX-3 on ENC-01: <response> (remediation by 2027-03-31)." or, above the
    /// ceiling, "Exception EX-3 on ENC-01 (details withheld)."
    func exception(_ note: StatementOfApplicability.ExceptionNote) -> String {
        guard let response = note.managementResponse, let date = note.remediationDate else {
            return fill(
                "soa_exception_withheld",
                ["id": note.id.rawValue, "control": note.control.rawValue])
        }
        return fill(
            "soa_exception",
            [
                "id": note.id.rawValue, "control": note.control.rawValue,
                "response": response.text(for: locale), "date": format.date(date),
            ])
    }

    /// The justification sentences of a row: for inclusion, the stated reasons and note, the
    /// implementing controls, the
    /// mapped requirements and where an inherited score comes from; for exclusion, the
    /// workspace's justification.
    func justification(_ row: StatementOfApplicability.Row, locale: String) -> [String] {
        switch row.exclusion {
        case let .excluded(requirement, justification)?:
            let text = justification.text(for: locale)
            guard requirement != row.key else { return [fill("soa_excluded", ["reason": text])] }
            return [
                fill(
                    "soa_excluded_with",
                    ["reason": text, "requirement": requirement.requirement.rawValue])
            ]
        case .outsideSelectedTags?:
            return [self["soa_outside_tags"]]
        case nil:
            break
        }
        var sentences: [String] = []
        if let stated = row.stated {
            if !stated.reasons.isEmpty {
                let names = stated.reasons.map { self["soa_reason_\($0.rawValue)"] }
                sentences.append(fill("soa_reasons", ["reasons": names.joined(separator: ", ")]))
            }
            if let note = stated.note { sentences.append(note.text(for: locale)) }
        }
        let named = row.implementers.map(\.id.rawValue)
        if !named.isEmpty || row.withheld > 0 {
            var list = named
            if row.withheld > 0 { list.append(fill("soa_withheld", ["count": "\(row.withheld)"])) }
            sentences.append(
                fill(
                    row.status == .inherited ? "soa_inherited_controls" : "soa_implemented_by",
                    ["controls": list.joined(separator: ", ")]))
        }
        if !row.inheritedFrom.isEmpty {
            sentences.append(
                fill(
                    "soa_inherited_from",
                    ["requirements": row.inheritedFrom.map(\.description).joined(separator: ", ")]
                ))
        }
        if !row.mappedFrom.isEmpty {
            sentences.append(
                fill(
                    "soa_required_by",
                    ["requirements": row.mappedFrom.map(\.description).joined(separator: ", ")]))
        }
        if sentences.isEmpty { sentences.append(self["soa_no_basis"]) }
        return sentences
    }
}
