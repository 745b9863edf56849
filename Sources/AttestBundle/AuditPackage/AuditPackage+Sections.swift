import AttestCore
import AttestRender
import Crypto
import Foundation

/// The sections every auditor package has. Each is one function returning one
/// ``AuditPackageSection``; ``AuditPackage/sections()`` lists them in README order.
extension AuditPackage {
    /// The traceability matrix as the audit reports render it (HTML and CSV), restricted to
    /// the package's framework.
    ///
    /// - Parameter audit: the rendered audit files (`audit/traceability.html`, …).
    func traceability(_ audit: [String: Data]) -> AuditPackageSection {
        // The matrix pages in page order (`page-2` before `page-10`).
        let pages = audit.keys.filter { $0.hasPrefix("audit/traceability/") }
            .map { String($0.dropFirst("audit/".count)) }
            .sorted {
                ($0.count, $0) < ($1.count, $1)
            }
        return AuditPackageSection(
            title: "Traceability matrix",
            summary: """
                Every requirement of \(framework) in scope, each control that satisfies it, \
                each piece of evidence of that control, and the SHA-256 of what was collected: \
                the path from a percentage down to a hashed artifact. Excluded requirements \
                follow as rows of basis `excluded` with their justification.
                """,
            listings: [
                .init(
                    path: "traceability.html",
                    about: "the framework's score and the links to the matrix pages")
            ]
                + pages.enumerated().map { index, path in
                    AuditPackageSection.Listing(
                        path: path,
                        about: "page \(index + 1) of \(pages.count) of the matrix, readable in a "
                            + "browser")
                } + [
                    .init(
                        path: "traceability.csv",
                        about: "the same rows as a table, one per requirement × control × evidence"
                    )
                ],
            files: audit.reduce(into: [:]) { files, entry in
                // `audit/traceability.html`, its pages `audit/traceability/<fw>/page-<n>.html`
                // (linked relative to it) and the CSV keep their places under the package root.
                guard entry.key.hasPrefix("audit/traceability") else { return }
                files[String(entry.key.dropFirst("audit/".count))] = entry.value
            })
    }

    /// The evidence index: every evidence item behind the framework's score, with its
    /// provenance (collector, target, revision, signer, where each date came from) and hashes.
    func evidenceIndex(_ audit: [String: Data]) -> AuditPackageSection {
        AuditPackageSection(
            title: "Evidence index",
            summary: """
                One row per evidence item behind the score: its control, collector, status, \
                when it was observed and where that date came from (`date_source`), when it \
                expires, the target it observed, the revision, who signed it, its SHA-256 \
                (`sha256`) and the SHA-256 of every artifact it recorded \
                (`artifacts`, as `path@sha256`).
                """,
            listings: [
                .init(path: "evidence-index.csv", about: "the evidence index with provenance")
            ],
            files: ["evidence-index.csv": audit["audit/evidence-index.csv"] ?? Data()])
    }

    /// The evidence artifacts that are files, read through the workspace's confinement
    /// function and packed only when their bytes are the ones collected, with `artifacts.csv`
    /// saying for each whether it was packed (and its SHA-256 and size) or why not.
    ///
    /// - Throws: `BundleError` (`evidence-too-large`) naming every artifact over ``limits``.
    func artifacts() throws -> AuditPackageSection {
        let recorded = BundleContents.evidenceArtifacts(model, frameworks: [framework])
        let evidence = BundleEvidence.read(
            recorded, from: root, budget: limits.maxEvidenceBytes,
            limits: BundleLimits(maxEntryBytes: limits.maxArtifactBytes))
        let tooLarge = evidence.withheld.filter { $0.reason == .tooLarge }
        guard tooLarge.isEmpty else {
            throw BundleError(
                code: .evidenceTooLarge,
                detail: "evidence too large for the package ("
                    + tooLarge.map { "\($0.path): \($0.detail)" }.joined(separator: "; ")
                    + "); an auditor package packs at most \(limits.maxArtifactBytes) bytes per "
                    + "artifact and \(limits.maxEvidenceBytes) in all")
        }
        let withheld = Dictionary(
            evidence.withheld.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let rows = recorded.map { artifact -> [String] in
            let packedAs = BundleEvidence.bundlePath(artifact.path)
            if let data = evidence.files[packedAs] {
                return [
                    artifact.path, packedAs, SHA256.hash(data: data).hex, String(data.count),
                    artifact.evidence.joined(separator: " "), "packed",
                ]
            }
            return [
                artifact.path, "", artifact.sha256.sorted().joined(separator: " "), "",
                artifact.evidence.joined(separator: " "),
                withheld[artifact.path]?.reason.rawValue ?? "",
            ]
        }
        let index = CSVTable(
            header: ["path", "packed_as", "sha256", "size", "evidence", "status"], rows: rows,
            notice: notice)
        var files = evidence.files
        files["artifacts.csv"] = Data(index.text.utf8)
        return AuditPackageSection(
            title: "Evidence artifacts",
            summary: """
                The files the evidence points at (policies, reports, attestations and their \
                attachments…), each packed only when it was read inside the workspace and its \
                SHA-256 is the one recorded when the evidence was collected, so the hash in the \
                evidence index is the hash of the packed file. A file that is not packed is \
                listed with the reason (`bundle.evidence-refused`: outside the workspace, a \
                link, missing; `bundle.evidence-changed`: edited since collection; \
                `bundle.evidence-not-recorded`: no hash recorded). Evidence observed by a \
                command, a program or over HTTP has no file to pack: its result is in the index.
                """,
            listings: [
                .init(
                    path: "artifacts.csv",
                    about: "each artifact: workspace path, path in the package, SHA-256, size, "
                        + "evidence items, `packed` or why not"),
                .init(
                    path: "evidence/<workspace path>",
                    about: "the packed artifacts, under their path in the workspace"),
            ],
            files: files, withheld: evidence.withheld)
    }

    /// The requirements of the framework the percentages leave out, with the justification
    /// given for each.
    func exclusions() -> AuditPackageSection {
        let rows = scores.exclusions(under: .framework(framework)).map { exclusion -> [String] in
            let key = exclusion.requirement.key
            return [
                framework.rawValue, key.requirement.rawValue,
                graph.nodes[key]?.requirement.title.english ?? "",
                exclusion.justification.english, exclusion.visibility.rawValue,
            ]
        }
        let table = CSVTable(
            header: ["framework", "requirement", "title", "justification", "visibility"],
            rows: rows, notice: notice)
        return AuditPackageSection(
            title: "Exclusions",
            summary: rows.isEmpty
                ? "No requirement of \(framework) is excluded from scope."
                : """
                \(rows.count == 1 ? "One requirement" : "\(rows.count) requirements") of \
                \(framework) excluded from scope, which the percentages do not count, each with \
                its justification.
                """,
            listings: [
                .init(path: "exclusions.csv", about: "excluded requirements and justifications")
            ],
            files: ["exclusions.csv": Data(table.text.utf8)])
    }
}
