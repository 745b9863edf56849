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

    /// The largest count accepted: 2^53 − 1, so that every count and ratio is exact in a
    /// `Double` and a percentage (count × 1000) cannot overflow.
    static let maxCount = 9_007_199_254_740_991

    /// The totals of two suites.
    ///
    /// - Throws: `ParseError` when a total exceeds `maxCount`.
    func adding(_ other: Self) throws(ParseError) -> Self {
        func sum(_ lhs: Int, _ rhs: Int, _ name: String) throws(ParseError) -> Int {
            let total = lhs + rhs  // both ≤ maxCount, so this cannot overflow
            guard total <= Self.maxCount else {
                throw ParseError(
                    description: "the report counts more than \(Self.maxCount) \(name)")
            }
            return total
        }
        return JUnitReport(
            tests: try sum(tests, other.tests, "tests"),
            failures: try sum(failures, other.failures, "failures"),
            errors: try sum(errors, other.errors, "errors"),
            skipped: try sum(skipped, other.skipped, "skipped tests"),
            timestamp: [timestamp, other.timestamp].compactMap { $0 }.max())
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
            if suites.isEmpty {
                report = try suite(root)
            } else {
                var total = JUnitReport()
                for child in suites { total = try total.adding(try suite(child)) }
                report = total
            }
        case "testsuite":
            report = try suite(root)
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
    private static func suite(_ node: xmlNodePtr) throws(ParseError) -> JUnitReport {
        var counted = JUnitReport()
        for child in XMLNode.elements(node) {
            switch XMLNode.name(child) {
            case "testsuite":
                counted = try counted.adding(try suite(child))
            case "testcase":
                var one = JUnitReport(tests: 1)
                let outcomes = Set(XMLNode.elements(child).map(XMLNode.name))
                if outcomes.contains("failure") {
                    one.failures = 1
                } else if outcomes.contains("error") {
                    one.errors = 1
                } else if outcomes.contains("skipped") {
                    one.skipped = 1
                }
                counted = try counted.adding(one)
            default:
                continue
            }
        }
        func count(_ attribute: String) throws(ParseError) -> Int? {
            try XMLNode.attribute(node, attribute).map { text throws(ParseError) in
                try Self.count(text, attribute: attribute, element: XMLNode.name(node))
            }
        }
        let stamp = XMLNode.attribute(node, "timestamp").flatMap {
            Timestamp.instant($0, zoneRequired: false)
        }
        let tests = try count("tests")
        let failures = try count("failures")
        let errors = try count("errors")
        let skipped = try count("skipped")
        let disabled = try count("disabled")
        return JUnitReport(
            tests: tests ?? counted.tests, failures: failures ?? counted.failures,
            errors: errors ?? counted.errors, skipped: skipped ?? disabled ?? counted.skipped,
            timestamp: [stamp, counted.timestamp].compactMap { $0 }.max())
    }

    /// A count attribute's value: a whole number from 0 to `maxCount` (surrounding spaces
    /// allowed). Anything else is an error rather than a reason to count test cases instead.
    static func count(
        _ text: String, attribute: String, element: String
    ) throws(ParseError) -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let value = Int(trimmed), value <= maxCount
        else {
            throw ParseError(
                description:
                    "<\(element)> attribute \(attribute)=\"\(text)\" is not a whole number "
                    + "from 0 to \(maxCount)")
        }
        return value
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
