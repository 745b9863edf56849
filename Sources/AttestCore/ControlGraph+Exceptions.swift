extension ControlGraph.Builder {
    /// Checks the `exceptions:` register against what the workspace defines: ids are unique,
    /// the control, evidence and approving signer exist, and an evidence item named beside a
    /// control belongs to it. Each problem is an error at the reference.
    ///
    /// - Complexity: O(e · (c + s)) for e exceptions, c controls and s signers (the
    ///   "did you mean" search).
    mutating func checkExceptions() {
        var first: [ExceptionID: SourcePosition] = [:]
        let signers = Set(manifest.signers.map(\.id))
        for exception in manifest.exceptions {
            if let earlier = first[exception.id] {
                diagnostics.append(
                    .error(
                        .exceptionDuplicateID,
                        "exception '\(exception.id)' is defined more than once",
                        at: exception.position, notes: [.init("first defined here", at: earlier)]))
            } else {
                first[exception.id] = exception.position
            }
            if let control = exception.control, controls[control.id] == nil {
                diagnostics.append(
                    .error(
                        .exceptionUnknownControl,
                        "exception '\(exception.id)' names the unknown control '\(control.id)'",
                        at: control.position,
                        hint: suggestion(control.id.rawValue, among: controls.keys.map(\.rawValue))
                    ))
            }
            if let evidence = exception.evidence {
                if let spec = spec(evidence.id) {
                    if let control = exception.control, controls[control.id] != nil,
                        spec.control != control.id
                    {
                        diagnostics.append(
                            .error(
                                .exceptionEvidenceOfOtherControl,
                                "evidence '\(evidence.id)' belongs to control '\(spec.control)', "
                                    + "not '\(control.id)'",
                                at: evidence.position,
                                notes: [.init("the evidence is defined here", at: spec.position)]))
                    }
                } else {
                    diagnostics.append(
                        .error(
                            .exceptionUnknownEvidence,
                            "exception '\(exception.id)' names the unknown evidence "
                                + "'\(evidence.id)'",
                            at: evidence.position,
                            hint: suggestion(
                                evidence.id.rawValue, among: self.evidence.keys.map(\.rawValue))))
                }
            }
            if !signers.contains(exception.approvedBy) {
                diagnostics.append(
                    .error(
                        .exceptionUnknownApprover,
                        "exception '\(exception.id)' is approved by '\(exception.approvedBy)', "
                            + "who is not in signers:",
                        at: exception.approvedByPosition,
                        hint: suggestion(
                            exception.approvedBy.rawValue,
                            among: manifest.signers.map(\.id.rawValue))
                            ?? "name the approver's id from signers:"))
            }
        }
    }

    private func suggestion(_ written: String, among known: [String]) -> String? {
        Spelling.closest(to: written, among: known.sorted(), maxEdits: 2).map {
            "did you mean '\($0)'?"
        }
    }
}
