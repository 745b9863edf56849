import AttestCore
import Foundation
import WorkspaceGenerator

/// Synthesizes one evidence result per evidence spec of a graph, deterministically from a seed:
/// what a collection run over the generated workspace could have found.
///
/// Mix (per spec): pass 55 %, partial 15 % (fraction k/20), fail 10 %, error 5 %, stale 7 %,
/// missing 8 %. Observed 0–180 days before `now`, to the millisecond. Specs with a `max_age`
/// expire: stale ones 1–60 days before `now`; of the others a fifth within the 30-day window
/// (1 h–30 days after `now`) and the rest 31–365 days after. Collected results carry a SHA-256
/// and 0–2 artifacts (`{path, sha256}`); error and missing ones carry neither.
public struct ResultSynthesizer: Sendable {
    public var seed: UInt64
    public var now: Date

    public init(seed: UInt64, now: Date) {
        self.seed = seed
        self.now = now
    }

    public func results(for graph: ControlGraph) -> [EvidenceResult] {
        var random = SeededRandom(seed: seed)
        var results: [EvidenceResult] = []
        results.reserveCapacity(graph.evidence.count)
        let nowMilliseconds = Int64((now.timeIntervalSince1970 * 1000).rounded())
        func date(offsetMilliseconds offset: Int64) -> Date {
            Date(timeIntervalSince1970: Double(nowMilliseconds + offset) / 1000)
        }
        let day: Int64 = 86_400_000
        for controlID in graph.controlIDs {
            guard let control = graph.controls[controlID] else { continue }
            for spec in control.evidence {
                let roll = random.index(100)
                let status: EvidenceStatus
                switch roll {
                case 0..<55: status = .pass
                case 55..<70: status = .partial(Double(random.int(in: 1...19)) / 20)
                case 70..<80: status = .fail
                case 80..<85: status = .error
                case 85..<92: status = .stale
                default: status = .missing
                }
                let observedAt = date(
                    offsetMilliseconds: -Int64(random.index(Int(180 * day))))
                var expiresAt: Date?
                let collected: Bool
                switch status {
                case .error, .missing: collected = false
                default: collected = true
                }
                if collected, spec.maxAge != nil {
                    if case .stale = status {
                        expiresAt = date(offsetMilliseconds: -Int64(random.int(in: 1...60)) * day)
                    } else if random.chance(20) {
                        expiresAt = date(
                            offsetMilliseconds: Int64(random.int(in: 3_600_000...Int(30 * day))))
                    } else {
                        expiresAt = date(
                            offsetMilliseconds: Int64(random.int(in: 31...365)) * day
                                + Int64(random.index(Int(day))))
                    }
                }
                let path =
                    spec.path ?? "evidence/\(controlID.rawValue.lowercased())/\(spec.id.rawValue)"
                var sha256: String?
                var artifacts: [Artifact] = []
                if collected {
                    let hash = Self.hex(&random)
                    sha256 = hash
                    let count = random.index(10)
                    if count >= 2 { artifacts.append(Artifact(path: path, sha256: hash)) }
                    if count == 9 {
                        artifacts.append(
                            Artifact(path: path + ".sig", sha256: Self.hex(&random)))
                    }
                }
                let message: String
                switch status {
                case .pass: message = "\(path): every expectation holds"
                case let .partial(fraction):
                    message =
                        "\(path): \(Int(fraction * 20)) of 20 expectations hold (tls.min_version is \"1.2\", expected \"1.3\")"
                case .fail: message = "\(path): mfa.required is false, expected true"
                case .error: message = "\(spec.collector.rawValue) collector timed out after 30 s"
                case .stale:
                    message =
                        "\(path) was reviewed more than \(spec.maxAge?.description ?? "90d") ago"
                case .missing: message = "\(path) does not exist"
                }
                results.append(
                    EvidenceResult(
                        evidence: spec.id, control: controlID, status: status,
                        observedAt: observedAt, expiresAt: expiresAt, sha256: sha256,
                        message: message, artifacts: artifacts))
            }
        }
        return results
    }

    private static let digits = Array("0123456789abcdef")

    /// 64 lower-case hex digits.
    private static func hex(_ random: inout SeededRandom) -> String {
        var text = ""
        text.reserveCapacity(64)
        for _ in 0..<4 {
            var value = random.next()
            for _ in 0..<16 {
                text.append(digits[Int(value & 0xF)])
                value >>= 4
            }
        }
        return text
    }
}
