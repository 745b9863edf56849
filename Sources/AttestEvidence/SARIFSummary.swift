import AttestCore
import Foundation

/// Counts of the findings in a SARIF 2.1.0 log, by level.
///
/// Only results of kind `fail` (the default) count. A result's level is its own `level`, else
/// its rule's `defaultConfiguration.level`, else `warning`, as the SARIF specification says.
///
/// A suppression in force (status absent or `accepted`) hides a result only when it links to
/// an exception the caller accepts (open, covering the evidence): its `justification` writes
/// `attest-exception: EX-7`, or its `properties` has `"attest-exception": "EX-7"`. A result
/// whose suppressions link to no accepted exception still counts at its level, and is counted
/// in `unlinkedSuppressions` so the message says so: a suppression nobody approved in the
/// register must not silently hide a finding.
struct SARIFSummary: Equatable {
    enum Level: String, CaseIterable, Comparable {
        case error, warning, note, none

        static func < (lhs: Self, rhs: Self) -> Bool {
            allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
        }
    }

    var counts: [Level: Int] = [:]
    /// Results hidden by a suppression linked to an accepted exception, by exception id.
    var suppressedUnder: [String: Int] = [:]
    /// Results with a suppression in force that links to no accepted exception (counted).
    var unlinkedSuppressions = 0
    var suppressed: Int { suppressedUnder.values.reduce(0, +) }
    /// The latest `invocations[].endTimeUtc`, if any.
    var finishedAt: Date?

    func count(_ level: Level) -> Int { counts[level, default: 0] }

    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    /// The parts of a log that `read` looks at; the rest (messages, locations, code flows,
    /// which make up most of a log) is checked for syntax and dropped while parsing.
    static let keepFilter: KeepFilter = {
        let whole = KeepFilter.everything
        let result = KeepFilter.parts(
            keys: [
                "kind": whole, "level": whole, "ruleIndex": whole, "ruleId": whole,
                "rule": .parts(keys: ["index": whole, "id": whole], items: nil),
                "suppressions": .items(
                    .parts(
                        keys: [
                            "status": whole, "justification": whole,
                            "properties": .key(linkKey, whole),
                        ], items: nil)),
            ], items: nil)
        let rule = KeepFilter.parts(
            keys: ["id": whole, "defaultConfiguration": .key("level", whole)], items: nil)
        let run = KeepFilter.parts(
            keys: [
                "results": .items(result),
                "tool": .key("driver", .key("rules", .items(rule))),
                "invocations": .items(.key("endTimeUtc", whole)),
            ], items: nil)
        return .parts(keys: ["version": whole, "runs": .items(run)], items: nil)
    }()

    /// The marker that links a suppression to an exception of the register.
    static let linkKey = "attest-exception"

    /// Reads the summary of a parsed SARIF log.
    ///
    /// Structure is checked wherever a count depends on it: every run is an object with a
    /// `results` array (absent or null means the tool did not produce results, which must not
    /// read as "no findings"), results and suppressions are objects, rules an array.
    ///
    /// - Parameter accepts: Whether an exception id names an exception that may hide a
    ///   finding of this evidence (exists, open, covers it).
    static func read(
        _ log: ConfigValue, accepts: (String) -> Bool = { _ in false }
    ) throws(ParseError) -> SARIFSummary {
        guard log.mapping != nil else { throw ParseError(description: "not a SARIF log object") }
        if let version = log["version"]?.scalar, version != "2.1.0" {
            throw ParseError(description: "SARIF version \(version) is not supported (2.1.0 is)")
        }
        guard let runs = log["runs"]?.sequence else {
            throw ParseError(description: "no 'runs' array")
        }
        var summary = SARIFSummary()
        for (runIndex, run) in runs.enumerated() {
            let runPlace = "runs[\(runIndex)]"
            guard run.mapping != nil else {
                throw ParseError(description: "\(runPlace) is not an object")
            }
            let rules = RuleLevels(
                try array(run["tool"]?["driver"]?["rules"], at: "\(runPlace).tool.driver.rules"))
            guard let results = run["results"], !results.isNull else {
                throw ParseError(
                    description:
                        "\(runPlace) has no 'results' array (the tool did not produce results)")
            }
            for (index, result) in try array(results, at: "\(runPlace).results").enumerated() {
                // Spelled only for a message: a log may hold tens of thousands of results.
                func place() -> String { "\(runPlace).results[\(index)]" }
                guard result.mapping != nil else {
                    throw ParseError(description: "\(place()) is not an object")
                }
                if let kind = result["kind"]?.scalar, kind != "fail" { continue }
                switch try suppression(of: result, at: place(), accepts: accepts) {
                case .linked(let id):
                    summary.suppressedUnder[id, default: 0] += 1
                    continue
                case .unlinked: summary.unlinkedSuppressions += 1
                case .none: break
                }
                let written = result["level"]?.scalar ?? rules.level(of: result) ?? "warning"
                guard let level = Level(rawValue: written) else {
                    throw ParseError(description: "\(place()) has an unknown level '\(written)'")
                }
                summary.counts[level, default: 0] += 1
            }
            for invocation in try array(run["invocations"], at: "\(runPlace).invocations") {
                if let text = invocation["endTimeUtc"]?.scalar,
                    let date = Timestamp.instant(text, zoneRequired: false)
                {
                    summary.finishedAt = max(summary.finishedAt ?? date, date)
                }
            }
        }
        return summary
    }

    /// The items of an optional array property; absent is empty, any other shape an error.
    private static func array(
        _ value: ConfigValue?, at place: @autoclosure () -> String
    ) throws(ParseError) -> [ConfigValue] {
        guard let value else { return [] }
        guard let items = value.sequence else {
            throw ParseError(description: "\(place()) is not an array")
        }
        return items
    }

    /// How a result's suppressions stand.
    enum Suppression: Equatable {
        /// No suppression in force.
        case none
        /// Hidden under this accepted exception.
        case linked(String)
        /// A suppression is in force but links to no accepted exception.
        case unlinked
    }

    /// A suppression is in force when its status is absent or `accepted` (`underReview` and
    /// `rejected` suppressions do not hide a finding); it hides the result only when it links
    /// to an accepted exception.
    private static func suppression(
        of result: ConfigValue, at place: @autoclosure () -> String, accepts: (String) -> Bool
    ) throws(ParseError) -> Suppression {
        var inForce = false
        var linked: String?
        let suppressions = try array(result["suppressions"], at: "\(place()).suppressions")
        for (index, suppression) in suppressions.enumerated() {
            guard suppression.mapping != nil else {
                throw ParseError(description: "\(place()).suppressions[\(index)] is not an object")
            }
            guard (suppression["status"]?.scalar ?? "accepted") == "accepted" else { continue }
            inForce = true
            // Every suppression is still checked for shape after a link is found.
            if linked == nil { linked = links(suppression).first(where: accepts) }
        }
        if let linked { return .linked(linked) }
        return inForce ? .unlinked : .none
    }

    /// The exception ids a suppression names: `properties["attest-exception"]`, then every
    /// `attest-exception: ID` in its justification (an id is letters, digits, `.`, `_`, `-`;
    /// trailing full stops end the sentence, not the id).
    static func links(_ suppression: ConfigValue) -> [String] {
        var ids: [String] = []
        if let id = suppression["properties"]?[linkKey]?.scalar, !id.isEmpty { ids.append(id) }
        guard let text = suppression["justification"]?.scalar else { return ids }
        var rest = Substring(text)
        while let marker = rest.range(of: linkKey + ":") {
            rest = rest[marker.upperBound...].drop { $0 == " " }
            let id = rest.prefix {
                $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0))
            }
            // A full stop ending the sentence is not part of the id.
            let trimmed = id.reversed().drop { $0 == "." }.reversed()
            if !trimmed.isEmpty { ids.append(String(trimmed)) }
            rest = rest[id.endIndex...]
        }
        return ids
    }

    /// `defaultConfiguration.level` of the driver's rules, by index and by id.
    private struct RuleLevels {
        var byIndex: [Int: String] = [:]
        var byID: [String: String] = [:]

        init(_ rules: [ConfigValue]) {
            for (index, rule) in rules.enumerated() {
                guard let level = rule["defaultConfiguration"]?["level"]?.scalar else { continue }
                byIndex[index] = level
                if let id = rule["id"]?.scalar { byID[id] = level }
            }
        }

        func level(of result: ConfigValue) -> String? {
            let index = result["ruleIndex"] ?? result["rule"]?["index"]
            if case .int(let number)? = index?.resolvedScalar, let level = byIndex[number] {
                return level
            }
            let id = result["ruleId"]?.scalar ?? result["rule"]?["id"]?.scalar
            return id.flatMap { byID[$0] }
        }
    }
}
