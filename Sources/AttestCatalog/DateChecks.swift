import AttestCore
import Foundation

extension DiagnosticCode {
    // Dates that cannot be right.

    /// A program's `expires_on` is before its `certified_on`.
    public static let programExpiresBeforeCertified: Self = "program.expires-before-certified"
    /// A certified program's `expires_on` has passed.
    public static let programExpired: Self = "program.expired"
    /// A program's `target` quarter has ended and it is still not certified.
    public static let programTargetPast: Self = "program.target-past"
    /// An evidence's `max_age` is not longer than `freshness.expiring_within`.
    public static let evidenceMaxAgeWithinExpiring: Self = "evidence.max-age-within-expiring"
}

/// Dates in the workspace that cannot be right, so they are not published silently.
///
/// The catalog stays pure: the moment findings are judged at is a parameter (`attest validate`
/// passes `--now`, else `SOURCE_DATE_EPOCH`, else the clock).
public enum DateChecks {
    /// Findings that hold at any time: a certification that expires before it was granted.
    /// Builds refuse them too.
    public static func timeless(_ manifest: Manifest) -> [Diagnostic] {
        manifest.programs.compactMap { program in
            guard let certified = program.certifiedOn, let expires = program.expiresOn,
                expires < certified
            else { return nil }
            return .error(
                .programExpiresBeforeCertified,
                "program '\(program.id)' expires on \(expires), before it was certified on "
                    + certified,
                at: program.position)
        }
    }

    /// Findings that depend on `now`: an expired certification, a target quarter that has
    /// ended, evidence that would be listed as expiring from its first observation.
    public static func diagnostics(_ graph: ControlGraph, now: Date) -> [Diagnostic] {
        let manifest = graph.manifest
        let today = day(now)
        let quarter = self.quarter(now)
        var diagnostics: [Diagnostic] = []
        for program in manifest.programs {
            // `expires_on` is the last valid day.
            if program.status == .certified, let expires = program.expiresOn, expires < today {
                diagnostics.append(
                    .warning(
                        .programExpired,
                        "program '\(program.id)' expired on \(expires); the site shows it "
                            + "as expired",
                        at: program.position))
            }
            if program.status != .certified, let target = program.targetQuarter, target < quarter {
                diagnostics.append(
                    .warning(
                        .programTargetPast,
                        "program '\(program.id)' targets \(target), a quarter that has ended",
                        at: program.position))
            }
        }
        let window = manifest.expiringWithin
        // Only the specs that warn are sorted (by id, for a stable order): a workspace has up
        // to hundreds of thousands.
        let warned = graph.evidence.values.filter { spec in
            spec.maxAge.map { $0 <= window } ?? false
        }
        for spec in warned.sorted(by: { $0.id < $1.id }) {
            guard let maxAge = spec.maxAge else { continue }
            diagnostics.append(
                .warning(
                    .evidenceMaxAgeWithinExpiring,
                    "evidence '\(spec.id)' has max_age \(maxAge), not longer than "
                        + "freshness.expiring_within (\(window)): it is listed as expiring "
                        + "from its first observation",
                    at: spec.position))
        }
        return diagnostics
    }

    /// `YYYY-MM-DD` of `date` in UTC, comparable with the workspace's dates as text.
    public static func day(_ date: Date) -> String {
        let parts = utc.dateComponents([.year, .month, .day], from: date)
        return String(
            format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// `YYYY-Qn` of `date` in UTC, comparable with `target:` as text.
    static func quarter(_ date: Date) -> String {
        let parts = utc.dateComponents([.year, .month], from: date)
        return String(format: "%04d-Q%d", parts.year ?? 0, ((parts.month ?? 1) - 1) / 3 + 1)
    }

    private static var utc: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar
    }
}
