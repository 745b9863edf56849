import CLibXML2
import Foundation

/// `trust-center.xml`: the public trust center in a versioned XML vocabulary (namespace
/// `https://attest.dev/ns/trust-center/1`, schema `templates/xml/trust-center.xsd`), written
/// with libxml2's text writer, which escapes every value.
public enum TrustCenterXMLWriter {
    public static let namespace = "https://attest.dev/ns/trust-center/1"

    public static func document(_ center: PublicTrustCenter) throws(RenderError) -> Data {
        guard let buffer = xmlBufferCreate() else {
            throw RenderError(code: .io, detail: "libxml2: no buffer")
        }
        defer { xmlBufferFree(buffer) }
        guard let raw = xmlNewTextWriterMemory(buffer, 0) else {
            throw RenderError(code: .io, detail: "libxml2: no text writer")
        }
        var writer = XMLTextWriter(raw)
        writer.start()
        writer.element("trustCenter") { w in
            w.attribute("xmlns", namespace)
            w.attribute("formatVersion", String(center.formatVersion))
            w.attribute("generatedAt", center.generatedAt)
            w.attribute("buildId", center.buildID)
            w.attribute("toolVersion", center.toolVersion)
            w.element("locales") { w in center.locales.forEach { w.leaf("locale", $0) } }
            w.element("organisation") { w in
                w.attribute("name", center.organisation.name)
                w.attribute("legalName", center.organisation.legalName)
                w.attribute("website", center.organisation.website)
                w.attribute("country", center.organisation.country)
            }
            w.texts("title", center.title)
            w.texts("tagline", center.tagline)
            if let contact = center.contact { w.leaf("contact", contact) }
            if let request = center.reportRequest {
                w.element("reportRequest") { w in
                    w.attribute("email", request.email)
                    w.attribute("url", request.url)
                    w.texts("text", request.text)
                    for program in request.programs {
                        w.element("program") { $0.texts("title", program) }
                    }
                }
            }
            w.element("programs") { w in center.programs.forEach { program($0, &w) } }
            w.element("frameworks") { w in
                for framework in center.frameworks {
                    w.element("framework") { w in
                        w.attribute("id", framework.id)
                        w.attribute("percent", percent(framework.percent))
                        w.attribute("coverage", percent(framework.coverage))
                        w.texts("name", framework.name)
                    }
                }
            }
            if let exclusions = center.exclusions, !exclusions.isEmpty {
                w.element("exclusions") { w in
                    for exclusion in exclusions {
                        w.element("exclusion") { w in
                            w.attribute("framework", exclusion.framework)
                            w.attribute("requirement", exclusion.requirement)
                            w.texts("title", exclusion.title)
                            w.texts("justification", exclusion.justification)
                        }
                    }
                }
            }
            w.element("sections") { w in center.sections.forEach { section($0, &w) } }
            w.element("integrations") { w in
                for integration in center.integrations {
                    w.element("integration") { w in
                        w.attribute("name", integration.name)
                        for scope in integration.scopes {
                            w.element("scope") { w in
                                w.attribute("scope", scope.scope)
                                w.attribute("access", scope.access)
                                w.texts("purpose", scope.purpose)
                            }
                        }
                        backing(integration.backing, &w)
                    }
                }
            }
            w.element("subprocessors") { w in
                for processor in center.subprocessors {
                    w.element("subprocessor") { w in
                        w.attribute("name", processor.name)
                        w.attribute("location", processor.location)
                        w.attribute("url", processor.url)
                        w.texts("purpose", processor.purpose)
                        w.texts("location", processor.localizedLocation)
                        backing(processor.backing, &w)
                    }
                }
            }
            if let incident = center.incidentResponse {
                w.element("incidentResponse") { w in
                    for channel in incident.channels {
                        w.element("channel") { w in
                            w.attribute("priority", String(channel.priority))
                            w.attribute("contact", channel.contact)
                            w.texts("name", channel.name)
                            backing(channel.backing, &w)
                        }
                    }
                    for (index, commitment) in incident.commitments.enumerated() {
                        w.element("commitment") { w in
                            w.texts("text", commitment)
                            let backings = incident.commitmentBacking ?? []
                            if index < backings.count { backing(backings[index], &w) }
                        }
                    }
                }
            }
            if let legal = center.legal {
                w.element("legal") { w in
                    for law in legal.governingLaw {
                        w.element("governingLaw") { w in
                            w.texts("customers", law.customers)
                            w.texts("law", law.law)
                            backing(law.backing, &w)
                        }
                    }
                    for presence in legal.presence {
                        w.element("presence") { w in
                            w.texts("place", presence.place)
                            w.texts("role", presence.role)
                            backing(presence.backing, &w)
                        }
                    }
                    for policy in legal.policies {
                        w.element("policy") { w in
                            w.attribute("url", policy.url)
                            w.texts("title", policy.title)
                            backing(policy.backing, &w)
                        }
                    }
                }
            }
            if let changes = center.changes { self.changes(changes, &w) }
            if let key = center.signingKey {
                w.element("signingKey") { w in
                    w.attribute("algorithm", key.algorithm)
                    w.attribute("fingerprint", key.fingerprint)
                }
            }
        }
        writer.finish()
        if let failure = writer.failure {
            throw RenderError(code: .io, detail: "libxml2 writer: \(failure)")
        }
        guard let content = xmlBufferContent(buffer) else { return Data() }
        return Data(bytes: content, count: Int(xmlBufferLength(buffer)))
    }

    private static func control(_ control: PublicTrustCenter.ControlState, _ w: inout XMLTextWriter)
    {
        w.element("control") { w in
            w.attribute("id", control.id)
            w.attribute("state", control.state)
            w.attribute("percent", percent(control.percent))
            w.texts("title", control.title)
        }
    }

    /// `<backing status percent>` with the public controls among those behind a claim.
    private static func backing(_ backing: PublicTrustCenter.Backing?, _ w: inout XMLTextWriter) {
        guard let backing else { return }
        w.element("backing") { w in
            w.attribute("status", backing.status)
            w.attribute("percent", backing.percent.map(percent))
            for item in backing.controls { control(item, &w) }
        }
    }

    /// One decimal, `.` separator: xs:decimal whatever the locale.
    static func percent(_ value: Double) -> String { ReportContext.oneDecimal(value) }

    private static func domain(_ domain: PublicTrustCenter.Domain, _ w: inout XMLTextWriter) {
        w.element("domain") { w in
            w.attribute("framework", domain.framework)
            w.attribute("id", domain.id)
            w.attribute("percent", percent(domain.percent))
            w.texts("title", domain.title)
        }
    }

    private static func program(_ program: PublicTrustCenter.Program, _ w: inout XMLTextWriter) {
        w.element("program") { w in
            w.attribute("id", program.id)
            w.attribute("status", program.status)
            w.attribute("standing", program.standing)
            w.attribute("framework", program.framework)
            w.attribute("auditor", program.auditor)
            w.attribute("certifiedOn", program.certifiedOn)
            w.attribute("expiresOn", program.expiresOn)
            w.attribute("externalScore", program.externalScore)
            w.attribute("targetQuarter", program.targetQuarter)
            w.attribute("reportUnderNDA", program.reportUnderNDA ? "true" : "false")
            w.attribute("percent", program.percent.map(percent))
            w.attribute("coverage", program.coverage.map(percent))
            w.texts("title", program.title)
            w.texts("frameworkName", program.frameworkName)
            w.texts("description", program.description)
            for item in program.domains { domain(item, &w) }
            if !program.trend.isEmpty {
                w.element("trend") { w in
                    for point in program.trend {
                        w.element("point") { w in
                            w.attribute("date", point.date)
                            w.attribute("percent", percent(point.percent))
                        }
                    }
                }
            }
            if let measure = program.measure {
                w.element("measure") { w in
                    w.attribute("passed", measure.passed.map(String.init))
                    w.attribute("total", measure.total.map(String.init))
                    w.texts("unit", measure.unit)
                    backing(measure.backing, &w)
                }
            }
        }
    }

    private static func section(_ section: PublicTrustCenter.Section, _ w: inout XMLTextWriter) {
        w.element("section") { w in
            w.attribute("id", section.id)
            w.texts("title", section.title)
            w.texts("summary", section.summary)
            if let item = section.domain { domain(item, &w) }
            for item in section.items {
                w.element("item") { w in
                    w.texts("title", item.title)
                    w.texts("text", item.text)
                    for state in item.controls { control(state, &w) }
                    backing(item.backing, &w)
                }
            }
        }
    }

    private static func changes(_ changes: PublicTrustCenter.Changes, _ w: inout XMLTextWriter) {
        w.element("changes") { w in
            w.attribute("since", changes.since)
            w.attribute("evidenceRenewed", String(changes.evidenceRenewed))
            w.attribute("evidenceExpired", String(changes.evidenceExpired))
            for move in changes.programs {
                w.element("programMove") { w in
                    w.attribute("id", move.id)
                    w.attribute("from", percent(move.from))
                    w.attribute("to", percent(move.to))
                    w.attribute("scope", move.scope)
                    w.texts("title", move.title)
                }
            }
            for change in changes.scopeChanges ?? [] {
                w.element("scopeChange") { w in
                    w.attribute("framework", change.framework)
                    w.attribute("requirement", change.requirement)
                    w.attribute("change", change.change)
                    w.texts("title", change.title)
                    w.texts("justification", change.justification)
                }
            }
            for (name, list) in [
                ("controlAdded", changes.controlsAdded),
                ("controlRemoved", changes.controlsRemoved),
            ] {
                for control in list {
                    w.element(name) { w in
                        w.attribute("id", control.id)
                        w.texts("title", control.title)
                    }
                }
            }
            for change in changes.controlsChanged {
                w.element("controlChange") { w in
                    w.attribute("id", change.id)
                    w.attribute("from", change.from)
                    w.attribute("to", change.to)
                    w.texts("title", change.title)
                    for move in change.frameworks {
                        w.element("frameworkMove") { w in
                            w.attribute("id", move.id)
                            w.attribute("from", percent(move.from))
                            w.attribute("to", percent(move.to))
                            w.texts("name", move.name)
                        }
                    }
                }
            }
        }
    }
}

/// A thin wrapper over `xmlTextWriter` that keeps the first failure and drops characters XML
/// 1.0 cannot carry (control characters other than tab and line breaks, lone surrogates).
struct XMLTextWriter {
    private let writer: xmlTextWriterPtr
    private(set) var failure: String?

    init(_ writer: xmlTextWriterPtr) {
        self.writer = writer
        xmlTextWriterSetIndent(writer, 1)
        _ = "  ".withXMLChars { xmlTextWriterSetIndentString(writer, $0) }
    }

    private mutating func check(_ status: Int32, _ what: String) {
        if status < 0, failure == nil { failure = what }
    }

    mutating func start() {
        check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "start document")
    }

    mutating func finish() {
        check(xmlTextWriterEndDocument(writer), "end document")
        xmlFreeTextWriter(writer)
    }

    mutating func element(_ name: String, _ body: (inout XMLTextWriter) -> Void) {
        check(name.withXMLChars { xmlTextWriterStartElement(writer, $0) }, "start \(name)")
        body(&self)
        check(xmlTextWriterEndElement(writer), "end \(name)")
    }

    /// An attribute, left out when `value` is nil.
    mutating func attribute(_ name: String, _ value: String?) {
        guard let value else { return }
        let status = name.withXMLChars { name in
            Self.clean(value).withXMLChars { xmlTextWriterWriteAttribute(writer, name, $0) }
        }
        check(status, "attribute \(name)")
    }

    /// `<name>text</name>`.
    mutating func leaf(_ name: String, _ text: String) {
        element(name) { w in
            w.check(
                Self.clean(text).withXMLChars { xmlTextWriterWriteString(w.writer, $0) },
                "text of \(name)")
        }
    }

    /// One `<name lang="…">` element per locale, locales sorted.
    mutating func texts(_ name: String, _ strings: LocalizedStrings?) {
        guard let strings else { return }
        for locale in strings.keys.sorted() {
            element(name) { w in
                w.attribute("lang", locale)
                w.check(
                    Self.clean(strings[locale] ?? "").withXMLChars {
                        xmlTextWriterWriteString(w.writer, $0)
                    }, "text of \(name)")
            }
        }
    }

    static func clean(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.filter { scalar in
                    switch scalar.value {
                    case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
                    default: false
                    }
                }))
    }
}

extension String {
    /// Calls `body` with the string as libxml2's `xmlChar` (UTF-8, NUL-terminated).
    func withXMLChars<T>(_ body: (UnsafePointer<xmlChar>) -> T) -> T {
        withCString { pointer in
            pointer.withMemoryRebound(to: xmlChar.self, capacity: utf8.count + 1, body)
        }
    }
}
