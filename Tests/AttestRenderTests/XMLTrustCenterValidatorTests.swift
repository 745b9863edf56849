import AttestTestSupport
import Foundation
import Testing

@testable import AttestRender

/// The validator rejects hand-broken documents with `render.invalid-xml` and the line of each
/// problem, and refuses a schema it cannot read.
@Suite struct TrustCenterXMLValidatorTests {
    static let validator = Result { try TrustCenterXMLValidator(schemaURL: FixtureCenters.schema) }

    static var valid: String {
        get throws {
            String(decoding: try TrustCenterXMLWriter.document(FixtureCenters.full), as: UTF8.self)
        }
    }

    /// The 1-based line of the first line containing `needle`.
    static func line(of needle: String, in text: String) throws -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return try #require(lines.firstIndex { $0.contains(needle) }) + 1
    }

    static func rejection(_ document: String) throws -> RenderError? {
        do {
            try validator.get().validate(Data(document.utf8))
            return nil
        } catch let error as RenderError {
            return error
        }
    }

    @Test(arguments: [
        // A value outside an enumeration.
        (#"<program id="soc2" status="in-progress""#, #"<program id="soc2" status="done""#),
        (#"state="attention""#, #"state="amber""#),
        // A percent out of range, and one without its decimal.
        (#"<framework id="soc2" percent="72.5""#, #"<framework id="soc2" percent="120.0""#),
        (
            #"<point date="2026-05-01T12:00:00Z" percent="60.0""#,
            #"<point date="2026-05-01T12:00:00Z" percent="-1.0""#
        ),
        // Dates that are not xs:date / xs:dateTime.
        (#"certifiedOn="2026-03-01""#, #"certifiedOn="2026-02-30""#),
        (#"since="2026-05-01T12:00:00Z""#, #"since="last week""#),
        // A required attribute left out.
        (#" reportUnderNDA="true""#, ""),
        // A fingerprint that is not 64 lower-case hex digits.
        (String(repeating: "ab", count: 32), String(repeating: "AB", count: 32)),
        // An element the vocabulary does not have.
        ("<locales>", "<locales><bogus/>"),
    ])
    func aHandBrokenDocumentIsRejectedAtTheLineOfTheProblem(
        _ original: String, _ replacement: String
    ) throws {
        let valid = try Self.valid
        let line = try Self.line(of: original, in: valid)
        let broken = valid.replacingOccurrences(of: original, with: replacement)
        #expect(broken != valid)
        let error = try #require(try Self.rejection(broken))
        #expect(error.code == .invalidXML)
        #expect(error.detail.contains("line \(line):"), "\(error.detail)")
    }

    @Test func aMissingRequiredElementIsRejectedWhereItWasExpected() throws {
        let valid = try Self.valid
        let organisation = try Self.line(of: "<organisation ", in: valid)
        var lines = valid.split(separator: "\n", omittingEmptySubsequences: false)
        lines.remove(at: organisation - 1)
        let error = try #require(try Self.rejection(lines.joined(separator: "\n")))
        #expect(error.code == .invalidXML)
        // The element found in its place (the first <title>) is now on that line.
        #expect(error.detail.contains("line \(organisation):"), "\(error.detail)")
    }

    @Test func everyProblemOfADocumentIsReported() throws {
        let valid = try Self.valid
        let status = try Self.line(of: #"status="planned""#, in: valid)
        let percent = try Self.line(of: #"state="failing""#, in: valid)
        let broken = valid.replacingOccurrences(
            of: #"status="planned""#, with: #"status="someday""#
        )
        .replacingOccurrences(
            of: #"state="failing" percent="0.0""#, with: #"state="failing" percent="120.0""#)
        let error = try #require(try Self.rejection(broken))
        #expect(error.detail.contains("line \(status):"), "\(error.detail)")
        #expect(error.detail.contains("line \(percent):"), "\(error.detail)")
    }

    @Test func aDocumentThatIsNotWellFormedIsRejectedAtItsLine() throws {
        let valid = try Self.valid
        let line = try Self.line(of: "<frameworks>", in: valid)
        let error = try #require(
            try Self.rejection(valid.replacingOccurrences(of: "<frameworks>", with: "<frameworks")))
        #expect(error.code == .invalidXML)
        // libxml2 notices the unclosed tag on the next line; later errors are consequences,
        // so the first error is the one reported.
        #expect(error.detail.contains("line \(line + 1):"), "\(error.detail)")
    }

    @Test func oneValidatorChecksManyDocuments() throws {
        let validator = try Self.validator.get()
        try validator.validate(try TrustCenterXMLWriter.document(FixtureCenters.full))
        #expect(throws: RenderError.self) { try validator.validate(Data("<trustCenter/>".utf8)) }
        try validator.validate(try TrustCenterXMLWriter.document(FixtureCenters.empty))
    }

    @Test func aMissingSchemaIsAnInvalidXMLError() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent(
            "no-such-\(UUID().uuidString).xsd")
        #expect {
            _ = try TrustCenterXMLValidator(schemaURL: missing)
        } throws: { ($0 as? RenderError)?.code == .invalidXML }
    }

    @Test func aSchemaThatIsNotXSDIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "xsd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let schema = folder.appendingPathComponent("trust-center.xsd")
        try Data(
            #"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element/></xs:schema>"#
                .utf8
        )
        .write(to: schema)
        #expect {
            _ = try TrustCenterXMLValidator(schemaURL: schema)
        } throws: { ($0 as? RenderError)?.code == .invalidXML }
    }
}
