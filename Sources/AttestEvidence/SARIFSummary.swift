import AttestCore
import Foundation

/// Counts of the findings in a SARIF 2.1.0 log, by level.
///
/// Only results of kind `fail` (the default) count. A result's level is its own `level`, else
/// its rule's `defaultConfiguration.level`, else `warning`, as the SARIF specification says.
/// Results with an accepted suppression (status absent or `accepted`) are counted apart.
struct SARIFSummary: Equatable {
    enum Level: String, CaseIterable, Comparable {
        case error, warning, note, none

        static func < (lhs: Self, rhs: Self) -> Bool {
            allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
        }
    }

    var counts: [Level: Int] = [:]
    var suppressed = 0
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
                "suppressions": .items(.key("status", whole)),
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

    /// Reads the summary of a parsed SARIF log.
    ///
    /// Structure is checked wherever a count depends on it: every run is an object with a
    /// `results` array (absent or null means the tool did not produce results, which must not
    /// read as "no findings"), results and suppressions are objects, rules an array.
    static func read(_ log: ConfigValue) throws(ParseError) -> SARIFSummary {
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
                let place = "\(runPlace).results[\(index)]"
                guard result.mapping != nil else {
                    throw ParseError(description: "\(place) is not an object")
                }
                if let kind = result["kind"]?.scalar, kind != "fail" { continue }
                if try isSuppressed(result, at: place) {
                    summary.suppressed += 1
                    continue
                }
                let written = result["level"]?.scalar ?? rules.level(of: result) ?? "warning"
                guard let level = Level(rawValue: written) else {
                    throw ParseError(description: "\(place) has an unknown level '\(written)'")
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
        _ value: ConfigValue?, at place: String
    ) throws(ParseError) -> [ConfigValue] {
        guard let value else { return [] }
        guard let items = value.sequence else {
            throw ParseError(description: "\(place) is not an array")
        }
        return items
    }

    /// Suppressed when some suppression is in force: status absent or `accepted`
    /// (`underReview` and `rejected` suppressions do not hide a finding).
    private static func isSuppressed(
        _ result: ConfigValue, at place: String
    ) throws(ParseError) -> Bool {
        var suppressed = false
        let suppressions = try array(result["suppressions"], at: "\(place).suppressions")
        for (index, suppression) in suppressions.enumerated() {
            guard suppression.mapping != nil else {
                throw ParseError(description: "\(place).suppressions[\(index)] is not an object")
            }
            if (suppression["status"]?.scalar ?? "accepted") == "accepted" { suppressed = true }
        }
        return suppressed
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
