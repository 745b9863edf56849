import AttestCatalog
import AttestCore
import AttestEvidence
import Foundation

/// Binds certified programs to their proof: reads each proof's certificate file and judges
/// the program, for the build (the standing the site shows) and for `validate` (why a proof
/// does not hold, before any collection).
enum ProgramProofs {
    /// The standing of every `certified` program at the build.
    ///
    /// - Parameters:
    ///   - scores: The build's scores; the proof evidence's result is read from them, aged.
    ///   - today: The build day, `YYYY-MM-DD` in UTC.
    static func standings(
        graph: ControlGraph, scores: Scores, root: URL, today: String
    ) -> [String: ProgramStanding] {
        var standings: [String: ProgramStanding] = [:]
        for program in graph.manifest.programs where program.status == .certified {
            let spec = program.proof.flatMap { graph.evidence[$0.evidence] }
            let result = spec.flatMap { spec in
                scores.controls[spec.control]?.evidence.first { $0.evidence == spec.id }?.result
            }
            let letter = spec?.path.map { CertificateLetter.read($0, in: root) }
            standings[program.id] = ProgramStanding.judge(
                proof: program.proof, result: result, letter: letter, today: today)
        }
        return standings
    }

    /// What `validate` can tell of each proof without collecting: the certificate file
    /// unreadable or without its facts, not the pinned file, not yet in force, or expired.
    static func diagnostics(_ graph: ControlGraph, root: URL, now: Date) -> [Diagnostic] {
        let today = DateChecks.day(now)
        var findings: [Diagnostic] = []
        for program in graph.manifest.programs where program.status == .certified {
            guard let proof = program.proof, let spec = graph.evidence[proof.evidence] else {
                continue
            }
            let prefix = "program '\(program.id)' is not proven by '\(proof.evidence)'"
            guard let path = spec.path else {
                findings.append(
                    .error(
                        .programProofUnverified,
                        "\(prefix): that evidence names no file to read the certificate from",
                        at: proof.position, notes: [.init("the evidence", at: spec.position)]))
                continue
            }
            switch CertificateLetter.read(path, in: root) {
            case .failure(let problem):
                findings.append(
                    .error(
                        .programProofUnverified, "\(prefix): \(problem.message)",
                        at: proof.position,
                        notes: [.init("the certificate file", at: problem.position)]))
            case .success(let facts):
                if let pinned = proof.sha256, pinned != facts.sha256 {
                    findings.append(
                        .error(
                            .programProofUnverified,
                            "\(prefix): \(path) has SHA-256 \(facts.sha256), not the pinned "
                                + pinned, at: proof.position,
                            notes: [.init("the certificate file", at: .start(of: path))],
                            hint: "if the certificate was renewed on purpose, pin the new "
                                + "file's hash"))
                } else if facts.certifiedOn > today {
                    findings.append(
                        .warning(
                            .programProofUnverified,
                            "program '\(program.id)' is certified from \(facts.certifiedOn), "
                                + "after today (\(today)); the site shows it as unverified",
                            at: proof.position,
                            notes: [.init("the certificate's date", at: .start(of: path))]))
                } else if facts.expiresOn < today {
                    findings.append(
                        .warning(
                            .programExpired,
                            "program '\(program.id)' expired on \(facts.expiresOn) (read from "
                                + "\(path)); the site shows it as expired",
                            at: proof.position,
                            notes: [.init("the certificate's expiry", at: .start(of: path))]))
                }
            }
        }
        return findings
    }
}
