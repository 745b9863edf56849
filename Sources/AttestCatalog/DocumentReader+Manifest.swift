import AttestCore
import Foundation

/// What one workspace file (the manifest or an included fragment) contributes.
struct FragmentContents {
    var includes: [(pattern: String, position: SourcePosition)] = []
    var controls: [Control] = []
    var programs: [Program] = []
    var exclusions: [Exclusion] = []
    var signers: [Signer] = []
    var exceptions: [Exception] = []
    var applicability: [ApplicabilityStatement] = []
    var documents: [Document] = []
    /// Frameworks read from OSCAL files (`frameworks: - oscal: PATH`; the manifest only).
    var oscalFrameworks: [OSCALFrameworkSource] = []
}

extension ConfigReader {
    static let fragmentKeys: Set<String> = [
        "schema", "include", "controls", "programs", "exclusions", "signers", "exceptions",
        "applicability", "documents",
    ]
    static let manifestKeys: Set<String> = fragmentKeys.union([
        "organisation", "frameworks", "locales", "default_locale", "output", "store", "freshness",
        "trust_center",
        "public_key", "aggregate", "reports", "mappings", "portal",
    ])

    /// Reads the keys a manifest and a fragment share.
    mutating func readFragment(_ fields: Fields) -> FragmentContents {
        var contents = FragmentContents()
        if let include = fields["include"], let items = sequence(include, "include") {
            for item in items {
                if let pattern = string(item, "an include pattern") {
                    contents.includes.append((pattern, item.position))
                }
            }
        }
        contents.controls = fields["controls"].map { readControls($0) } ?? []
        if let programs = fields["programs"], let items = sequence(programs, "programs") {
            contents.programs = items.compactMap { readProgram($0) }
        }
        if let exclusions = fields["exclusions"], let items = sequence(exclusions, "exclusions") {
            contents.exclusions = items.compactMap { readExclusion($0) }
        }
        contents.signers = fields["signers"].map { readSigners($0) } ?? []
        contents.exceptions = fields["exceptions"].map { readExceptions($0) } ?? []
        contents.applicability = fields["applicability"].map { readApplicability($0) } ?? []
        contents.documents = fields["documents"].map { readDocuments($0) } ?? []
        return contents
    }

    /// Reads the manifest-only keys of `attest.yaml`; the frameworks it reads from OSCAL files
    /// are added to `oscal`.
    mutating func readManifest(
        _ fields: Fields, position: SourcePosition, oscal: inout [OSCALFrameworkSource]
    ) -> Manifest {
        var manifest = Manifest(organisation: "", position: position)
        if let organisation = fields["organisation"],
            let details = self.fields(
                organisation, "organisation",
                allowed: ["name", "legal_name", "website", "country", "contact"], required: ["name"]
            )
        {
            manifest.organisation =
                details["name"].flatMap { string($0, "organisation name") } ?? ""
            manifest.organisationProfile = organisation
        } else if fields["organisation"] == nil {
            error(.schemaMissingKey, "attest.yaml needs the key 'organisation'", at: position)
        }
        if let frameworks = fields["frameworks"], let items = sequence(frameworks, "frameworks") {
            manifest.frameworks = items.compactMap { readFrameworkSelection($0, oscal: &oscal) }
        }
        if let locales = fields["locales"] {
            let list = strings(locales, "locales") ?? []
            if list.isEmpty {
                error(
                    .schemaInvalidValue, "locales needs at least one locale", at: locales.position)
            } else {
                manifest.locales = list
            }
        }
        if let value = fields["default_locale"],
            let locale = plainString(value, "default_locale")
        {
            if manifest.locales.contains(locale) {
                manifest.defaultLocale = locale
            } else {
                error(
                    .schemaInvalidValue,
                    "default_locale '\(locale)' is not one of locales: "
                        + manifest.locales.joined(separator: ", "), at: value.position)
            }
        }
        if let output = fields["output"].flatMap({ string($0, "output") }) {
            manifest.output = output
        }
        if let store = fields["store"].flatMap({ string($0, "store") }) { manifest.store = store }
        if let freshness = fields["freshness"],
            let options = self.fields(
                freshness, "freshness", allowed: ["expiring_within", "undated"])
        {
            if let span = options["expiring_within"].flatMap({ timeSpan($0, "expiring_within") }) {
                manifest.expiringWithin = span
            }
            if let policy = options["undated"].flatMap({
                choice($0, "freshness.undated policy", as: UndatedPolicy.self)
            }) {
                manifest.undated = policy
            }
        }
        manifest.aggregate = fields["aggregate"].flatMap {
            choice($0, "aggregate", as: Aggregate.self)
        }
        if let reports = fields["reports"],
            let options = self.fields(reports, "reports", allowed: ["period"])
        {
            manifest.reportPeriod = options["period"].flatMap { readReportPeriod($0) }
        }
        manifest.trustCenter = fields["trust_center"]
        manifest.publicKey = fields["public_key"].flatMap { string($0, "public_key") }
        manifest.portal = fields["portal"].flatMap { readPortal($0) }
        manifest.mappingCollections =
            fields["mappings"].map { readMappingCollectionImports($0) } ?? []
        for key in ["output", "store", "public_key"] {
            if let value = fields[key] { manifest.keyPositions[key] = value.position }
        }
        return manifest
    }

    /// `reports.period`, checked as `--period` reads it (any day stands for today: only the
    /// form is judged here, the build clock fixes the days).
    private mutating func readReportPeriod(_ value: ConfigValue) -> String? {
        guard let text = string(value, "reports.period") else { return nil }
        do {
            _ = try OperatingPeriod(parsing: text, today: Date(timeIntervalSince1970: 0))
            return text
        } catch {
            self.error(.schemaInvalidValue, error.description, at: value.position)
            return nil
        }
    }

    /// A framework id, `{ id, tags }`, or a framework read from OSCAL (`{ oscal: PATH, id, … }`,
    /// whose source is added to `oscal`).
    private mutating func readFrameworkSelection(
        _ value: ConfigValue, oscal: inout [OSCALFrameworkSource]
    ) -> FrameworkSelection? {
        if value.scalar != nil {
            return string(value, "a framework id").map {
                FrameworkSelection(id: FrameworkID($0), position: value.position)
            }
        }
        let isOSCAL = value["oscal"] != nil
        guard
            let fields = fields(
                value, isOSCAL ? "an OSCAL framework" : "a framework selection",
                allowed: isOSCAL ? Self.oscalFrameworkKeys : ["id", "tags", "oscal"],
                required: ["id"]),
            let id = fields["id"].flatMap({ plainString($0, "framework id") })
        else { return nil }
        if isOSCAL, let source = readOSCALSource(fields, id: id) { oscal.append(source) }
        let tags = fields["tags"].flatMap { strings($0, "tags") }
        return FrameworkSelection(id: FrameworkID(id), tags: tags, position: value.position)
    }

    private mutating func readProgram(_ value: ConfigValue) -> Program? {
        guard
            let fields = fields(
                value, "a program",
                allowed: [
                    "id", "title", "framework", "status", "auditor", "certified_on", "expires_on",
                    "external_score", "target", "report_under_nda", "domains", "description",
                    "visibility", "proof", "measured_by",
                ],
                required: ["title", "status"])
        else { return nil }
        let framework = fields["framework"].flatMap { string($0, "framework") }.map {
            FrameworkID($0)
        }
        let id = fields["id"].flatMap { string($0, "program id") } ?? framework?.rawValue
        let title = fields["title"].flatMap { text($0, "program title") }
        let status = fields["status"].flatMap {
            choice($0, "program status", as: Program.Status.self)
        }
        let target = fields["target"].flatMap { quarter($0) }
        let domains: [RequirementReference] =
            fields["domains"].flatMap { domains in
                sequence(domains, "domains")?.compactMap { item in
                    guard let framework, let id = string(item, "a domain id") else { return nil }
                    return RequirementReference(
                        RequirementKey(framework, RequirementID(id)), at: item.position)
                }
            } ?? []
        if fields["domains"] != nil, framework == nil {
            error(
                .schemaMissingKey, "a program with domains needs the key 'framework'",
                at: value.position)
        }
        if id == nil {
            error(
                .schemaMissingKey, "a program without a framework needs the key 'id'",
                at: value.position)
        }
        let proof = fields["proof"].flatMap { readProof($0) }
        if proof != nil {
            // The proof's file supplies these; a typed value beside it would be a second,
            // unproven source of the same fact.
            for key in ["auditor", "certified_on", "expires_on", "external_score"] {
                guard let typed = fields[key] else { continue }
                error(
                    .programTypedBesideProof,
                    "'\(key)' is read from the program's proof; remove the typed value",
                    at: typed.position)
            }
        }
        let measure = fields["measured_by"].flatMap { readMeasure($0) }
        if measure != nil, framework != nil, let written = fields["measured_by"] {
            error(
                .programMeasureWithFramework,
                "measured_by is for a program without a framework; this one shows its "
                    + "framework's live %", at: written.position)
        }
        guard let id, let title, let status else { return nil }
        return Program(
            id: id, title: title, framework: framework, status: status,
            auditor: fields["auditor"].flatMap { string($0, "auditor") },
            certifiedOn: fields["certified_on"].flatMap { date($0, "certified_on") },
            expiresOn: fields["expires_on"].flatMap { date($0, "expires_on") },
            externalScore: fields["external_score"].flatMap { string($0, "external_score") },
            targetQuarter: target,
            reportUnderNDA: fields["report_under_nda"].flatMap { bool($0, "report_under_nda") }
                ?? false,
            domains: domains,
            description: fields["description"].flatMap { text($0, "description") },
            visibility: fields["visibility"].flatMap {
                choice($0, "visibility", as: Visibility.self, code: .controlInvalidVisibility)
            } ?? .public,
            proof: proof, measuredBy: measure,
            position: value.position)
    }

    /// `proof: { evidence: ID, sha256: HEX }`.
    private mutating func readProof(_ value: ConfigValue) -> ProgramProof? {
        guard
            let fields = fields(
                value, "proof", allowed: ["evidence", "sha256"], required: ["evidence"]),
            let evidence = fields["evidence"].flatMap({ string($0, "proof evidence") })
        else { return nil }
        var pinned: String?
        if let hash = fields["sha256"], let text = string(hash, "sha256") {
            if text.count == 64, text.allSatisfy({ "0123456789abcdef".contains($0) }) {
                pinned = text
            } else {
                error(
                    .schemaInvalidValue, "sha256 must be 64 lower-case hexadecimal digits",
                    at: hash.position)
            }
        }
        return ProgramProof(
            evidence: EvidenceID(evidence), sha256: pinned, position: value.position)
    }

    /// `measured_by: { controls: [ID…], figure: EVIDENCE-ID, unit: text }`.
    private mutating func readMeasure(_ value: ConfigValue) -> ProgramMeasure? {
        guard
            let fields = fields(
                value, "measured_by", allowed: ["controls", "figure", "unit"],
                required: ["controls"]),
            let list = fields["controls"], let items = sequence(list, "controls")
        else { return nil }
        let controls = items.compactMap { item in
            string(item, "a control id").map { ControlReference(ControlID($0), at: item.position) }
        }
        return ProgramMeasure(
            controls: controls,
            figure: fields["figure"].flatMap { string($0, "figure") }.map { EvidenceID($0) },
            unit: fields["unit"].flatMap { text($0, "unit") }, position: value.position,
            figurePosition: fields["figure"]?.position)
    }

    /// A target quarter `YYYY-Qn`.
    private mutating func quarter(_ value: ConfigValue) -> String? {
        guard let text = string(value, "target") else { return nil }
        let parts = text.split(separator: "-")
        if parts.count == 2, parts[0].count == 4, parts[0].allSatisfy(\.isNumber),
            ["Q1", "Q2", "Q3", "Q4"].contains(String(parts[1]))
        {
            return text
        }
        error(.schemaInvalidValue, "'\(text)' is not a quarter such as 2027-Q2", at: value.position)
        return nil
    }

    private mutating func readExclusion(_ value: ConfigValue) -> Exclusion? {
        guard
            let fields = fields(
                value, "an exclusion", allowed: ["requirement", "justification", "visibility"],
                required: ["requirement", "justification"]),
            let requirement = fields["requirement"], let text = string(requirement, "requirement"),
            let justification = fields["justification"].flatMap({ self.text($0, "justification") })
        else { return nil }
        guard let key = RequirementKey(parsing: text) else {
            error(
                .schemaInvalidValue, "'\(text)' is not a requirement reference such as soc2/P1.1",
                at: requirement.position)
            return nil
        }
        guard
            justification.values.values.allSatisfy({
                !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            })
        else {
            error(.schemaInvalidValue, "an exclusion needs a justification", at: value.position)
            return nil
        }
        return Exclusion(
            requirement: RequirementReference(key, at: requirement.position),
            justification: justification,
            visibility: fields["visibility"].flatMap {
                choice($0, "visibility", as: Visibility.self, code: .controlInvalidVisibility)
            } ?? .public,
            position: value.position)
    }
}
