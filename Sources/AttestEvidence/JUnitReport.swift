import AttestCore
import AttestSystem
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

    /// Parses a report with libxml2's streaming reader: no network, no DTD, no entity
    /// expansion, and no document tree, so memory stays near the size of the input whatever the
    /// number of test cases (a whole DOM cost about 19 times the file's size).
    ///
    /// Counts come from a suite's `tests`/`failures`/`errors`/`skipped` attributes; an absent
    /// attribute is replaced by counting the suite's `<testcase>` children that contain
    /// `<failure>`, `<error>` or `<skipped>`. A `<testsuites>` root sums its suites.
    static func parse(_ data: Data, name: String) throws(ParseError) -> JUnitReport {
        // A JUnit report never needs a DTD; refusing one closes entity-expansion attacks
        // ("billion laughs") and external entity reads before libxml2 sees them.
        if data.containsBytes("<!DOCTYPE") || data.containsBytes("<!ENTITY") {
            throw ParseError(
                description: "a document type declaration is not allowed in a JUnit report")
        }
        var counter = SuiteCounter()
        try XMLStream.read(data, name: name) { event throws(ParseError) in
            try counter.handle(event)
        }
        guard let report = counter.result else {
            throw ParseError(description: "the document has no root element")
        }
        guard report.failures + report.errors + report.skipped <= report.tests else {
            throw ParseError(
                description: "inconsistent counts: \(report.tests) tests but \(report.failures) "
                    + "failures, \(report.errors) errors and \(report.skipped) skipped")
        }
        return report
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
                description: "<\(element)> attribute \(attribute)=\"\(text)\" is not a whole "
                    + "number from 0 to \(maxCount)")
        }
        return value
    }
}

/// Folds the start and end of elements into suite totals, keeping one frame per open element.
///
/// Only the structure the totals depend on counts: `<testsuite>` and `<testcase>` elements
/// directly inside a suite (or the root), and `<failure>`, `<error>`, `<skipped>` directly
/// inside a test case; anything else, with all it contains, is ignored.
private struct SuiteCounter {
    private struct Frame {
        enum Kind { case suite, testcase, other }
        var kind: Kind
        var name: String
        /// The count and `timestamp` attributes of a suite, as written.
        var attributes: [String: String] = [:]
        /// Totals of the nested suites, and how many there were.
        var suites = JUnitReport()
        var suiteCount = 0
        /// Totals of the test cases directly inside.
        var cases = JUnitReport()
        /// A test case's outcome elements.
        var failed = false
        var errored = false
        var skipped = false
    }

    private var stack: [Frame] = []
    private(set) var result: JUnitReport?

    static let suiteAttributes = [
        "tests", "failures", "errors", "skipped", "disabled", "timestamp",
    ]

    mutating func handle(_ event: XMLStream.Event) throws(JUnitReport.ParseError) {
        switch event {
        case .start(let name, let attribute):
            guard let parent = stack.last else {
                guard name == "testsuites" || name == "testsuite" else {
                    throw JUnitReport.ParseError(
                        description:
                            "the root element is <\(name)>, expected <testsuites> or <testsuite>")
                }
                stack.append(Self.suite(name, attribute))
                return
            }
            switch (parent.kind, name) {
            case (.suite, "testsuite"): stack.append(Self.suite(name, attribute))
            case (.suite, "testcase"): stack.append(Frame(kind: .testcase, name: name))
            case (.testcase, "failure"):
                stack[stack.count - 1].failed = true
                stack.append(Frame(kind: .other, name: name))
            case (.testcase, "error"):
                stack[stack.count - 1].errored = true
                stack.append(Frame(kind: .other, name: name))
            case (.testcase, "skipped"):
                stack[stack.count - 1].skipped = true
                stack.append(Frame(kind: .other, name: name))
            default: stack.append(Frame(kind: .other, name: name))
            }
        case .end:
            guard let frame = stack.popLast() else { return }
            switch frame.kind {
            case .other: return
            case .testcase:
                var one = JUnitReport(tests: 1)
                if frame.failed {
                    one.failures = 1
                } else if frame.errored {
                    one.errors = 1
                } else if frame.skipped {
                    one.skipped = 1
                }
                stack[stack.count - 1].cases = try stack[stack.count - 1].cases.adding(one)
            case .suite:
                if stack.isEmpty {
                    // The root: a <testsuites> that holds suites is their sum, its own
                    // attributes and test cases aside; otherwise it is read as a suite.
                    result =
                        frame.name == "testsuites" && frame.suiteCount > 0
                        ? frame.suites : try Self.report(of: frame)
                    return
                }
                let report = try Self.report(of: frame)
                stack[stack.count - 1].suites = try stack[stack.count - 1].suites.adding(report)
                stack[stack.count - 1].suiteCount += 1
            }
        }
    }

    private static func suite(_ name: String, _ attribute: (String) -> String?) -> Frame {
        var frame = Frame(kind: .suite, name: name)
        for key in suiteAttributes {
            if let value = attribute(key) { frame.attributes[key] = value }
        }
        return frame
    }

    /// A suite's totals: its attributes where present, else what it contains.
    private static func report(of frame: Frame) throws(JUnitReport.ParseError) -> JUnitReport {
        let counted = try frame.suites.adding(frame.cases)
        func count(_ attribute: String) throws(JUnitReport.ParseError) -> Int? {
            guard let text = frame.attributes[attribute] else { return nil }
            return try JUnitReport.count(text, attribute: attribute, element: frame.name)
        }
        let tests = try count("tests")
        let failures = try count("failures")
        let errors = try count("errors")
        let skipped = try count("skipped")
        let disabled = try count("disabled")
        let stamp = frame.attributes["timestamp"].flatMap {
            Timestamp.instant($0, zoneRequired: false)
        }
        return JUnitReport(
            tests: tests ?? counted.tests, failures: failures ?? counted.failures,
            errors: errors ?? counted.errors, skipped: skipped ?? disabled ?? counted.skipped,
            timestamp: [stamp, counted.timestamp].compactMap { $0 }.max())
    }
}

/// Element events from libxml2's streaming reader (`xmlTextReader`), with the options that
/// make it safe on untrusted input, wrapped so pointers do not leak into the collectors.
enum XMLStream {
    enum Event {
        /// An element opens; `attribute` reads one of its attributes while the event is handled.
        case start(String, attribute: (String) -> String?)
        /// The innermost open element closes (also sent right after `start` for `<empty/>`).
        case end
    }

    /// `NONET`: never fetch anything; no `NOENT`/`DTDLOAD`: entities stay unexpanded and no
    /// external subset is read; `NOERROR`/`NOWARNING`: errors come back here, not on stderr.
    static let options = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

    private static let initialized: Void = xmlInitParser()

    /// Reads `data` element by element, calling `handle` for each start and end.
    ///
    /// - Throws: `ParseError` for XML that is not well-formed (with the line of the first
    ///   error), a document type declaration, or whatever `handle` throws.
    static func read(
        _ data: Data, name: String,
        _ handle: (Event) throws(JUnitReport.ParseError) -> Void
    ) throws(JUnitReport.ParseError) {
        _ = initialized
        guard data.count < Int(Int32.max) else {
            throw JUnitReport.ParseError(description: "the file is too large")
        }
        let firstError = FirstXMLError()
        let outcome: Result<Bool, JUnitReport.ParseError> = data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress?.assumingMemoryBound(to: CChar.self),
                let reader = xmlReaderForMemory(base, Int32(buffer.count), name, nil, options)
            else {
                return .failure(JUnitReport.ParseError(description: "libxml2 could not start"))
            }
            defer { xmlFreeTextReader(reader) }
            // libxml2 goes on after the first error and reports its consequences ("premature
            // end of data"); keep the first, which names the real problem.
            xmlTextReaderSetStructuredErrorHandler(
                reader, FirstXMLError.handler, Unmanaged.passUnretained(firstError).toOpaque())
            return withExtendedLifetime(firstError) {
                do throws(JUnitReport.ParseError) {
                    return .success(try events(of: reader, handle))
                } catch {
                    return .failure(error)
                }
            }
        }
        if try !outcome.get() {
            let (line, message) = firstError.value ?? (0, "")
            let text = message.trimmingCharacters(in: .whitespacesAndNewlines)
            let place = line > 0 ? "line \(line): " : ""
            throw JUnitReport.ParseError(
                description: "invalid XML: \(place)\(text.isEmpty ? "not well-formed" : text)")
        }
    }

    /// Feeds every element event to `handle`; false when the XML is not well-formed.
    private static func events(
        of reader: OpaquePointer, _ handle: (Event) throws(JUnitReport.ParseError) -> Void
    ) throws(JUnitReport.ParseError) -> Bool {
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { return true }
            guard status == 1 else { return false }
            switch xmlTextReaderNodeType(reader) {
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                let name = xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
                let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
                try handle(.start(name, attribute: { attribute(reader, $0) }))
                if isEmpty { try handle(.end) }
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                try handle(.end)
            case Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue):
                throw JUnitReport.ParseError(
                    description: "a document type declaration is not allowed in a JUnit report")
            default:
                continue
            }
        }
    }

    /// An attribute of the current element, read in place (nothing to free).
    private static func attribute(_ reader: OpaquePointer, _ name: String) -> String? {
        guard xmlTextReaderMoveToAttribute(reader, name) == 1 else { return nil }
        defer { xmlTextReaderMoveToElement(reader) }
        return xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
    }
}

/// Records the first error libxml2 reports for one reader.
private final class FirstXMLError {
    private(set) var value: (line: Int, message: String)?

    static let handler: xmlStructuredErrorFunc = { userData, error in
        guard let userData, let error else { return }
        let recorder = Unmanaged<FirstXMLError>.fromOpaque(userData).takeUnretainedValue()
        guard recorder.value == nil else { return }
        let message = error.pointee.message.map { String(cString: $0) } ?? ""
        recorder.value = (Int(error.pointee.line), message)
    }
}
