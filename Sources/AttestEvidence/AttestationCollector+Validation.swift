import AttestCore
import AttestSystem
import Foundation

extension CollectorRegistry {
    /// Reads the attestation every attestation spec names and checks what `attest validate`
    /// can judge before any collection: that it reads as an attestation, that its dates are
    /// `YYYY-MM-DD` and not in the future (errors, which collection would also report), and
    /// that it has not expired by `now` (a warning: collection scores it as failing or stale),
    /// and that it verifies against the signer it names: an unregistered signer is an error at
    /// its name, any other signature problem a warning (collection fails the evidence).
    ///
    /// A missing file or one outside the workspace is left to ``checkNamedFiles(_:root:)``,
    /// which reports it already.
    ///
    /// - Parameters:
    ///   - now: The time `validate` runs at (AttestCore has no clock).
    ///   - signers: The registered signers, read with ``SignerKeyring/load(_:root:)`` (whose
    ///     own findings about key files are reported there, not here).
    ///   - cache: The statements read and the signatures verified before, kept as collection
    ///     keeps them; what is read or verified here is kept in it.
    /// - Returns: Diagnostics sorted by position.
    public func checkAttestations(
        _ specs: [EvidenceSpec], root: URL, now: Date, signers: SignerKeyring = .none,
        cache: EvidenceCache? = nil
    ) -> [Diagnostic] {
        guard let collector = self[.attestation] as? AttestationCollector,
            let workspace = try? WorkspaceRoot(root)
        else { return [] }
        // Each check reads and verifies one file, independently: on every core.
        return specs.filter { $0.collector == .attestation }.concurrentMap {
            collector.check($0, in: workspace, now: now, signers: signers, cache: cache)
        }.flatMap { $0 }.sorted()
    }
}

extension AttestationCollector {
    /// The findings about the attestation `spec` names, read the way collection reads it
    /// (through the confinement function, at most `ArtifactFile.maxDocumentBytes`).
    func check(
        _ spec: EvidenceSpec, in workspace: WorkspaceRoot, now: Date, signers: SignerKeyring,
        cache: EvidenceCache? = nil
    ) -> [Diagnostic] {
        // Invalid options are reported by `validate(_:)`.
        guard let settings = Self.read(spec).0 else { return [] }
        let specNote = Diagnostic.Note("read for evidence '\(spec.id)'", at: spec.position)
        func invalid(_ message: String, at position: SourcePosition?) -> Diagnostic {
            .error(
                .evidenceInvalidAttestation, "\(settings.path): \(message)",
                at: position ?? spec.position, notes: position == nil ? [] : [specNote],
                hint: "an attestation is a YAML or JSON mapping of signer, who, role, date "
                    + "(YYYY-MM-DD) and statement, with optional expires, attachment and "
                    + "signature")
        }

        let value: ConfigValue
        do {
            let read = try workspace.read(settings.path, limit: ArtifactFile.maxDocumentBytes)
            let file = ArtifactFile(
                path: settings.path, url: read.resolved, data: read.data,
                sha256: ContentHash.sha256(read.data))
            value = try tree(of: file, cache: cache)
        } catch let error as ConfinementError {
            switch error.code {
            case .missing, .unsafePath, .notRegularFile: return []
            case .tooLarge, .unreadable: return [invalid(error.detail, at: nil)]
            }
        } catch let error as JSONReader.SyntaxError {
            return [invalid(error.message, at: error.position)]
        } catch let diagnostic as Diagnostic {
            return [invalid(diagnostic.message, at: diagnostic.position)]
        } catch {
            return [invalid(LoaderError.describe(error), at: nil)]
        }

        let statement: AttestationStatement
        do {
            statement = try AttestationStatement.read(value)
        } catch {
            return [invalid(error.description, at: value.position)]
        }
        let datePosition = value["date"]?.position ?? value.position
        func badDate(_ key: String, _ text: String, at position: SourcePosition) -> Diagnostic {
            .error(
                .evidenceInvalidAttestationDate,
                "'\(key)' \(ValueText.quote(text)) is not a date written YYYY-MM-DD", at: position,
                notes: [specNote],
                hint: "write the date as YYYY-MM-DD: year, month (01-12), day, e.g. 2026-05-31")
        }
        guard let date = Timestamp.day(statement.date) else {
            return [badDate("date", statement.date, at: datePosition)]
        }
        guard date <= now else {
            return [
                .error(
                    .evidenceInvalidAttestationDate,
                    "'date' \(statement.date) is in the future; collection will refuse it",
                    at: datePosition, notes: [specNote],
                    hint: "date the attestation the day it was made; YYYY-MM-DD puts the month "
                        + "second (2026-05-12 is 12 May)")
            ]
        }
        let renew =
            "renew the attestation: have it made again with today's date (and signed again, "
            + "if it is signed)"
        let findings = signatureFindings(
            statement, value, spec: spec, signers: signers, cache: cache)
        if let expires = statement.expires {
            let expiresPosition = value["expires"]?.position ?? value.position
            guard let end = Timestamp.day(expires) else {
                return [badDate("expires", expires, at: expiresPosition)]
            }
            // Valid through the whole expiry day (UTC), as collection judges it.
            if now >= end.addingTimeInterval(86_400) {
                return findings + [
                    .warning(
                        .evidenceAttestationExpired,
                        "the attestation for evidence '\(spec.id)' expired on \(expires); "
                            + "it will fail", at: spec.position,
                        notes: [.init("expires \(expires)", at: expiresPosition)], hint: renew)
                ]
            }
        }
        if let maxAge = spec.maxAge {
            let end = date.addingTimeInterval(TimeInterval(maxAge.seconds))
            // Stale once `date + max_age <= now`, as `Freshness` judges it.
            if end <= now {
                return findings + [
                    .warning(
                        .evidenceAttestationExpired,
                        "the attestation for evidence '\(spec.id)' is dated \(statement.date), "
                            + "older than its max_age \(maxAge); it will be stale",
                        at: spec.position,
                        notes: [
                            .init(
                                "dated \(statement.date); stale since "
                                    + Timestamp.format(end), at: datePosition)
                        ],
                        hint: renew + ", or raise max_age if it is meant to last longer")
                ]
            }
        }
        return findings
    }

    /// What ``SignatureCheck`` finds, as `validate` reports it: an unregistered signer is an
    /// error at the name (a reference to nothing, like an unknown control); a failing
    /// signature a warning at the signature (collection fails the evidence); an undecidable
    /// one an error. An unusable key file is left to the keyring's own finding.
    private func signatureFindings(
        _ statement: AttestationStatement, _ value: ConfigValue, spec: EvidenceSpec,
        signers: SignerKeyring, cache: EvidenceCache?
    ) -> [Diagnostic] {
        let note = Diagnostic.Note("read for evidence '\(spec.id)'", at: spec.position)
        let signerPosition = value["signer"]?.position ?? value.position
        let signaturePosition = value["signature"]?.position ?? signerPosition
        switch SignatureCheck.verify(statement, keyring: signers, cache: cache) {
        case .valid: return []
        case .unknownSigner(let id):
            let known = signers.ids.map(\.rawValue).joined(separator: ", ")
            return [
                .error(
                    .signerUnknown, "signer '\(id)' is not registered under 'signers:'",
                    at: signerPosition, notes: [note],
                    hint: known.isEmpty
                        ? "register the signer, with their public key, under 'signers:' in "
                            + "attest.yaml" : "registered signers: \(known)")
            ]
        case .invalid(let reason):
            return [
                .warning(
                    .evidenceAttestationSignature,
                    "\(spec.id): \(reason); the evidence will fail",
                    at: statement.signer == nil ? value.position : signaturePosition,
                    notes: [note],
                    hint: "sign the statement with the named signer's key: `attest attestation "
                        + "sign` (docs/cli.md)")
            ]
        case .undecidable(let reason):
            if let id = statement.signer,
                case .failure? = signers.entry(SignerID(id))?.key
            {
                return []
            }
            return [
                .error(
                    .evidenceAttestationSignature, "\(spec.id): \(reason)",
                    at: signaturePosition, notes: [note])
            ]
        }
    }
}
