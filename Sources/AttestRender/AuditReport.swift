import AttestCore
import Foundation
import Mustache

/// Writes the audit reports: `audit/traceability.html` (the entry page: frameworks, links to
/// the matrix pages, exclusions, exceptions), the matrix split per framework into pages of at
/// most ``rowsPerPage`` rows (`audit/traceability/<framework>/page-<n>.html`),
/// `audit/traceability.csv`, `audit/evidence-index.csv` and, when the ceiling shows any
/// exception, `audit/exceptions.csv`.
///
/// The big tables are streamed row by row into their files: memory holds one framework's
/// leaves and each evidence item's rendered cells, never a table or a file, whatever the
/// number of rows. Every row is computed once per build.
/// The parts of the audit files, each writing files of its own (``ReportRenderer/writeAudit(_:frameworks:into:parts:)``).
public enum AuditPart: Sendable, CaseIterable {
    /// The traceability matrix (entry page, pages, CSV) and the exceptions register.
    case traceability
    /// `audit/evidence-index.csv`.
    case evidenceIndex
}

struct AuditReport {
    let model: ReportModel
    let frameworks: [FrameworkID]
    let watermark: String?
    let rowsPerPage: Int
    /// Renders the entry page (`reports/audit.html.mustache`, parsed once).
    let entry: ([String: Any]) -> String
    /// Renders a matrix page around a marker for its rows (`reports/audit-page.html.mustache`).
    let page: ([String: Any]) -> String
    /// Most bytes of rendered row ends kept for reuse (``TailCache``).
    var tailLimit = TailCache.defaultLimit

    /// The matrix page `number` (1-based) of `framework`, relative to `audit/`.
    static func pagePath(_ framework: FrameworkID, _ number: Int) -> String {
        "traceability/\(framework)/page-\(number).html"
    }

    /// Stands for the rows in a rendered page template; split on, never written.
    private static let rowsMarker = "\u{1}attest-traceability-rows\u{1}"

    private var line: CSVLine { CSVLine(notice: watermark) }

    /// The entry page, the matrix pages, `audit/traceability.csv` and, when the ceiling shows
    /// any exception, `audit/exceptions.csv`.
    func writeTraceability(into destination: some ReportDestination) throws(RenderError) {
        let counts = frameworks.map(rowCount)
        let html = entry(entryContext(counts: counts))
        try destination.stream(to: "audit/traceability.html") { sink in sink.write(html) }
        try destination.stream(to: "audit/traceability.csv") { csv throws(RenderError) in
            csv.write(line.header(AuditReport.traceabilityColumns))
            var tails = TailCache(
                line: line, uses: TailCache.uses(of: frameworks, in: model), limit: tailLimit)
            for (position, (framework, count)) in zip(frameworks, counts).enumerated() {
                tails.framework = position
                try writeMatrix(framework, rows: count, csv: csv, tails: &tails, into: destination)
            }
            for exclusion in exclusions() {
                csv.write(
                    line(
                        [
                            exclusion.framework, exclusion.requirement,
                            exclusion.requirementTitle, "excluded",
                        ] + Array(repeating: "", count: 12)
                            + [exclusion.justification, "", "", ""]))
            }
        }
        let shown = model.shownExceptions
        // Only when there is something to list: an empty table would carry no row, so not
        // the watermark a bundle's every CSV must show.
        if !shown.isEmpty {
            let text = ReportContext(model: model, watermark: watermark).exceptionsCSV(shown).text
            try destination.stream(to: "audit/exceptions.csv") { sink in sink.write(text) }
        }
    }

    static let traceabilityColumns =
        ["framework", "requirement", "requirementTitle", "basis", "leafScore"]
        + AuditRowTail.csvColumns

    // MARK: Rows

    /// How many shown evidence rows control `id` has, without building them.
    private func evidenceCount(of id: ControlID) -> Int {
        guard let control = model.graph.controls[id], model.isShown(control),
            let controlScore = model.scores.controls[id]
        else { return 0 }
        return zip(control.evidence, controlScore.evidence).reduce(0) {
            $0 + (model.isShown($1.0) ? 1 : 0)
        }
    }

    /// The number of matrix rows of `framework`: one per (leaf, shown control, shown
    /// evidence), a leaf without shown controls and a control without shown evidence counting
    /// one. Counted from the scores' leaves without building a row.
    func rowCount(_ framework: FrameworkID) -> Int {
        model.scores.leaves(under: .framework(framework)).reduce(0) { total, leaf in
            guard case let .direct(ids) = leaf.basis else { return total + 1 }
            let shown = ids.filter { model.graph.controls[$0].map(model.isShown) ?? false }
            if shown.isEmpty { return total + 1 }
            return total + shown.reduce(0) { $0 + max(1, evidenceCount(of: $1)) }
        }
    }

    /// The rendered row ends of each control's evidence, computed once and reused for every
    /// leaf the control satisfies, its memory bounded by ``limit`` bytes whatever the
    /// workspace (at 16 MiB a 100,000-item build spent half as long again on tails; at 64 MiB
    /// the cache was a tenth of the build's peak memory: docs/benchmarks.md, "Memory").
    ///
    /// When full, it drops the tails needed latest: the frameworks are written in a known
    /// order and each control's frameworks are known before the first row, so the tails of a
    /// control no later framework shows go first, then those whose next framework is furthest
    /// (Belady's rule), down to three quarters of the limit. Clearing everything instead, as it
    /// first did, rendered most tails once per framework that shows their control.
    struct TailCache {
        let line: CSVLine
        let limit: Int
        static let defaultLimit = 32 << 20
        /// For each control, the positions of the frameworks (in writing order) whose leaves
        /// it satisfies directly, ascending.
        private let uses: [ControlID: [Int]]
        private var tails: [ControlID: (rows: [AuditRowTail], size: Int)] = [:]
        private var bytes = 0
        /// The position of the framework being written.
        var framework = 0

        init(line: CSVLine, uses: [ControlID: [Int]], limit: Int = defaultLimit) {
            self.line = line
            self.uses = uses
            self.limit = limit
        }

        /// Each control's framework positions, from the scores' leaves (no row is built).
        static func uses(of frameworks: [FrameworkID], in model: ReportModel) -> [ControlID: [Int]]
        {
            var uses: [ControlID: [Int]] = [:]
            for (position, framework) in frameworks.enumerated() {
                for leaf in model.scores.leaves(under: .framework(framework)) {
                    guard case let .direct(ids) = leaf.basis else { continue }
                    for id in ids where uses[id]?.last != position {
                        uses[id, default: []].append(position)
                    }
                }
            }
            return uses
        }

        mutating func tails(
            of control: Control, in report: AuditReport
        ) -> [AuditRowTail] {
            if let known = tails[control.id] { return known.rows }
            let rows = report.model.evidenceRows(ofControl: control.id)
            let made =
                rows.isEmpty
                ? [AuditRowTail(control: control, line: line)]
                : rows.map { AuditRowTail(AuditEvidence($0), line: line) }
            let size = made.reduce(0) { $0 + $1.html.count + $1.csv.count }
            if bytes + size > limit { evict(toFit: size) }
            tails[control.id] = (made, size)
            bytes += size
            return made
        }

        /// The position of the next framework, from the current one on, that shows `id`; nil
        /// when none does.
        private func nextUse(of id: ControlID) -> Int? {
            guard let positions = uses[id] else { return nil }
            var low = 0
            var high = positions.count
            while low < high {
                let middle = (low + high) / 2
                if positions[middle] < framework { low = middle + 1 } else { high = middle }
            }
            return low < positions.count ? positions[low] : nil
        }

        /// Drops the tails needed latest until `size` more bytes fit in three quarters of the
        /// limit (so a full cache is not ranked again for every new control).
        private mutating func evict(toFit size: Int) {
            let ranked = tails.map { id, entry in (next: nextUse(of: id) ?? .max, id: id) }
                .sorted { $0.next > $1.next }
            let target = limit / 4 * 3
            for (_, id) in ranked where bytes + size > target {
                bytes -= tails.removeValue(forKey: id)?.size ?? 0
            }
        }
    }

    /// Streams `framework`'s rows into its matrix pages and `csv`.
    private func writeMatrix(
        _ framework: FrameworkID, rows count: Int, csv: TextSink, tails: inout TailCache,
        into destination: some ReportDestination
    ) throws(RenderError) {
        let pages = Self.pageCount(rows: count, perPage: rowsPerPage)
        var pager = try Pager(report: self, framework: framework, pages: pages)
        let empty = AuditRowTail.empty(line: line)
        for row in model.leafRows(of: framework) {
            let requirement = AuditRequirement(framework: framework, row: row)
            let html = requirement.html
            let cells = requirement.csvCells
            func write(_ tail: AuditRowTail) throws(RenderError) {
                let page = try pager.next(into: destination)
                page.write(html)
                page.write(tail.html)
                csv.write(cells)
                csv.write(tail.csv)
            }
            if row.controls.isEmpty { try write(empty) }
            for control in row.controls {
                for tail in tails.tails(of: control, in: self) { try write(tail) }
            }
        }
        try pager.finish(into: destination)
    }

    static func pageCount(rows: Int, perPage: Int) -> Int {
        max(1, (rows + perPage - 1) / perPage)
    }

    /// Opens the next page each time the current one is full.
    private struct Pager {
        let report: AuditReport
        let framework: FrameworkID
        let pages: Int
        var number = 0
        var written = 0
        var sink: TextSink?
        var suffix = ""

        init(report: AuditReport, framework: FrameworkID, pages: Int) throws(RenderError) {
            self.report = report
            self.framework = framework
            self.pages = pages
        }

        /// The page the next row goes to.
        mutating func next(
            into destination: some ReportDestination
        ) throws(RenderError)
            -> TextSink
        {
            if let sink, written < report.rowsPerPage {
                written += 1
                return sink
            }
            try close(into: destination)
            try open(into: destination)
            written = 1
            guard let sink else { throw Self.mismatch }
            return sink
        }

        /// Closes the last page; a framework without rows still gets its (empty) first page.
        mutating func finish(into destination: some ReportDestination) throws(RenderError) {
            if sink == nil, number == 0 { try open(into: destination) }
            try close(into: destination)
            guard number == pages else { throw Self.mismatch }
        }

        static let mismatch = RenderError(
            code: .io, detail: "the traceability matrix rows did not match their count")

        private mutating func open(into destination: some ReportDestination) throws(RenderError) {
            number += 1
            guard number <= pages else { throw Self.mismatch }
            let text = report.page(report.pageContext(framework, page: number, of: pages))
            let parts = text.components(separatedBy: AuditReport.rowsMarker)
            guard parts.count == 2 else {
                throw RenderError(
                    code: .invalidTemplate,
                    detail: "reports/audit-page.html.mustache: needs {{{rows}}} exactly once")
            }
            sink = try destination.open("audit/" + AuditReport.pagePath(framework, number))
            sink?.write(parts[0])
            suffix = parts[1]
        }

        private mutating func close(into destination: some ReportDestination) throws(RenderError) {
            guard let open = sink else { return }
            open.write(suffix)
            sink = nil
            try destination.close(open)
        }
    }

    // MARK: Evidence index

    static let evidenceIndexColumns = [
        "evidence", "control", "collector", "path", "status", "score", "observed", "expires",
        "sha256", "artifacts", "visibility", "date_source", "target", "revision", "signer",
        "exception",
    ]

    /// `audit/evidence-index.csv`: every shown evidence item of the shown controls behind the
    /// frameworks, in control then evidence order, once each.
    func writeEvidenceIndex(into destination: some ReportDestination) throws(RenderError) {
        try destination.stream(to: "audit/evidence-index.csv", writeEvidenceIndex)
    }

    private func writeEvidenceIndex(_ sink: TextSink) {
        sink.write(line.header(Self.evidenceIndexColumns))
        var relevant = Set<ControlID>()
        for framework in frameworks {
            relevant.formUnion(model.scores.contributingControls(under: .framework(framework)))
        }
        let revision = model.build.revision ?? ""
        var bytes = RowBytes(capacity: 1 << 10)
        for id in model.graph.controlIDs where relevant.contains(id) {
            for row in model.evidenceRows(ofControl: id) {
                let item = AuditEvidence(row)
                bytes.bytes.removeAll(keepingCapacity: true)
                line.append(
                    [
                        item.evidence, item.control, item.collector, item.path, item.status,
                        item.score, item.observed, item.expires, item.sha256, item.artifacts,
                        item.visibility, item.dateSource, item.target, revision, item.signer,
                        item.exception,
                    ], to: &bytes)
                sink.write(bytes.bytes)
            }
        }
    }

    // MARK: Pages

    /// The exclusions of the frameworks the ceiling shows, in framework then catalog order.
    func exclusions() -> [AuditExclusion] {
        frameworks.flatMap { framework in
            model.scores.exclusions(under: .framework(framework))
                .filter { $0.visibility <= model.ceiling }
                .map { exclusion in
                    let key = exclusion.requirement.key
                    return AuditExclusion(
                        framework: framework.rawValue, requirement: key.requirement.rawValue,
                        requirementTitle: model.graph.nodes[key]?.requirement.title.english ?? "",
                        justification: exclusion.justification.english,
                        visibility: exclusion.visibility.rawValue)
                }
        }
    }

    private var context: ReportContext { ReportContext(model: model, watermark: watermark) }

    private func frameworkName(_ id: FrameworkID) -> String {
        model.graph.frameworks[id]?.name.english ?? id.rawValue
    }

    func entryContext(counts: [Int]) -> [String: Any] {
        let exclusions = exclusions()
        let frameworks = zip(self.frameworks, counts).map { id, rows -> [String: Any] in
            let pages = Self.pageCount(rows: rows, perPage: rowsPerPage)
            return [
                "id": id.rawValue, "name": frameworkName(id), "rows": rows,
                "pages": (1...pages).map { number -> [String: Any] in
                    let first = (number - 1) * rowsPerPage + 1
                    return [
                        "href": Self.pagePath(id, number), "number": number,
                        "first": min(first, rows), "last": min(number * rowsPerPage, rows),
                    ]
                },
            ]
            .merging(context.scoreFields(model.scores.score(of: .framework(id)))) { $1 }
        }
        return context.header.merging([
            "exclusions": exclusions.map { row -> [String: Any] in
                [
                    "framework": row.framework, "requirement": row.requirement,
                    "requirementTitle": row.requirementTitle,
                    "justification": row.justification, "visibility": row.visibility,
                ]
            },
            "hasExclusions": !exclusions.isEmpty,
            "exceptions": model.shownExceptions.map(context.exceptionFields),
            "hasExceptions": !model.shownExceptions.isEmpty,
            "frameworks": frameworks,
            "rowsPerPage": rowsPerPage,
        ]) { $1 }
    }

    func pageContext(_ framework: FrameworkID, page: Int, of pages: Int) -> [String: Any] {
        context.header.merging([
            "framework": framework.rawValue,
            "frameworkName": frameworkName(framework),
            "page": page, "pages": pages,
            "hasPrevious": page > 1, "previous": "page-\(page - 1).html",
            "hasNext": page < pages, "next": "page-\(page + 1).html",
            "rows": Self.rowsMarker,
        ]) { $1 }
    }
}

/// The bound on the traceability matrix a build writes, checked before anything is collected.
///
/// Memory does not grow with the matrix (it is streamed), but its files do: about 1.4 KB of
/// HTML and CSV per row, so a workspace where thousands of controls each satisfy many
/// requirements can ask for tens of gigabytes. A build over the bound is refused up front,
/// naming the estimate and how to raise it (`attest build --max-audit-rows`).
public enum AuditRowBudget {
    /// Twenty times the Benchmarks generator's large workspace: about 3 GB of audit files.
    public static let defaultLimit = 2_000_000

    /// The rows `audit/traceability.csv` will hold for `graph`'s frameworks in scope at
    /// `ceiling` (matrix rows and excluded requirements), from the graph alone: a leaf's
    /// controls come from its coverage, as its score's basis does.
    ///
    /// - Complexity: O(leaves × controls per leaf), no row built.
    public static func rows(graph: ControlGraph, ceiling: Visibility = .internal) -> Int {
        var evidence: [ControlID: Int] = [:]
        func rows(of id: ControlID) -> Int? {
            if let known = evidence[id] { return known }
            guard let control = graph.controls[id], control.visibility <= ceiling else {
                return nil
            }
            let count = max(1, control.evidence.filter { $0.visibility <= ceiling }.count)
            evidence[id] = count
            return count
        }
        var total = 0
        for framework in graph.scopedFrameworkIDs {
            for key in graph.catalogOrder[framework] ?? [] {
                if let exclusion = graph.exclusions[key], exclusion.visibility <= ceiling {
                    total += 1
                }
                // In scope means assessable too; asked by key, no node is copied.
                guard graph.isInScope(key) else { continue }
                guard case let .direct(ids) = graph.coverage(of: key) else {
                    total += 1
                    continue
                }
                total += max(1, ids.compactMap(rows(of:)).reduce(0, +))
            }
        }
        return total
    }

    /// Refuses a workspace whose matrix would exceed `limit` rows.
    ///
    /// - Throws: `RenderError` (`render.too-many-rows`) naming the estimate, the bound and how
    ///   to raise it.
    public static func check(_ graph: ControlGraph, limit: Int) throws(RenderError) {
        let rows = rows(graph: graph)
        guard rows > limit else { return }
        let gigabytes = Double(rows) * 1_400 / 1e9
        throw RenderError(
            code: .tooManyRows,
            detail: "the traceability matrix would hold about \(rows) rows (about "
                + "\(SVG.number(gigabytes, decimals: 1)) GB of audit files), over the bound of "
                + "\(limit) rows; raise it with `attest build --max-audit-rows \(rows)`, or "
                + "narrow the frameworks in scope (`frameworks:` with `tags:` in attest.yaml)")
    }
}
