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

    /// Reads the summary of a parsed SARIF log.
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
            let rules = RuleLevels(run["tool"]?["driver"]?["rules"]?.sequence ?? [])
            for (index, result) in (run["results"]?.sequence ?? []).enumerated() {
                let place = "runs[\(runIndex)].results[\(index)]"
                guard result.mapping != nil else {
                    throw ParseError(description: "\(place) is not an object")
                }
                if let kind = result["kind"]?.scalar, kind != "fail" { continue }
                if isSuppressed(result) {
                    summary.suppressed += 1
                    continue
                }
                let written = result["level"]?.scalar ?? rules.level(of: result) ?? "warning"
                guard let level = Level(rawValue: written) else {
                    throw ParseError(description: "\(place) has an unknown level '\(written)'")
                }
                summary.counts[level, default: 0] += 1
            }
            for invocation in run["invocations"]?.sequence ?? [] {
                if let text = invocation["endTimeUtc"]?.scalar,
                    let date = Timestamp.instant(text, zoneRequired: false)
                {
                    summary.finishedAt = max(summary.finishedAt ?? date, date)
                }
            }
        }
        return summary
    }

    /// Suppressed when some suppression is in force: status absent or `accepted`
    /// (`underReview` and `rejected` suppressions do not hide a finding).
    private static func isSuppressed(_ result: ConfigValue) -> Bool {
        (result["suppressions"]?.sequence ?? []).contains { suppression in
            let status = suppression["status"]?.scalar ?? "accepted"
            return status == "accepted"
        }
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
