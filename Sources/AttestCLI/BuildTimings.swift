import Foundation

/// The wall time of each phase of a command, written as JSON by `--timings FILE` so the
/// whole-pipeline benchmark (Benchmarks/PipelineBench) can set each phase beside its raw floor.
///
/// Phases are consecutive: each `end(_:)` closes the phase that began at the previous mark, so
/// the phases never overlap and their sum is at most `total` (the time from the start of the
/// command to `write`). The file is a flat object, phases in the order they ended, then
/// `total`, then `peak_rss_bytes` (the process's high-water resident set, `VmHWM` of
/// `/proc/self/status`; null where there is no such file):
///
/// ```json
/// {"load": 2.31, "collect": 15.2, "score": 0.41, "store": 0.95, "render": 19.1,
///  "total": 38.0, "peak_rss_bytes": 1073741824}
/// ```
struct BuildTimings {
    /// The phases of `attest build`, in order.
    enum Phase: String {
        /// Read and parse the workspace, build the graph, open the store.
        case load
        /// Run the collectors (or read the latest results with `--no-collect`).
        case collect
        /// Age the results, score, judge the exception register, derive the build id.
        case score
        /// Record the run in the history store (and read the period view).
        case store
        /// Project the trust center, render and write the site and reports, mark the run.
        case render
        /// `attest validate`: check collector options, files, dates and content.
        case check
        /// `attest validate`: print the findings.
        case report
    }

    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var last: ContinuousClock.Instant
    private var phases: [(Phase, Duration)] = []

    init() {
        start = clock.now
        last = start
    }

    /// Ends `phase`: it lasted from the previous mark (or the start) to now.
    mutating func end(_ phase: Phase) {
        let now = clock.now
        phases.append((phase, now - last))
        last = now
    }

    /// The JSON object for the phases so far, `total` up to now, and the peak resident set.
    func json(peakRSS: Int? = BuildTimings.peakResidentBytes()) -> String {
        var fields = phases.map { "\"\($0.0.rawValue)\": \(Self.seconds($0.1))" }
        fields.append("\"total\": \(Self.seconds(clock.now - start))")
        fields.append("\"peak_rss_bytes\": \(peakRSS.map(String.init) ?? "null")")
        return "{" + fields.joined(separator: ", ") + "}\n"
    }

    /// Writes `json()` to `path` (relative to the current folder) when a path is given.
    ///
    /// - Throws: `UnreadableInput` naming the path when the file cannot be written.
    func write(to path: String?) throws {
        guard let path else { return }
        let url = URL(fileURLWithPath: path)
        do {
            try Data(json().utf8).write(to: url, options: .atomic)
        } catch {
            throw UnreadableInput(
                description: "cannot write the timings to \(url.path): "
                    + error.localizedDescription)
        }
    }

    /// Seconds with microsecond precision, as a JSON number.
    static func seconds(_ duration: Duration) -> String {
        let (whole, fraction) = duration.components
        let micros = Int64(whole) * 1_000_000 + fraction / 1_000_000_000_000
        let digits = String(micros % 1_000_000)
        return "\(micros / 1_000_000)." + String(repeating: "0", count: 6 - digits.count) + digits
    }

    /// The process's peak resident set in bytes (`VmHWM`), or nil where `/proc` has none.
    static func peakResidentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.dropFirst("VmHWM:".count).filter(\.isNumber)
            return Int(digits).map { $0 * 1_024 }
        }
        return nil
    }
}
