import CLibXML2
import Foundation

/// The totals of a JUnit XML report, as written by `swift test --xunit-output`, pytest, Maven
/// Surefire, Jest and most CI tools.
struct JUnitReport: Equatable {
    var tests = 0
    var failures = 0
    var errors = 0
    var skipped = 0
    /// The latest `timestamp` attribute of any suite, if any.
    var timestamp: Date?

    /// Tests that ran and neither failed nor errored.
    var passed: Int { max(0, tests - skipped - failures - errors) }
    /// Tests that ran (were not skipped): the denominator of the pass ratio.
    var ran: Int { max(0, tests - skipped) }

    static func + (lhs: Self, rhs: Self) -> Self {
        JUnitReport(
            tests: lhs.tests + rhs.tests, failures: lhs.failures + rhs.failures,
            errors: lhs.errors + rhs.errors, skipped: lhs.skipped + rhs.skipped,
            timestamp: [lhs.timestamp, rhs.timestamp].compactMap { $0 }.max())
    }

    /// Why a report could not be read.
    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    /// Parses a report with libxml2: no network, no DTD, no entity expansion.
    ///
    /// Counts come from a suite's `tests`/`failures`/`errors`/`skipped` attributes; an absent
    /// attribute is replaced by counting the suite's `<testcase>` children that contain
    /// `<failure>`, `<error>` or `<skipped>`. A `<testsuites>` root sums its suites.
    static func parse(_ data: Data, name: String) throws(ParseError) -> JUnitReport {
        // A JUnit report never needs a DTD; refusing one closes entity-expansion attacks
        // ("billion laughs") and external entity reads before libxml2 sees them.
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil
            || data.range(of: Data("<!ENTITY".utf8)) != nil
        {
            throw ParseError(
                description: "a document type declaration is not allowed in a JUnit report")
        }
        let document = try XMLDocument.parse(data, name: name)
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else {
            throw ParseError(description: "the document has no root element")
        }
        let report: JUnitReport
        switch XMLNode.name(root) {
        case "testsuites":
            let suites = XMLNode.children(root, named: "testsuite")
            report = suites.isEmpty ? suite(root) : suites.map(suite).reduce(JUnitReport(), +)
        case "testsuite":
            report = suite(root)
        case let other:
            throw ParseError(
                description: "the root element is <\(other)>, expected <testsuites> or <testsuite>")
        }
        guard report.tests >= 0, report.failures >= 0, report.errors >= 0, report.skipped >= 0,
            report.failures + report.errors + report.skipped <= report.tests
        else {
            throw ParseError(
                description: "inconsistent counts: \(report.tests) tests but \(report.failures) "
                    + "failures, \(report.errors) errors and \(report.skipped) skipped")
        }
        return report
    }

    /// One suite: its attributes where present, else counts of its test cases and nested suites.
    private static func suite(_ node: xmlNodePtr) -> JUnitReport {
        var counted = JUnitReport()
        for child in XMLNode.elements(node) {
            switch XMLNode.name(child) {
            case "testsuite":
                counted = counted + suite(child)
            case "testcase":
                counted.tests += 1
                let outcomes = Set(XMLNode.elements(child).map(XMLNode.name))
                if outcomes.contains("failure") {
                    counted.failures += 1
                } else if outcomes.contains("error") {
                    counted.errors += 1
                } else if outcomes.contains("skipped") {
                    counted.skipped += 1
                }
            default:
                continue
            }
        }
        func count(_ attribute: String) -> Int? {
            XMLNode.attribute(node, attribute).flatMap {
                Int($0.trimmingCharacters(in: .whitespaces))
            }
        }
        let stamp = XMLNode.attribute(node, "timestamp").flatMap {
            Timestamp.instant($0, zoneRequired: false)
        }
        return JUnitReport(
            tests: count("tests") ?? counted.tests,
            failures: count("failures") ?? counted.failures,
            errors: count("errors") ?? counted.errors,
            skipped: count("skipped") ?? count("disabled") ?? counted.skipped,
            timestamp: [stamp, counted.timestamp].compactMap { $0 }.max())
    }
}

/// The few libxml2 calls the collectors need, wrapped so pointers do not leak into them.
enum XMLNode {
    static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    /// Element children, in document order.
    static func elements(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(current) }
            child = current.pointee.next
        }
        return result
    }

    static func children(_ node: xmlNodePtr, named name: String) -> [xmlNodePtr] {
        elements(node).filter { self.name($0) == name }
    }

    /// An attribute's text, read from the attribute's own text nodes (no allocation to free).
    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        var attribute = node.pointee.properties
        while let current = attribute {
            if let attributeName = current.pointee.name, String(cString: attributeName) == name {
                var text = ""
                var part = current.pointee.children
                while let piece = part {
                    if let content = piece.pointee.content { text += String(cString: content) }
                    part = piece.pointee.next
                }
                return text
            }
            attribute = current.pointee.next
        }
        return nil
    }
}

/// Parsing with the options that make libxml2 safe on untrusted input.
enum XMLDocument {
    /// `NONET`: never fetch anything; no `NOENT`/`DTDLOAD`: entities stay unexpanded and no
    /// external subset is read; `NOERROR`/`NOWARNING`: errors come back here, not on stderr.
    static let options = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

    private static let initialized: Void = xmlInitParser()

    static func parse(_ data: Data, name: String) throws(JUnitReport.ParseError) -> xmlDocPtr {
        _ = initialized
        guard data.count < Int(Int32.max) else {
            throw JUnitReport.ParseError(description: "the file is too large")
        }
        guard let context = xmlNewParserCtxt() else {
            throw JUnitReport.ParseError(description: "libxml2 could not start")
        }
        defer { xmlFreeParserCtxt(context) }
        // libxml2 keeps going after the first error and `lastError` holds the last one, which is
        // usually a confusing consequence ("premature end of data"); keep the first instead.
        let firstError = FirstXMLError()
        context.pointee._private = Unmanaged.passUnretained(firstError).toOpaque()
        context.pointee.sax.pointee.serror = FirstXMLError.handler
        let document = data.withUnsafeBytes { buffer -> xmlDocPtr? in
            guard let base = buffer.baseAddress?.assumingMemoryBound(to: CChar.self) else {
                return nil
            }
            return xmlCtxtReadMemory(context, base, Int32(buffer.count), name, nil, options)
        }
        guard let document, context.pointee.wellFormed != 0 else {
            if let document { xmlFreeDoc(document) }
            let fallback = context.pointee.lastError
            let (line, message) =
                withExtendedLifetime(firstError) { firstError.value }
                ?? (Int(fallback.line), fallback.message.map { String(cString: $0) } ?? "")
            let text = message.trimmingCharacters(in: .whitespacesAndNewlines)
            let place = line > 0 ? "line \(line): " : ""
            throw JUnitReport.ParseError(
                description: "invalid XML: \(place)\(text.isEmpty ? "not well-formed" : text)")
        }
        if document.pointee.intSubset != nil {
            xmlFreeDoc(document)
            throw JUnitReport.ParseError(
                description: "a document type declaration is not allowed in a JUnit report")
        }
        return document
    }
}

/// Records the first error libxml2 reports for one parser context.
///
/// The context's `_private` points at this object for the duration of the parse; the handler
/// is a C function, so it finds the object through the context it is given.
private final class FirstXMLError {
    private(set) var value: (line: Int, message: String)?

    static let handler: xmlStructuredErrorFunc = { userData, error in
        guard let userData, let error else { return }
        let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let box = context.pointee._private else { return }
        let recorder = Unmanaged<FirstXMLError>.fromOpaque(box).takeUnretainedValue()
        guard recorder.value == nil else { return }
        let message = error.pointee.message.map { String(cString: $0) } ?? ""
        recorder.value = (Int(error.pointee.line), message)
    }
}
