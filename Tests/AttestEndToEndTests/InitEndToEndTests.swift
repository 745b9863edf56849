import AttestTestSupport
import Foundation
import Testing

/// `attest init` in an empty folder, then `attest validate` and `attest build`, with the built
/// binary as a user runs it: validate passes without a gap, and the first readiness report is
/// an honest to-do list (every requirement covered by a starter control, every piece of
/// evidence missing, every figure 0 %), in every locale asked for.
@Suite struct InitEndToEndTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var frameworks: [String]
        var locales: [String]
        var testDescription: String {
            frameworks.joined(separator: ",") + " / " + locales.joined(separator: ",")
        }
    }

    static let all = ["soc2", "iso27001", "hipaa", "gdpr", "eu-ai-act"]

    /// Each framework alone (locales rotating), a pair, and all five in both locale orders.
    static let cases: [Case] =
        all.enumerated().map { index, framework in
            Case(frameworks: [framework], locales: [["en"], ["fr"], ["en", "fr"]][index % 3])
        } + [
            Case(frameworks: ["iso27001", "soc2"], locales: ["fr", "en"]),
            Case(frameworks: all, locales: ["en", "fr"]),
            Case(frameworks: all, locales: ["fr"]),
        ]

    /// The fields of one CSV line (RFC 4180 quoting).
    static func fields(_ line: Substring) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var previous: Character = " "
        for character in line {
            switch character {
            case "\"" where quoted: quoted = false
            case "\"":
                if previous == "\"" { field.append("\"") }
                quoted = true
            case "," where !quoted:
                fields.append(field)
                field = ""
            default: field.append(character)
            }
            previous = character
        }
        return fields + [field]
    }

    /// The rows of a CSV file, by header name.
    static func rows(_ url: URL) throws -> [[String: String]] {
        // "\r\n" is one Character in Swift: split on line breaks, not on "\n".
        let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline)
        guard let header = lines.first.map(fields) else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, fields($0))) }
    }

    @Test(arguments: cases)
    func initThenValidateThenBuildGivesAnHonestStart(_ test: Case) async throws {
        let parent = try TemporaryWorkspace()
        let folder = parent.root.appendingPathComponent("workspace")
        let initialised = try await AttestBinary.run(
            [
                "init", folder.path, "--org", "Exemple SAS", "--ci", "none",
                "--frameworks", test.frameworks.joined(separator: ","),
                "--locale", test.locales.joined(separator: ","),
            ], in: parent.root)
        try #require(initialised.status == 0, "\(initialised.standardError)")

        let validated = try await AttestBinary.run(["validate"], in: folder)
        #expect(validated.status == 0, "\(validated.standardError)")
        #expect(
            validated.standardError.split(separator: "\n").contains { $0.hasPrefix("0 errors") })
        #expect(!validated.standardError.contains("[graph.gaps]"), "\(validated.standardError)")

        let built = try await AttestBinary.run(
            ["build", "--quiet", "--build-time", "2026-12-01T00:00:00Z"], in: folder,
            timeout: 300)
        try #require(built.status == 0, "\(built.standardError)")
        let reports = folder.appendingPathComponent("reports")

        // Every piece of evidence is missing: nothing passes before the company provides it.
        let evidence = try Self.rows(reports.appendingPathComponent("audit/evidence-index.csv"))
        #expect(!evidence.isEmpty)
        #expect(evidence.allSatisfy { $0["status"] == "missing" && $0["score"] == "0" })

        for framework in test.frameworks {
            let readiness = try Self.rows(
                reports.appendingPathComponent("readiness/\(framework).csv"))
            #expect(!readiness.isEmpty, "\(framework): no readiness rows")
            // No gap (each requirement has a starter control), and every score is 0.
            #expect(readiness.allSatisfy { $0["basis"] != "gap" }, "\(framework) has a gap")
            #expect(readiness.allSatisfy { Double($0["score"] ?? "") == 0 }, "\(framework)")
        }
        for locale in test.locales {
            let page = reports.appendingPathComponent("site/\(locale)/index.html")
            let html = try String(contentsOf: page, encoding: .utf8)
            #expect(html.contains("Exemple SAS"))
            #expect(html.contains("lang=\"\(locale)\""))
            #expect(
                FileManager.default.fileExists(
                    atPath: reports.appendingPathComponent("site/\(locale)/methodology.html").path))
        }
        // The root page opens the first locale asked for.
        let root = try String(
            contentsOf: reports.appendingPathComponent("site/index.html"), encoding: .utf8)
        #expect(root.contains("url=\(test.locales[0])/index.html"))
        let missingLocales = ["en", "fr"].filter { !test.locales.contains($0) }
        for locale in missingLocales {
            #expect(
                !FileManager.default.fileExists(
                    atPath: reports.appendingPathComponent("site/\(locale)").path))
        }
    }
}
