import AttestCore

/// Findings about what programs claim and what backs them: a proof that names no evidence, a
/// certification with no proof at all, a measure naming unknown controls or a figure from
/// outside them.
///
/// Pure: time-dependent findings about the certificate file itself are read by `validate`
/// (they need the file and the clock).
public enum ProgramChecks {
    /// - Complexity: O(programs × measured controls × their evidence).
    public static func diagnostics(_ graph: ControlGraph) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for program in graph.manifest.programs {
            if let proof = program.proof, graph.evidence[proof.evidence] == nil {
                findings.append(
                    .error(
                        .programUnknownProof,
                        "program '\(program.id)' is proven by unknown evidence "
                            + "'\(proof.evidence)'", at: proof.position))
            }
            if program.status == .certified, program.proof == nil {
                findings.append(
                    .warning(
                        .programUnprovenCertification,
                        "program '\(program.id)' is certified but names no proof; the site "
                            + "shows it as unverified",
                        at: program.position,
                        hint: "add `proof: { evidence: <id> }` naming the evidence whose file "
                            + "is the certificate"))
            }
            guard let measure = program.measuredBy else { continue }
            for reference in measure.controls where graph.controls[reference.id] == nil {
                findings.append(
                    .error(
                        .programUnknownControl,
                        "program '\(program.id)' is measured by unknown control "
                            + "'\(reference.id)'", at: reference.position))
            }
            if let figure = measure.figure {
                let measured = Set(measure.controls.map(\.id))
                if let spec = graph.evidence[figure], measured.contains(spec.control) {
                    continue
                }
                findings.append(
                    .error(
                        .programFigureNotMeasured,
                        "the figure of program '\(program.id)' names evidence '\(figure)', "
                            + "which is not evidence of a control it is measured by",
                        at: measure.figurePosition ?? measure.position))
            }
        }
        return findings
    }
}
