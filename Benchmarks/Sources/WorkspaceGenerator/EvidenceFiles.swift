import Crypto
import Foundation

/// The evidence files of a `pipeline` workspace: what the file-reading collectors (file, json,
/// yaml, junit, sarif, attestation) read, so a build collects real bytes.
///
/// Every file is dated by its content, never by its modification time: a policy by its front
/// matter's `reviewed:` (or a `.reviewed` sidecar), a JSON or YAML export by
/// `meta.exported_at` (`date_field:`), a JUnit report by its suites' `timestamp`, a SARIF log
/// by `invocations[].endTimeUtc`, an attestation by its signed `date`. Dates lie before
/// `referenceDay` (the bench builds with `--build-time` at that day), most within two weeks, so
/// `max_age` turns some stale. Sizes run from about 1 KB to 200 KB, with one file in a few
/// thousand of 1–4 MB; about one expectation in seven fails.
struct EvidenceFiles {
    /// The day the dates are drawn back from: `--build-time 2026-06-01T00:00:00Z`.
    static let referenceDay = "2026-06-01"
    /// Days from 1970-01-01 to `referenceDay`.
    static let referenceDays = daysFromCivil(2026, 6, 1)

    /// Lines drawn from to fill files up to their size (made once, so filling is cheap).
    private let prose: [String]
    private let words: [String]

    init(random: inout SeededRandom) {
        prose = (0..<256).map { _ in
            random.phrase(TextVocabulary.english, words: 8...16) + "."
        }
        words = (0..<256).map { _ in random.phrase(TextVocabulary.english, words: 1...3) }
    }

    // MARK: Sizes and dates

    /// A file size: mostly 1–4 KB, some to 64 KB, a few to 200 KB, one in 4,000 of 1–4 MB.
    static func size(_ random: inout SeededRandom) -> Int {
        if random.index(4_000) == 0 { return random.int(in: 1_000_000...4_000_000) }
        switch random.index(100) {
        case 0..<82: return random.int(in: 1_000...4_000)
        case 82..<97: return random.int(in: 4_000...64_000)
        default: return random.int(in: 64_000...200_000)
        }
    }

    /// Days before the reference day: mostly within two weeks, some up to a year.
    static func age(_ random: inout SeededRandom) -> Int {
        switch random.index(100) {
        case 0..<70: return random.int(in: 1...13)
        case 70..<90: return random.int(in: 14...89)
        default: return random.int(in: 90...400)
        }
    }

    /// `YYYY-MM-DD`, `days` before the reference day.
    static func day(ago days: Int) -> String {
        let (year, month, day) = civilFromDays(referenceDays - days)
        return "\(year)-\(padded(month, 2))-\(padded(day, 2))"
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, `days` before the reference day, at a drawn time of day.
    static func instant(ago days: Int, _ random: inout SeededRandom) -> String {
        let time = "\(padded(random.int(in: 0...23), 2)):\(padded(random.int(in: 0...59), 2)):00Z"
        return day(ago: days) + "T" + time
    }

    // MARK: Files

    /// A Markdown policy with `reviewed:` in its front matter (or, with `sidecar`, none: the
    /// caller writes the date beside it); it mentions `marker` unless `withoutMarker`.
    func policy(
        size: Int, reviewed: String?, marker: String, withoutMarker: Bool,
        _ random: inout SeededRandom
    ) -> Data {
        var text = ""
        if let reviewed {
            text += "---\ntitle: \(random.phrase(TextVocabulary.english, words: 2...5))\n"
            text += "owner: \(random.pick(TextVocabulary.owners))\nreviewed: \(reviewed)\n---\n\n"
        }
        text += "# \(random.phrase(TextVocabulary.english, words: 2...6))\n\n"
        if !withoutMarker { text += "\(marker).\n\n" }
        fill(&text, to: size, random: &random) { text, random in
            if random.chance(8) {
                text += "\n## \(random.phrase(TextVocabulary.english, words: 2...4))\n\n"
            }
            text += random.pick(prose) + " " + random.pick(prose) + "\n"
        }
        return Data(text.utf8)
    }

    /// A JSON or YAML configuration export: `meta.exported_at`, the `expected` values (each
    /// written as drawn, or changed when the entry is to fail), then resources to the size.
    func document(
        json: Bool, size: Int, exportedAt: String, values: [(path: String, value: ExpectValue)],
        _ random: inout SeededRandom
    ) -> Data {
        // Group the dotted paths by their first key: { tls: { min_version: "1.2" } }.
        var groups: [(String, [(String, ExpectValue)])] = []
        for (path, value) in values {
            let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
            if let index = groups.firstIndex(where: { $0.0 == parts[0] }) {
                groups[index].1.append((parts[1], value))
            } else {
                groups.append((parts[0], [(parts[1], value)]))
            }
        }
        var text = ""
        if json {
            text +=
                "{\n  \"meta\": { \"exported_at\": \"\(exportedAt)\", \"tool\": \"bench-export\" },\n"
            for (key, entries) in groups {
                let fields = entries.map { "\"\($0.0)\": \($0.1.json)" }.joined(separator: ", ")
                text += "  \"\(key)\": { \(fields) },\n"
            }
            text += "  \"resources\": [\n"
            var first = true
            fill(&text, to: size - 4, random: &random) { text, random in
                if !first { text += ",\n" }
                first = false
                text += "    { \"id\": \"res-\(random.int(in: 1...999_999))\", \"name\": "
                text += "\"\(random.pick(words))\", \"enabled\": \(random.chance(80)), "
                text += "\"note\": \"\(random.pick(prose))\" }"
            }
            text += "\n  ]\n}\n"
        } else {
            text += "meta:\n  exported_at: \"\(exportedAt)\"\n  tool: bench-export\n"
            for (key, entries) in groups {
                text += "\(key):\n"
                for (name, value) in entries { text += "  \(name): \(value.yaml)\n" }
            }
            text += "resources:\n"
            fill(&text, to: size, random: &random) { text, random in
                text += "  - id: res-\(random.int(in: 1...999_999))\n"
                text += "    name: \(random.pick(words))\n"
                text += "    enabled: \(random.chance(80))\n"
                text += "    note: \"\(random.pick(prose))\"\n"
            }
        }
        return Data(text.utf8)
    }

    /// A JUnit report of one suite per block of test cases, `failures` of which fail.
    func junit(size: Int, timestamp: String, failures: Int, _ random: inout SeededRandom) -> Data {
        var cases = ""
        var count = 0
        var failed = 0
        fill(&cases, to: size - 400, random: &random) { text, random in
            count += 1
            let name = random.pick(words).replacingOccurrences(of: " ", with: "_")
            text += "    <testcase classname=\"bench.\(name)\" name=\"test_\(name)_\(count)\" "
            text += "time=\"0.\(padded(random.int(in: 1...999), 3))\""
            if failed < failures {
                failed += 1
                text += "><failure message=\"assertion failed\">\(random.pick(prose))</failure>"
                text += "</testcase>\n"
            } else {
                text += "/>\n"
            }
        }
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        text += "<testsuites tests=\"\(count)\" failures=\"\(failed)\" errors=\"0\">\n"
        text += "  <testsuite name=\"bench\" tests=\"\(count)\" failures=\"\(failed)\" "
        text += "errors=\"0\" skipped=\"0\" timestamp=\"\(timestamp)\" time=\"12.5\">\n"
        text += cases
        text += "  </testsuite>\n</testsuites>\n"
        return Data(text.utf8)
    }

    /// A SARIF 2.1.0 log with `errors` error results and warnings and notes to the size.
    func sarif(
        size: Int, finishedAt: String, errors: Int, warnings: Int, _ random: inout SeededRandom
    ) -> Data {
        var text = "{\n  \"version\": \"2.1.0\",\n  \"runs\": [{\n"
        text += "    \"tool\": { \"driver\": { \"name\": \"bench-scanner\", \"rules\": [\n"
        text += "      { \"id\": \"R1\", \"defaultConfiguration\": { \"level\": \"error\" } },\n"
        text += "      { \"id\": \"R2\", \"defaultConfiguration\": { \"level\": \"warning\" } },\n"
        text += "      { \"id\": \"R3\", \"defaultConfiguration\": { \"level\": \"note\" } }\n"
        text += "    ] } },\n"
        text += "    \"invocations\": [{ \"executionSuccessful\": true, "
        text += "\"endTimeUtc\": \"\(finishedAt)\" }],\n    \"results\": [\n"
        var written = 0
        func result(_ rule: Int, _ text: inout String, _ random: inout SeededRandom) {
            if written > 0 { text += ",\n" }
            written += 1
            text += "      { \"ruleId\": \"R\(rule)\", \"ruleIndex\": \(rule - 1), "
            text += "\"message\": { \"text\": \"\(random.pick(prose))\" }, \"locations\": [{ "
            text += "\"physicalLocation\": { \"artifactLocation\": { \"uri\": \"src/"
            text += "\(random.pick(words).replacingOccurrences(of: " ", with: "/")).swift\" }, "
            text += "\"region\": { \"startLine\": \(random.int(in: 1...2_000)) } } }] }"
        }
        for _ in 0..<errors { result(1, &text, &random) }
        for _ in 0..<warnings { result(2, &text, &random) }
        fill(&text, to: size - 8, random: &random) { text, random in result(3, &text, &random) }
        text += "\n    ]\n  }]\n}\n"
        return Data(text.utf8)
    }

    /// Appends `line` to `text` until it holds about `size` bytes.
    private func fill(
        _ text: inout String, to size: Int, random: inout SeededRandom,
        _ line: (inout String, inout SeededRandom) -> Void
    ) {
        while text.utf8.count < size { line(&text, &random) }
    }

    // MARK: Calendar

    /// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// A value an `expect:` entry compares with, and how a document writes it.
struct ExpectValue {
    enum Kind { case string, literal }
    var kind: Kind
    var text: String

    /// The value as written in the spec (`"1.2"`, `true`, `AES-256`, `30`).
    init(spec: String) {
        if spec.hasPrefix("\"") {
            kind = .string
            text = String(spec.dropFirst().dropLast())
        } else if spec == "true" || spec == "false" || Int(spec) != nil {
            kind = .literal
            text = spec
        } else {
            kind = .string
            text = spec
        }
    }

    init(kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }

    /// Another value of the same kind, so the expectation fails.
    var changed: ExpectValue {
        switch (kind, text) {
        case (.literal, "true"): return ExpectValue(kind: .literal, text: "false")
        case (.literal, "false"): return ExpectValue(kind: .literal, text: "true")
        case (.literal, _): return ExpectValue(kind: .literal, text: "7")
        default: return ExpectValue(kind: .string, text: text + "-legacy")
        }
    }

    var json: String { kind == .string ? "\"\(text)\"" : text }
    var yaml: String { kind == .string ? "\"\(text)\"" : text }
}

/// The people who sign a pipeline workspace's attestations, with keys drawn from the seed.
struct AttestationSigners {
    struct Signer {
        var id: String
        var name: String
        var role: String
        var key: Curve25519.Signing.PrivateKey
    }

    let signers: [Signer]

    init(random: inout SeededRandom) {
        let people = [
            ("amartin", "Antoine Martin", "Head of Security"),
            ("cnguyen", "Claire Nguyen", "CEO"), ("mrossi", "Marco Rossi", "IT Operations Lead"),
            ("praman", "Priya Raman", "Head of ML Platform"),
            ("sdubois", "Sophie Dubois", "General Counsel"),
        ]
        signers = people.map { id, name, role in
            var seed = [UInt8]()
            for _ in 0..<4 { withUnsafeBytes(of: random.next()) { seed.append(contentsOf: $0) } }
            // A 32-byte seed always makes a valid key.
            let key = try! Curve25519.Signing.PrivateKey(rawRepresentation: seed)
            return Signer(id: id, name: name, role: role, key: key)
        }
    }

    /// The public key as PEM (SubjectPublicKeyInfo of an Ed25519 key).
    static func pem(_ key: Curve25519.Signing.PublicKey) -> String {
        let prefix: [UInt8] = [
            0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
        ]
        let der = Data(prefix) + key.rawRepresentation
        return
            "-----BEGIN PUBLIC KEY-----\n\(der.base64EncodedString())\n-----END PUBLIC KEY-----\n"
    }

    /// A signed statement (`attest attestation sign`'s Ed25519 form); `unsigned` leaves the
    /// signature out, so the statement fails.
    func statement(
        by signer: Signer, date: String, expires: String?, text: String, unsigned: Bool
    ) -> Data {
        // AttestationStatement.canonicalBytes: header, signer, who, role, date, expires,
        // attachment hash, statement, one a line.
        let canonical = [
            "attest-attestation-v2", signer.id, signer.name, signer.role, date, expires ?? "", "",
            text,
        ].joined(separator: "\n")
        var yaml = "schema: 1\nsigner: \(signer.id)\nwho: \(signer.name)\nrole: \(signer.role)\n"
        yaml += "date: \(date)\n"
        if let expires { yaml += "expires: \(expires)\n" }
        yaml += "statement: \(YAMLText.quoted(text))\n"
        if !unsigned, let signature = try? signer.key.signature(for: Data(canonical.utf8)) {
            yaml += "signature: \(signature.base64EncodedString())\n"
        }
        return Data(yaml.utf8)
    }
}
