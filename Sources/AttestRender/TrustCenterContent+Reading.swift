import AttestCore

extension TrustCenterContent {
    /// A claim of the content with the controls that back it, for checks.
    struct Claim {
        var what: String
        var controls: [ControlID]
        var isPublic: Bool
        var position: SourcePosition?
    }

    /// Every item that may name `backed_by:` controls, with whether the public site shows it.
    var claims: [Claim] {
        var claims: [Claim] = []
        for section in sections {
            for item in section.items {
                claims.append(
                    Claim(
                        what: "an item of section '\(section.id)'", controls: item.controls,
                        isPublic: section.visibility == .public && item.visibility == .public,
                        position: item.position))
            }
        }
        func add(
            _ what: String, _ controls: [ControlID], _ visibility: Visibility, _ at: SourcePosition?
        ) {
            claims.append(
                Claim(what: what, controls: controls, isPublic: visibility == .public, position: at)
            )
        }
        for entry in integrations {
            add("integration '\(entry.name)'", entry.backedBy, entry.visibility, entry.position)
        }
        for entry in subprocessors {
            add("sub-processor '\(entry.name)'", entry.backedBy, entry.visibility, entry.position)
        }
        for entry in incidentResponse?.channels ?? [] {
            add("an incident channel", entry.backedBy, entry.visibility, entry.position)
        }
        for entry in incidentResponse?.commitments ?? [] {
            add("an incident commitment", entry.backedBy, entry.visibility, entry.position)
        }
        for entry in legal?.governingLaw ?? [] {
            add("a governing-law entry", entry.backedBy, entry.visibility, entry.position)
        }
        for entry in legal?.presence ?? [] {
            add("a presence entry", entry.backedBy, entry.visibility, entry.position)
        }
        for entry in legal?.policies ?? [] {
            add("a policy", entry.backedBy, entry.visibility, entry.position)
        }
        return claims
    }

    /// Findings about references from the content into the graph: controls that do not exist
    /// (errors), section domains that name no requirement (errors), public claims that no
    /// control backs and public controls that nothing on the site shows (warnings).
    ///
    /// A claim may be backed by `nda` or `internal` controls: they count in its live status,
    /// and the site never names them.
    ///
    /// - Complexity: O(claims × their controls + controls).
    public func check(against graph: ControlGraph) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for section in sections {
            if let domain = section.domain, graph.nodes[domain] == nil {
                findings.append(
                    .error(
                        .trustCenterUnknownDomain,
                        "section '\(section.id)' names unknown domain '\(domain)'",
                        at: section.position))
            }
        }
        let scoped = graph.scopedFrameworkIDs.map(\.rawValue).sorted()
        for featured in featured where !scoped.contains(featured.id) {
            findings.append(
                .error(
                    .trustCenterUnknownFramework,
                    "featured names '\(featured.id)', which is not a framework of `frameworks:`",
                    at: featured.position,
                    hint: Spelling.closest(to: featured.id, among: scoped, maxEdits: 3).map {
                        "did you mean '\($0)'?"
                    }))
        }
        var shown: Set<ControlID> = []
        for claim in claims {
            for id in claim.controls where graph.controls[id] == nil {
                findings.append(
                    .error(
                        .trustCenterUnknownControl, "\(claim.what) names unknown control '\(id)'",
                        at: claim.position))
            }
            guard claim.isPublic else { continue }
            shown.formUnion(claim.controls)
            if claim.controls.isEmpty {
                findings.append(
                    .warning(
                        .trustCenterUnbackedClaim,
                        "\(claim.what) is public and names no control backing it",
                        at: claim.position,
                        hint: "name the controls that prove it with `backed_by: [ID, …]`"))
            }
        }
        // A workspace that publishes practice sections should show each public control
        // somewhere; one without sections publishes none, and is not asked to.
        guard !sections.isEmpty else { return findings }
        for program in graph.manifest.programs where program.visibility == .public {
            shown.formUnion(program.measuredBy?.controls.map(\.id) ?? [])
        }
        for id in graph.controlIDs {
            guard let control = graph.controls[id], control.visibility == .public,
                control.notApplicable == nil, !shown.contains(id)
            else { continue }
            findings.append(
                .warning(
                    .trustCenterUnshownControl,
                    "control '\(id)' is public but no trust-center item or program shows it",
                    at: control.position,
                    hint: "name it in the `backed_by:` of the claim it proves, or make it "
                        + "`nda` or `internal` if it should not be published"))
        }
        return findings
    }

    /// Reads `trust_center:`; scope manifests named by integrations are read through
    /// `loadDocument` (workspace-relative path → parsed YAML or JSON).
    ///
    /// - Returns: the content (partial when there are findings) and the findings.
    public static func read(
        _ value: ConfigValue?,
        loadDocument: (String, SourcePosition) -> Result<ConfigValue?, Diagnostic>
    ) -> (TrustCenterContent, [Diagnostic]) {
        guard let value else { return (TrustCenterContent(), []) }
        var reader = ConfigReader()
        var content = TrustCenterContent()
        guard
            let fields = reader.fields(
                value, "trust_center",
                allowed: [
                    "title", "tagline", "contact", "report_request", "sections", "integrations",
                    "subprocessors", "incident_response", "legal", "public_status", "featured",
                    "thresholds",
                ])
        else { return (content, reader.diagnostics) }
        content.title = fields["title"].flatMap { reader.text($0, "title") }
        content.tagline = fields["tagline"].flatMap { reader.text($0, "tagline") }
        content.contact = fields["contact"].flatMap { reader.string($0, "contact") }
        if let request = fields["report_request"],
            let options = reader.fields(
                request, "report_request", allowed: ["email", "url", "text"])
        {
            content.reportRequest = ReportRequest(
                email: options["email"].flatMap { reader.string($0, "email") },
                url: options["url"].flatMap { reader.plainString($0, "url") },
                text: options["text"].flatMap { reader.text($0, "text") })
        }
        content.sections = list(fields["sections"], "sections", &reader) { readSection($0, &$1) }
        content.integrations = list(fields["integrations"], "integrations", &reader) {
            readIntegration($0, &$1, loadDocument: loadDocument)
        }
        content.subprocessors = list(fields["subprocessors"], "subprocessors", &reader) {
            readSubprocessor($0, &$1)
        }
        if let incident = fields["incident_response"] {
            content.incidentResponse = readIncidentResponse(incident, &reader)
        }
        if let legal = fields["legal"] { content.legal = readLegal(legal, &reader) }
        if let status = fields["public_status"].flatMap({
            reader.choice($0, "public_status", as: SitePresentation.PublicStatus.self)
        }) {
            content.publicStatus = status
        }
        content.featured = list(fields["featured"], "featured", &reader) { value, reader in
            reader.plainString(value, "a featured framework id").map {
                Featured(id: $0, position: value.position)
            }
        }
        if let thresholds = fields["thresholds"] {
            content.thresholds = readThresholds(thresholds, &reader) ?? content.thresholds
        }
        return (content, reader.diagnostics)
    }

    /// `thresholds: { good: 90, fair: 60 }`: percentages 0–100 with `good ≥ fair`; a key left
    /// out keeps its default. Nil (with findings) when a value is out of range or the order is
    /// wrong, so the defaults stay in force.
    private static func readThresholds(
        _ value: ConfigValue, _ reader: inout ConfigReader
    ) -> SitePresentation.Thresholds? {
        guard let fields = reader.fields(value, "thresholds", allowed: ["good", "fair"]) else {
            return nil
        }
        var thresholds = SitePresentation.Thresholds()
        var valid = true
        for key in ["good", "fair"] {
            guard let entry = fields[key] else { continue }
            guard let number = entry.resolvedScalar?.number, number.isFinite else {
                reader.error(
                    .schemaWrongType,
                    "expected a percentage (0–100) for thresholds.\(key), found "
                        + entry.describedValue, at: entry.position)
                valid = false
                continue
            }
            guard (0...100).contains(number) else {
                reader.error(
                    .schemaInvalidValue,
                    "thresholds.\(key) is a percentage from 0 to 100, found \(number)",
                    at: entry.position)
                valid = false
                continue
            }
            if key == "good" { thresholds.good = number } else { thresholds.fair = number }
        }
        if valid, thresholds.good < thresholds.fair {
            reader.error(
                .schemaInvalidValue,
                "thresholds.good (\(thresholds.good)) must be at least thresholds.fair "
                    + "(\(thresholds.fair))",
                at: (fields["good"] ?? fields["fair"])?.position ?? value.position)
            valid = false
        }
        return valid ? thresholds : nil
    }

    private static func list<T>(
        _ value: ConfigValue?, _ what: String, _ reader: inout ConfigReader,
        _ item: (ConfigValue, inout ConfigReader) -> T?
    ) -> [T] {
        guard let value, let items = reader.sequence(value, what) else { return [] }
        return items.compactMap { item($0, &reader) }
    }

    private static func visibility(_ fields: Fields, _ reader: inout ConfigReader) -> Visibility {
        fields["visibility"].flatMap {
            reader.choice($0, "visibility", as: Visibility.self, code: .controlInvalidVisibility)
        } ?? .public
    }

    /// The controls of `backed_by:` (with `controls:` as the older name on section items).
    private static func backing(_ fields: Fields, _ reader: inout ConfigReader) -> [ControlID] {
        (fields["backed_by"].flatMap { reader.strings($0, "backed_by") } ?? []).map {
            ControlID($0)
        }
    }

    private static func readSection(_ value: ConfigValue, _ reader: inout ConfigReader) -> Section?
    {
        guard
            let fields = reader.fields(
                value, "a section",
                allowed: ["id", "title", "summary", "domain", "items", "visibility"],
                required: ["id", "title"]),
            let id = fields["id"].flatMap({ reader.string($0, "section id") }),
            let title = fields["title"].flatMap({ reader.text($0, "section title") })
        else { return nil }
        var domain: RequirementKey?
        if let value = fields["domain"], let text = reader.string(value, "domain") {
            domain = RequirementKey(parsing: text)
            if domain == nil {
                reader.error(
                    .schemaInvalidValue, "'\(text)' is not a domain such as soc2/CC6",
                    at: value.position)
            }
        }
        let items = list(fields["items"], "items", &reader) { value, reader -> Item? in
            guard
                let item = reader.fields(
                    value, "an item",
                    allowed: ["title", "text", "controls", "backed_by", "visibility"],
                    required: ["title"]),
                let title = item["title"].flatMap({ reader.text($0, "item title") })
            else { return nil }
            if item["controls"] != nil, let both = item["backed_by"] {
                reader.error(
                    .schemaInvalidValue,
                    "an item names its controls once: 'backed_by' (or the older 'controls')",
                    at: both.position)
            }
            let controls = (item["controls"].flatMap { reader.strings($0, "controls") } ?? []).map {
                ControlID($0)
            }
            return Item(
                title: title, text: item["text"].flatMap { reader.text($0, "text") },
                controls: controls + backing(item, &reader),
                visibility: visibility(item, &reader), position: value.position)
        }
        return Section(
            id: id, title: title, summary: fields["summary"].flatMap { reader.text($0, "summary") },
            domain: domain, items: items, visibility: visibility(fields, &reader),
            position: value.position)
    }

    private static func readIntegration(
        _ value: ConfigValue, _ reader: inout ConfigReader,
        loadDocument: (String, SourcePosition) -> Result<ConfigValue?, Diagnostic>
    ) -> Integration? {
        guard
            let fields = reader.fields(
                value, "an integration",
                allowed: ["name", "manifest", "scopes", "visibility", "backed_by"],
                required: ["name"]),
            let name = fields["name"].flatMap({ reader.string($0, "integration name") })
        else { return nil }
        var scopes = list(fields["scopes"], "scopes", &reader) { readScope($0, &$1) }
        var manifest: String?
        if let path = fields["manifest"], let text = reader.string(path, "manifest") {
            manifest = text
            switch loadDocument(text, path.position) {
            case let .failure(diagnostic): reader.report(diagnostic)
            case let .success(document?):
                // A manifest is `{ scopes: [...] }` (other keys, such as the provider, are allowed).
                if let list = document["scopes"], let items = reader.sequence(list, "scopes") {
                    scopes += items.compactMap { readScope($0, &reader) }
                } else {
                    reader.error(
                        .schemaMissingKey, "a scope manifest needs a 'scopes' list",
                        at: document.position)
                }
            case .success(nil):
                reader.error(.schemaMissing, "the scope manifest is empty", at: path.position)
            }
        }
        return Integration(
            name: name, scopes: scopes, manifest: manifest, visibility: visibility(fields, &reader),
            backedBy: backing(fields, &reader), position: value.position)
    }

    private static func readScope(_ value: ConfigValue, _ reader: inout ConfigReader) -> Scope? {
        guard
            let fields = reader.fields(
                value, "a scope", allowed: ["scope", "access", "purpose", "visibility"],
                required: ["scope", "access", "purpose"]),
            let scope = fields["scope"].flatMap({ reader.string($0, "scope") }),
            let access = fields["access"].flatMap({ reader.string($0, "access") }),
            let purpose = fields["purpose"].flatMap({ reader.text($0, "purpose") })
        else { return nil }
        return Scope(
            scope: scope, access: access, purpose: purpose,
            visibility: visibility(fields, &reader))
    }

    private static func readSubprocessor(
        _ value: ConfigValue, _ reader: inout ConfigReader
    ) -> Subprocessor? {
        guard
            let fields = reader.fields(
                value, "a sub-processor",
                allowed: ["name", "purpose", "location", "url", "visibility", "backed_by"],
                required: ["name", "purpose", "location"]),
            let name = fields["name"].flatMap({ reader.string($0, "name") }),
            let purpose = fields["purpose"].flatMap({ reader.text($0, "purpose") }),
            let location = fields["location"].flatMap({ reader.text($0, "location") })
        else { return nil }
        return Subprocessor(
            name: name, purpose: purpose, location: location,
            url: fields["url"].flatMap { reader.plainString($0, "url") },
            visibility: visibility(fields, &reader), backedBy: backing(fields, &reader),
            position: value.position)
    }

    private static func readIncidentResponse(
        _ value: ConfigValue, _ reader: inout ConfigReader
    ) -> IncidentResponse? {
        guard
            let fields = reader.fields(
                value, "incident_response", allowed: ["channels", "commitments"])
        else {
            return nil
        }
        let channels = list(fields["channels"], "channels", &reader) { value, reader -> Channel? in
            guard
                let channel = reader.fields(
                    value, "a channel",
                    allowed: ["name", "contact", "priority", "visibility", "backed_by"],
                    required: ["name", "contact", "priority"]),
                let name = channel["name"].flatMap({ reader.text($0, "channel name") }),
                let contact = channel["contact"].flatMap({ reader.string($0, "contact") }),
                let priority = channel["priority"].flatMap({ reader.positiveNumber($0, "priority") }
                )
            else { return nil }
            return Channel(
                name: name, contact: contact, priority: Int(priority),
                visibility: visibility(channel, &reader), backedBy: backing(channel, &reader),
                position: value.position)
        }
        let commitments = list(fields["commitments"], "commitments", &reader) {
            value, reader -> Commitment? in
            // A text, or `{ text: …, visibility: … }`.
            guard value.mapping?.contains(where: { $0.key == "text" }) == true else {
                return reader.text(value, "a commitment").map {
                    Commitment(text: $0, visibility: .public, position: value.position)
                }
            }
            guard
                let entry = reader.fields(
                    value, "a commitment", allowed: ["text", "visibility", "backed_by"],
                    required: ["text"]),
                let text = entry["text"].flatMap({ reader.text($0, "a commitment") })
            else { return nil }
            return Commitment(
                text: text, visibility: visibility(entry, &reader),
                backedBy: backing(entry, &reader), position: value.position)
        }
        return IncidentResponse(
            channels: channels.sorted { ($0.priority, $0.contact) < ($1.priority, $1.contact) },
            commitments: commitments)
    }

    private static func readLegal(_ value: ConfigValue, _ reader: inout ConfigReader) -> Legal? {
        guard
            let fields = reader.fields(
                value, "legal", allowed: ["governing_law", "presence", "policies"])
        else {
            return nil
        }
        let law = list(fields["governing_law"], "governing_law", &reader) {
            value, reader -> GoverningLaw? in
            guard
                let entry = reader.fields(
                    value, "a governing law",
                    allowed: ["customers", "law", "visibility", "backed_by"],
                    required: ["customers", "law"]),
                let customers = entry["customers"].flatMap({ reader.text($0, "customers") }),
                let law = entry["law"].flatMap({ reader.text($0, "law") })
            else { return nil }
            return GoverningLaw(
                customers: customers, law: law, visibility: visibility(entry, &reader),
                backedBy: backing(entry, &reader), position: value.position)
        }
        let presence = list(fields["presence"], "presence", &reader) { value, reader -> Presence? in
            guard
                let entry = reader.fields(
                    value, "a presence", allowed: ["place", "role", "visibility", "backed_by"],
                    required: ["place", "role"]),
                let place = entry["place"].flatMap({ reader.text($0, "place") }),
                let role = entry["role"].flatMap({ reader.text($0, "role") })
            else { return nil }
            return Presence(
                place: place, role: role, visibility: visibility(entry, &reader),
                backedBy: backing(entry, &reader), position: value.position)
        }
        let policies = list(fields["policies"], "policies", &reader) { value, reader -> Policy? in
            guard
                let entry = reader.fields(
                    value, "a policy", allowed: ["title", "url", "visibility", "backed_by"],
                    required: ["title", "url"]),
                let title = entry["title"].flatMap({ reader.text($0, "policy title") }),
                let url = entry["url"].flatMap({ reader.plainString($0, "url") })
            else { return nil }
            return Policy(
                title: title, url: url, visibility: visibility(entry, &reader),
                backedBy: backing(entry, &reader), position: value.position)
        }
        return Legal(governingLaw: law, presence: presence, policies: policies)
    }
}
